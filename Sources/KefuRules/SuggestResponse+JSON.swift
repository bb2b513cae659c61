import Kefu

extension SuggestResponse {
    /// The answer as one line of JSON with sorted keys, ended by a newline: the bytes `kefu suggest`
    /// writes for it, and a chat server's response body.
    public func jsonLine() -> [UInt8] {
        var json = JSONLine()
        write(to: &json)
        json.newline()
        return json.withBytes { Array($0) }
    }

    /// Writes the answer as one JSON object with sorted keys (see ``JSONLine``), without the newline.
    package func write(to json: inout JSONLine) {
        json.beginObject()
        if let error {
            json.key("error")
            json.beginObject()
            json.member("code", error.code)
            json.member("message", error.message)
            json.endObject()
        }
        if explain, let analysis = suggestion?.analysis {
            json.key("explanation")
            json.beginObject()
            json.key("candidates")
            json.beginArray()
            for candidate in analysis.candidates { Self.write(candidate, evidenceIn: analysis, to: &json) }
            json.endArray()
            json.member("normalized", analysis.text.text)
            json.key("tokens")
            json.beginArray()
            for token in analysis.tokens { json.string(analysis.text.text(of: token)) }
            json.endArray()
            json.endObject()
        }
        if let id {
            json.key("id")
            switch id {
            case .string(let text): json.string(text)
            case .number(let value): json.number(value)
            }
        }
        if let suggestion {
            let analysis = explain ? suggestion.analysis : nil
            json.key("intents")
            json.beginArray()
            for intent in suggestion.intents { Self.write(intent, evidenceIn: analysis, to: &json) }
            json.endArray()
            json.member("product", suggestion.productID)
            json.key("products")
            json.beginArray()
            for product in suggestion.products {
                json.beginObject()
                json.member("because", product.because)
                json.member("id", product.id)
                json.member("name", product.name)
                json.member("score", product.score)
                json.endObject()
            }
            json.endArray()
            json.key("replies")
            json.beginArray()
            // By index, not `for reply in`: a copy of each reply retained and released its four strings.
            for index in suggestion.replies.indices {
                json.beginObject()
                json.member("because", suggestion.replies[index].because)
                json.member("id", suggestion.replies[index].id)
                json.member("intent", suggestion.replies[index].intent)
                json.member("score", suggestion.replies[index].score)
                json.member("text", suggestion.replies[index].text)
                json.endObject()
            }
            json.endArray()
            json.key("slots")
            suggestion.slots.write(to: &json)
        }
        json.member("text", text)
        if !warnings.isEmpty {
            json.key("warnings")
            json.beginArray()
            for warning in warnings {
                json.beginObject()
                json.member("code", warning.code)
                json.member("message", warning.message)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
    }

    /// Writes an intent as `{"evidence"?, "id", "score"}`; the evidence only with an analysis to place it in.
    private static func write(_ intent: IntentMatch, evidenceIn analysis: Analysis?, to json: inout JSONLine) {
        json.beginObject()
        if let analysis {
            json.key("evidence")
            json.beginArray()
            for item in intent.evidence {
                let evidence = Self.evidence(item, in: analysis)
                json.beginObject()
                json.member("matcher", evidence.matcher)
                json.key("original")
                json.beginArray()
                json.number(evidence.original.lowerBound)
                json.number(evidence.original.upperBound)
                json.endArray()
                json.member("text", evidence.text)
                json.member("weight", evidence.weight)
                json.endObject()
            }
            json.endArray()
        }
        json.member("id", intent.id)
        json.member("score", intent.score)
        json.endObject()
    }
}
