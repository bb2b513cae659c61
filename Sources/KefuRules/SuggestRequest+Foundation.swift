import Foundation

extension SuggestRequest {
    private struct Wire: Decodable {
        var id: ID?
        var text: String?
        var product: String?
        var conversation: String?
        var time: Double?
    }

    private struct IDOnly: Decodable {
        var id: ID?
    }

    /// Reads a JSON request with Foundation's `JSONDecoder`: how ``decode(_:)-(Data)`` did it before
    /// ``RequestReader``.
    ///
    /// The reference the hand-written reader is tested and fuzzed against (it must give the same request
    /// or the same ``Problem`` for every input), and the path for requests in UTF-16 or UTF-32, which
    /// `JSONDecoder` detects from NUL bytes among the first four.
    ///
    /// - Throws: ``Problem`` `invalid-json`, `invalid-field` or `missing-text`, as ``decode(_:)-(Data)``.
    @_spi(Reference) public static func decodeWithFoundation(_ data: Data) throws(Problem) -> SuggestRequest {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: data)
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            throw wrongType(data, context)
        } catch DecodingError.valueNotFound(_, let context) where !context.codingPath.isEmpty {
            throw wrongType(data, context)
        } catch {
            throw Problem.invalidJSON
        }
        guard let text = wire.text else { throw Problem.missingText(id: wire.id) }
        return SuggestRequest(
            text: text,
            id: wire.id,
            product: wire.product,
            conversation: wire.conversation,
            time: wire.time
        )
    }

    private static func wrongType(_ data: Data, _ context: DecodingError.Context) -> Problem {
        let id = (try? JSONDecoder().decode(IDOnly.self, from: data))?.id
        return Problem.wrongType(context.codingPath.map(\.stringValue).joined(separator: "."), id: id)
    }
}
