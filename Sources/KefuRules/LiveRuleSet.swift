import Kefu

/// The rule set a server is serving now, replaced atomically by a reload that compiles.
///
/// Requests read ``current`` and keep that `RuleSet` for the whole request, so no request ever
/// sees a half-loaded rule set. ``reload(directory:)`` loads and compiles on the caller's thread
/// (off the request path), then swaps the new rule set in only if it has no errors; otherwise the
/// old one keeps serving and the error says why.
///
/// ```swift
/// let live = LiveRuleSet(try RuleSetLoader.load(directory: "Rules"))
/// let analysis = live.current.analyze(message)        // per request
/// do { try live.reload(directory: "Rules") }           // on SIGHUP
/// catch { log(error.description) }                    // the old rules still serve
/// ```
public final class LiveRuleSet: Sendable {
    private let state: Locked<(rules: RuleSet, generation: Int)>

    /// Starts serving a rule set.
    public init(_ rules: RuleSet) {
        state = Locked((rules, 1))
    }

    /// The rule set to use for one request.
    public var current: RuleSet { state.withLock { $0.rules } }

    /// How many rule sets have been served, this one included (1 before any reload).
    public var generation: Int { state.withLock { $0.generation } }

    /// Loads, compiles and swaps in the rules of a directory.
    ///
    /// - Returns: The new rule set, now current.
    /// - Throws: ``RuleLoadError`` when the new rules do not load; the old ones stay current.
    @discardableResult
    public func reload(directory: String) throws(RuleLoadError) -> RuleSet {
        install(try RuleSetLoader.load(directory: directory))
    }

    /// Compiles and swaps in rules given as text.
    ///
    /// - Throws: ``RuleLoadError`` when they do not load; the old ones stay current.
    @discardableResult
    public func reload(files: [RuleSetLoader.File]) throws(RuleLoadError) -> RuleSet {
        install(try RuleSetLoader.load(files: files))
    }

    private func install(_ rules: RuleSet) -> RuleSet {
        state.withLock { $0 = (rules, $0.generation + 1) }
        return rules
    }
}
