import Yams

extension RuleFileParser {
    /// Composes a rule file's YAML into nodes, as `Yams.compose(yaml:)` does, for less work.
    ///
    /// While it composes, Yams checks every mapping for duplicate keys by hashing the keys with
    /// their resolved tags, and its default resolver finds a plain scalar's tag by trying seven
    /// `NSRegularExpression`s on it: that was a third of the instructions a load of `Rules/`
    /// spent in Yams. The rules never read a tag, so the file is composed with the basic
    /// resolver (every plain scalar a string), which finds the same duplicate keys as the default
    /// one unless a key carries an explicit tag: `!!int 1` is the same key as a plain `1` to the
    /// default resolver, not to the basic one (a mapping or list key, through a tag inside it).
    /// Every explicit tag starts with `!`, so the nodes are kept when the file has no `!`, or
    /// when every key is a scalar whose tag is `str`. Otherwise, and whenever the basic resolver
    /// throws (a syntax error, a duplicate key), the file is composed again with the default
    /// resolver, for the very same nodes or error as before.
    ///
    /// The encoding is given as UTF-8: `Parser.Encoding.default` picks that for a native Swift
    /// string, after reading the process environment on every call.
    ///
    /// - Parameter text: The YAML.
    /// - Returns: The root node, or `nil` for an empty document.
    /// - Throws: `YamlError`, as `Yams.compose(yaml:)`.
    static func compose(_ text: String) throws -> Node? {
        // An empty document comes here as nil too, and is composed again: that is cheap.
        if let root = try? Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot() {
            // Every explicit tag starts with `!`: without one, the keys resolve alike.
            if !text.utf8.contains(UInt8(ascii: "!")) { return root }
            // Without aliases a document holds fewer nodes than bytes; past this, compose as before.
            var budget = text.utf8.count * maximumNodesPerByte + 1_000
            if keysResolveAlike(root, budget: &budget) { return root }
        }
        return try Parser(yaml: text, resolver: .default, encoding: .utf8).singleRoot()
    }

    /// Whether every mapping key under `root` is a scalar whose tag the basic resolver made
    /// `str`: then the default resolver would have found the same duplicate keys.
    private static func keysResolveAlike(_ root: Node, budget: inout Int) -> Bool {
        let string = Tag.Name.str.rawValue
        // Only mappings and lists are kept for a visit: most nodes are scalars.
        var pending = [root]
        func keep(_ node: Node) {
            switch node {
            case .scalar, .alias: budget -= 1
            case .sequence, .mapping: pending.append(node)
            }
        }
        while let node = pending.popLast() {
            budget -= 1
            if budget < 0 { return false }
            switch node {
            case .scalar, .alias:
                continue
            case .sequence(let items):
                for item in items { keep(item) }
            case .mapping(let pairs):
                for index in pairs.indices {
                    let (key, value) = pairs[index]
                    guard case .scalar(let scalar) = key, scalar.tag.rawValue == string else { return false }
                    budget -= 1
                    keep(value)
                }
            }
        }
        return budget >= 0
    }
}
