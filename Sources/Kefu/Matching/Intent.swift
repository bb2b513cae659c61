/// An intent a rule set knows: what a shopper wants (`size`, `shipping`, `discount`…).
public struct Intent: Sendable, Hashable, Identifiable {
    /// The intent's id, as rule files and corpus labels write it (`size`).
    public let id: String
    /// The display name (`尺码`).
    public let name: String
    /// Whether the intent ranks after every other intent that fired in the same message.
    public let isSecondary: Bool
    /// The minimum score for the intent to be reported.
    public let threshold: Double
}
