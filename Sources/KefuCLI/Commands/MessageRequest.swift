import Foundation

/// A JSON value that stands for a request id: a string or a number, echoed as it came.
enum RequestID: Codable, Hashable {
    case string(String)
    case number(Double)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        }
    }
}

/// One input line of `kefu suggest` given as JSON: `{"id", "text", "product", "conversation", "time"}`.
struct MessageRequest {
    var id: RequestID?
    var text: String
    var product: String?
    var conversation: String?
    var time: Double?

    init(text: String) {
        self.text = text
    }

    /// Why a JSON line cannot be answered, with the id when it could be read.
    struct Problem: Error {
        var id: RequestID?
        var code: String
        var message: String
    }

    private struct Wire: Decodable {
        var id: RequestID?
        var text: String?
        var product: String?
        var conversation: String?
        var time: Double?
    }

    private struct IDOnly: Decodable {
        var id: RequestID?
    }

    /// The longest conversation or product id accepted (the conversation store keeps ids as keys).
    static let maximumConversationBytes = 256

    static func decode(_ data: Data) throws -> MessageRequest {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: data)
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let id = (try? JSONDecoder().decode(IDOnly.self, from: data))?.id
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw Problem(id: id, code: "invalid-field", message: "field '\(field)' has the wrong type")
        } catch {
            throw Problem(id: nil, code: "invalid-json", message: "the line is not a valid JSON object")
        }
        guard let text = wire.text else {
            throw Problem(id: wire.id, code: "missing-text", message: "the JSON object has no 'text' field")
        }
        if let conversation = wire.conversation, conversation.utf8.count > maximumConversationBytes {
            throw Problem(id: wire.id, code: "invalid-field",
                          message: "'conversation' is longer than \(maximumConversationBytes) bytes")
        }
        if let product = wire.product, product.utf8.count > maximumConversationBytes {
            throw Problem(id: wire.id, code: "invalid-field", message: "'product' is longer than \(maximumConversationBytes) bytes")
        }
        var request = MessageRequest(text: text)
        request.id = wire.id
        request.product = wire.product
        request.conversation = wire.conversation
        request.time = wire.time
        return request
    }
}
