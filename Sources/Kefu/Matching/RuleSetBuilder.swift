/// Compiles an authored rule set into an immutable ``RuleSet``: build once, match many times.
///
/// The `KefuRules` target reads rule files, checks every reference with its position, and fills
/// a builder; the builder's own errors are a last line of defence for a caller that skipped it.
///
/// ```swift
/// var builder = RuleSetBuilder(lexicon: lexicon)
/// builder.concepts["courier"] = [.term("顺丰"), .term("中通")]
/// builder.intents.append(IntentDefinition(id: "shipping", name: "物流", matchers: [...]))
/// let rules = try builder.build()
/// ```
package struct RuleSetBuilder: Sendable {
    /// Built-in concepts: token kinds a matcher can name as `~size_label`, `~number`, `~emoji`, `~latin`.
    package static let builtInConcepts: [String: Token.Kind] = [
        "size_label": .sizeLabel, "number": .number, "emoji": .emoji, "latin": .latin,
    ]
    /// Concepts whose words are also slot values (their lexicon kind).
    package static let slotConcepts: Set<String> = ["courier", "region", "category", "material", "colour"]

    /// The domain lexicon; every term a rule names joins it.
    package var lexicon: Lexicon
    /// The default minimum score of an intent.
    package var threshold: Double = 0.5
    /// The default most counted tokens between two steps of a sequence.
    package var gap: Int = 3
    /// Words not counted in sequence gaps (的 了 吗 呢 呀 亲 哦).
    package var particles: [TermReference] = []
    /// Named concepts.
    package var concepts: [String: [TermReference]] = [:]
    /// Canonical term → variants (typos, homophones, pinyin) that match wherever it is named.
    package var synonyms: [(canonical: String, variants: [String])] = []
    /// The intents, in declaration order (ties rank by it).
    package var intents: [IntentDefinition] = []
    /// The shop's profile.
    package var shop = ShopProfile()
    /// The catalog's products.
    package var products: [Product] = []
    /// The scripted replies.
    package var replies: [ReplyDefinition] = []
    /// The learned intent model (`model.tsv`), if the rule set has one.
    package var model: IntentModel?

    /// Creates a builder over a base lexicon.
    package init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    /// Why a rule set could not be built.
    package struct BuildError: Error, Sendable, CustomStringConvertible {
        package let description: String
    }

    /// Compiles the rule set.
    ///
    /// - Throws: ``BuildError`` for an undefined or cyclic concept, an invalid regular expression,
    ///   an empty term, or a matcher with more than 64 steps.
    package func build() throws(BuildError) -> RuleSet {
        try build(model: { model })
    }

    /// Compiles the rule set, asking for the learned model last, when the rest is compiled (the
    /// loader parses it on another thread meanwhile).
    ///
    /// - Parameter model: The learned model, instead of ``model``.
    /// - Throws: ``BuildError``, as ``build()``.
    package func build(model: () -> IntentModel?) throws(BuildError) -> RuleSet {
        let normalizer = Normalizer()
        // 1. Every term, normalized; those that are not Latin or digits join the lexicon.
        var allTerms: [String] = []
        func collect(_ references: [TermReference]) {
            for case .term(let text) in references { allTerms.append(text) }
        }
        for (_, members) in concepts.sorted(by: { $0.key < $1.key }) { collect(members) }
        collect(particles)
        for synonym in synonyms { allTerms.append(synonym.canonical); allTerms.append(contentsOf: synonym.variants) }
        for intent in intents {
            for matcher in intent.matchers {
                collect(matcher.none)
                switch matcher.pattern {
                case .any(let terms): collect(terms)
                case .all(let steps), .sequence(let steps, _): for step in steps { collect(step.alternatives) }
                case .regex: break
                }
            }
        }
        // Each distinct text is normalized once: rule sets and catalogs name the same words many times.
        var normalizedTexts: [ExactText: NormalizedText] = [:]
        normalizedTexts.reserveCapacity(allTerms.count)
        func normalized(_ term: String) -> NormalizedText {
            let key = ExactText(term)
            if let known = normalizedTexts[key] { return known }
            let text = normalizer.normalize(term)
            normalizedTexts[key] = text
            return text
        }
        // The new lexicon words, normalized (the lexicon would normalize them again, for the same words).
        var entries: [Lexicon.Entry] = []
        for (name, members) in concepts.sorted(by: { $0.key < $1.key }) where Self.slotConcepts.contains(name) {
            for case .term(let text) in members {
                let normalizedText = normalized(text)
                if Self.joinsLexicon(normalizedText.units) { entries.append(Lexicon.Entry(normalizedText.text, kind: name)) }
            }
        }
        for product in products {
            entries.append(Lexicon.Entry(normalized(product.category).text, kind: "category"))
            for material in product.materials { entries.append(Lexicon.Entry(normalized(material).text, kind: "material")) }
            for colour in product.colours { entries.append(Lexicon.Entry(normalized(colour).text, kind: "colour")) }
        }
        for term in allTerms {
            let text = normalized(term)
            if text.isEmpty { throw BuildError(description: "empty term '\(term)'") }
            if Self.joinsLexicon(text.units) { entries.append(Lexicon.Entry(text.text)) }
        }
        let lexicon = self.lexicon.adding(normalized: entries)
        let segmenter = Segmenter(lexicon: lexicon)

        // 2. Symbols: lexicon ids, then Latin/number/size token texts, then phrases.
        var textSymbols: [String: Int32] = [:]
        var phraseSymbols: [[Int32]: Int32] = [:]
        var symbolCount = Int32(lexicon.count)
        var symbolOfTerm: [ExactText: Int32] = [:]
        symbolOfTerm.reserveCapacity(allTerms.count)
        func symbol(of term: String) -> Int32 {
            let termKey = ExactText(term)
            if let known = symbolOfTerm[termKey] { return known }
            let text = normalized(term)
            let tokens = segmenter.segment(text)
            var raw: [Int32] = []
            for token in tokens {
                if token.lexeme >= 0 {
                    raw.append(token.lexeme)
                } else {
                    let key = text.text(of: token)
                    if let existing = textSymbols[key] {
                        raw.append(existing)
                    } else {
                        textSymbols[key] = symbolCount
                        raw.append(symbolCount)
                        symbolCount += 1
                    }
                }
            }
            let result: Int32
            if raw.count == 1 {
                result = raw[0]
            } else if let existing = phraseSymbols[raw] {
                result = existing
            } else {
                phraseSymbols[raw] = symbolCount
                result = symbolCount
                symbolCount += 1
            }
            symbolOfTerm[termKey] = result
            return result
        }
        for term in allTerms { _ = symbol(of: term) }
        // Every term has its symbol now: the normalized texts are not needed again (a miss would
        // only normalize once more), and a large rule set's are many.
        normalizedTexts = [:]

        // 3. Synonyms: variant → canonical, chains followed.
        var canonical = (0..<symbolCount).map { $0 }
        for synonym in synonyms {
            let target = symbol(of: synonym.canonical)
            for variant in synonym.variants {
                let source = symbol(of: variant)
                if source != target { canonical[Int(source)] = target }
            }
        }
        for s in canonical.indices {
            var seen = 0
            var target = canonical[s]
            while canonical[Int(target)] != target, seen < canonical.count {
                target = canonical[Int(target)]
                seen += 1
            }
            canonical[s] = target
        }

        // 4. Concepts, resolved to canonical symbols and token kinds.
        var resolved: [String: (symbols: Set<Int32>, kinds: Set<Int>)] = [:]
        func resolve(_ name: String, _ path: [String]) throws(BuildError) -> (symbols: Set<Int32>, kinds: Set<Int>) {
            if let done = resolved[name] { return done }
            if let kind = Self.builtInConcepts[name] { return ([], [IntentMatcher.kindIndex(kind)]) }
            guard let members = concepts[name] else { throw BuildError(description: "undefined concept '~\(name)'") }
            if path.contains(name) {
                throw BuildError(description: "concept cycle: " + (path + [name]).map { "~" + $0 }.joined(separator: " → "))
            }
            var result: (symbols: Set<Int32>, kinds: Set<Int>) = ([], [])
            for member in members {
                switch member {
                case .term(let text): result.symbols.insert(canonical[Int(symbol(of: text))])
                case .concept(let inner):
                    let innerResult = try resolve(inner, path + [name])
                    result.symbols.formUnion(innerResult.symbols)
                    result.kinds.formUnion(innerResult.kinds)
                }
            }
            resolved[name] = result
            return result
        }
        func expand(_ reference: TermReference) throws(BuildError) -> (symbols: Set<Int32>, kinds: Set<Int>) {
            switch reference {
            case .term(let text): return ([canonical[Int(symbol(of: text))]], [])
            case .concept(let name): return try resolve(name, [])
            }
        }

        // 5. Matchers and postings.
        var particleSymbols = Set<Int32>()
        for particle in particles { particleSymbols.formUnion(try expand(particle).symbols) }
        var matchers: [IntentMatcher.Matcher] = []
        var labels: [String] = []
        var symbolPostings = [[IntentMatcher.Posting]](repeating: [], count: Int(symbolCount))
        var kindPostings = [[IntentMatcher.Posting]](repeating: [], count: 6)
        var regexes: [(matcher: Int32, regex: LinearRegex)] = []
        var intentsOut: [Intent] = []
        for (intentIndex, intent) in intents.enumerated() {
            intentsOut.append(
                Intent(id: intent.id, name: intent.name, isSecondary: intent.isSecondary,
                       threshold: intent.threshold ?? threshold))
            for definition in intent.matchers {
                let index = Int32(matchers.count)
                func post(_ reference: TermReference, step: UInt8, anchor: Bool) throws(BuildError) {
                    let posting = IntentMatcher.Posting(matcher: index, step: step, anchor: anchor)
                    func post(symbol s: Int32) {
                        // Matchers post in index order, so this matcher's postings end each list.
                        for earlier in symbolPostings[Int(s)].reversed() {
                            if earlier.matcher != index { break }
                            if earlier.step == step { return }
                        }
                        symbolPostings[Int(s)].append(posting)
                    }
                    if case .term(let text) = reference {
                        post(symbol: canonical[Int(symbol(of: text))])
                        return
                    }
                    let (symbols, kinds) = try expand(reference)
                    for s in symbols.sorted() { post(symbol: s) }
                    for k in kinds.sorted() { kindPostings[k].append(posting) }
                }
                var kind = IntentMatcher.Kind.any
                var steps: [MatcherStep] = []
                var gap = Int32(self.gap)
                switch definition.pattern {
                case .any(let terms):
                    steps = [MatcherStep(terms)]
                case .all(let s):
                    kind = .all
                    steps = s
                case .sequence(let s, let g):
                    kind = .sequence
                    steps = s
                    gap = Int32(g)
                case .regex(let pattern):
                    kind = .regex
                    do {
                        regexes.append((index, try LinearRegex(pattern)))
                    } catch {
                        throw BuildError(description: "invalid regular expression '\(pattern)': \(error)")
                    }
                }
                if steps.count > 64 { throw BuildError(description: "\(definition.label): more than 64 steps") }
                var optional: UInt64 = 0
                for (s, step) in steps.enumerated() where step.isOptional { optional |= 1 << UInt64(s) }
                let anchor = try Self.anchorStep(steps, kind: kind, expand: expand, particles: particleSymbols)
                for (s, step) in steps.enumerated() {
                    for alternative in step.alternatives {
                        try post(alternative, step: UInt8(s), anchor: anchor == nil || anchor == s)
                    }
                }
                // A regular expression runs on every message; its `none` hits are always needed.
                for reference in definition.none {
                    try post(reference, step: IntentMatcher.noneStep, anchor: kind == .regex)
                }
                matchers.append(
                    IntentMatcher.Matcher(
                        intent: Int32(intentIndex), kind: kind, role: definition.role,
                        stepCount: steps.count, optionalSteps: optional, gap: gap, hasNone: !definition.none.isEmpty))
                labels.append(definition.label)
            }
        }
        var postingStart: [Int32] = [0]
        var postings: [IntentMatcher.Posting] = []
        for list in symbolPostings {
            postings.append(contentsOf: list)
            postingStart.append(Int32(postings.count))
        }
        var isParticle = [Bool](repeating: false, count: Int(symbolCount))
        for s in particleSymbols { isParticle[Int(s)] = true }
        var phrases: [Int32: [(rest: [Int32], symbol: Int32)]] = [:]
        for (raw, symbol) in phraseSymbols.sorted(by: { $0.value < $1.value }) {
            phrases[raw[0], default: []].append((Array(raw.dropFirst()), symbol))
        }
        var startsPhrase = [Bool](repeating: false, count: Int(symbolCount))
        for first in phrases.keys where first >= 0 && Int(first) < startsPhrase.count { startsPhrase[Int(first)] = true }
        let matcher = IntentMatcher(
            matchers: matchers, labels: labels, postingStart: postingStart, postings: postings, kindPostings: kindPostings,
            canonical: canonical, textSymbols: TextSymbolTable(textSymbols), phrases: phrases, startsPhrase: startsPhrase, isParticle: isParticle,
            regexes: regexes)
        return RuleSet(intents: intentsOut, definitions: intents, lexicon: lexicon, matcher: matcher, shop: shop,
                       catalog: Catalog(products), replies: replies, model: model())
    }

    /// The step whose hits make a matcher worth evaluating (see ``IntentMatcher/Posting/anchor``),
    /// or `nil` when every step's hits do.
    ///
    /// `all` and `sequence` matchers fire only with every required step present, so one required
    /// step is enough to wake them: the one least likely in a message, guessed from its terms
    /// (a built-in kind such as `~number` is in many messages, a particle in most, a step of many
    /// words is likelier than one of a few). Any guess is correct; a good one saves work.
    private static func anchorStep(
        _ steps: [MatcherStep], kind: IntentMatcher.Kind,
        expand: (TermReference) throws(BuildError) -> (symbols: Set<Int32>, kinds: Set<Int>),
        particles: Set<Int32>
    ) throws(BuildError) -> Int? {
        guard kind == .all || kind == .sequence else { return nil }
        var best: (step: Int, cost: Int)?
        for (s, step) in steps.enumerated() where !step.isOptional {
            var cost = 0
            for alternative in step.alternatives {
                let (symbols, kinds) = try expand(alternative)
                cost += 10_000 * kinds.count + symbols.count
                for symbol in symbols where particles.contains(symbol) { cost += 1_000 }
            }
            if let current = best, current.cost <= cost { continue }
            best = (s, cost)
        }
        return best?.step
    }

    /// Whether a normalized term becomes a lexicon word: Chinese and other non-Latin words do;
    /// Latin, digits and phrases with spaces are matched by their tokens' text instead, so that
    /// the segmenter still sees `xl` as a size and `yh` as Latin.
    static func joinsLexicon(_ normalized: [UInt16]) -> Bool {
        !normalized.isEmpty && !normalized.contains { $0 == 0x20 || ($0 < 0x80 && Segmenter.isASCIIAlphanumeric($0)) }
    }
}
