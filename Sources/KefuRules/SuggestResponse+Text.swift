import Kefu

extension SuggestResponse {
    /// The answer as a readable block (`kefu suggest --format text`): the message prefixed by the
    /// id in brackets, the intents with scores, the slots, the evidence when explaining, the
    /// replies, the products and the warnings, one a line, each line ended by a newline.
    public func readable() -> String {
        var lines: [String] = []
        if let error {
            lines.append("error [\(error.code)]: \(error.message)")
        } else {
            lines.append(text ?? "")
            let intents = suggestion?.intents ?? []
            let found = intents.map { "\($0.id) \(format($0.score))" }
            lines.append("  intents: " + (found.isEmpty ? "none" : found.joined(separator: ", ")))
            if let slots = suggestion?.slots, !slots.isEmpty {
                var json = JSONLine()
                slots.write(to: &json)
                lines.append("  slots: " + json.withBytes { String(decoding: $0, as: UTF8.self) })
            }
            if explain, let analysis = suggestion?.analysis {
                for intent in intents {
                    for item in intent.evidence {
                        let evidence = Self.evidence(item, in: analysis)
                        lines.append(
                            "    \(intent.id) ← \(evidence.matcher) \"\(evidence.text)\" (\(format(evidence.weight)))")
                    }
                }
            }
            for reply in suggestion?.replies ?? [] {
                lines.append("  reply \(reply.id) \(format(reply.score)): \(reply.text)")
            }
            for product in suggestion?.products ?? [] {
                lines.append("  product \(product.id) \(product.name) \(format(product.score)): \(product.because)")
            }
            for warning in warnings { lines.append("  warning [\(warning.code)]: \(warning.message)") }
        }
        if let id {
            switch id {
            case .string(let text): lines[0] = "[\(text)] " + lines[0]
            case .number(let value):
                // A whole number as an integer, when it is one Int64 holds (1e300 trapped here).
                let text = value == value.rounded() ? Int64(exactly: value).map { String($0) } : nil
                lines[0] = "[\(text ?? String(value))] " + lines[0]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
