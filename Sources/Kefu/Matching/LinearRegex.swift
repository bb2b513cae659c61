/// A regular expression for rule files that matches in time linear in the text, with the ranges Swift's
/// `Regex` reports.
///
/// Rule authors write a rare `regex:` matcher; this engine runs it without backtracking, so no pattern
/// can take more than O(*m* × *n*) steps (pattern size × message length), and nested quantifiers such
/// as `(a+)+$` are as safe as any other. It compiles the pattern once into:
///
/// - a DFA (``DFA``) over equivalence classes of scalars (``ScalarClasses``), which answers "is there a
///   match?" with one table lookup per character. Most messages do not match, and for them the DFA is
///   all that runs;
/// - a Thompson NFA (``Program``), which finds the range of a match that exists: the **leftmost-first**
///   match, the range Swift's `Regex.firstMatch(in:)` reports, with Perl's priorities for alternatives
///   and for greedy and lazy quantifiers. A bounded backtracker (RE2's "BitState": it never visits an
///   instruction twice at one position) runs it over short texts, and a Pike VM over the rest.
///
/// A `LinearRegex` is immutable after `init` and can be shared across tasks. Matching allocates no heap
/// memory when the pattern has up to about 120 instructions (the shipped ones have 30 to 71).
///
/// ```swift
/// let regex = try LinearRegex(#"\d{2,3} ?(cm|厘米|公分|斤|kg|公斤|/\d)|脚\d{2}"#)
/// regex.firstMatch(in: "身高165cm穿什么码")   // 2..<7: "165cm"
/// regex.firstMatch(in: "有优惠吗")           // nil
/// ```
///
/// ## Syntax
///
/// | Syntax | Meaning |
/// |---|---|
/// | `a`, `好` | That Unicode scalar |
/// | `\\ \. \? \( \) \[ \] \{ \} \| \* \+ \^ \$ \- \/` | The character after `\` (any escaped ASCII punctuation stands for itself) |
/// | `\n \t \r` | Newline, tab, carriage return |
/// | `\uXXXX`, `\u{X…}`, `\xXX`, `\x{X…}` | The scalar with that hexadecimal value |
/// | `.` | Any scalar except a newline (`\n`, `\u{B}`, `\u{C}`, `\r`, `\u{85}`, `\u{2028}`, `\u{2029}`) |
/// | `[abc]`, `[a-z]`, `[^…]` | A class: scalars, ranges, escapes and `\d \w \s \D \W \S`; a `-` first, last or after a range is literal |
/// | `\d`, `\D` | A scalar with a numeric value, or not: like Swift `Regex`'s default, this includes `一 二 十 百 千 万`, `①` and `½` as well as `0-9`; write `[0-9]` for ASCII digits |
/// | `\w`, `\W` | An alphabetic or numeric scalar or `_` (so every CJK ideograph), or not; as Swift `Regex`'s default |
/// | `\s`, `\S` | A scalar with the Unicode `White_Space` property, or not |
/// | `( )`, `(?: )`, `(?<name> )`, `(?P<name> )`, `(?'name' )` | A group; nothing is captured, so a name is only checked |
/// | `a\|b` | Alternation, the first branch preferred |
/// | `? * + {n} {n,} {n,m} {,m}` | Greedy repetition, `n` and `m` at most 1000 |
/// | `?? *? +? {n,m}?` … | Lazy repetition |
/// | `^`, `$` | The start and the end of the text (the text is one line) |
///
/// A repetition of a group that can match empty follows Swift's rule: an iteration of `*`, `+` or
/// `{n,}` that consumes nothing ends the repetition (so `(|a)*` matches "" in "aa", and
/// `(?:b|^){2,}` matches "" in "b"), while `?` and `{n,m}` try every iteration.
///
/// Matching works on Unicode scalars (a surrogate pair is one scalar; a lone surrogate counts as
/// U+FFFD). Swift's `Regex` matches grapheme clusters by default, so the two can differ on a
/// multi-scalar character: `.` and `[^\w?]` match all of `👍🏻` in Swift but only `👍` here, and a
/// literal `é` does not match a decomposed `e` + U+0301 here. On text whose characters are single
/// scalars (ASCII, CJK, full-width forms, most emoji) the ranges are the same; the tests check this.
///
/// ## Rejected
///
/// Each of these throws a ``SyntaxError`` that names the construct and its offset: backreferences
/// (`\1`, `\k<n>`, `(?P=n)`), lookahead and lookbehind, atomic groups (`(?>…)`), possessive
/// quantifiers (`a*+`), inline options (`(?i)`), comment, conditional and branch-reset groups,
/// recursion, backtracking verbs (`(*…)`), word boundaries (`\b`, `\B`), `\A \z \Z \G`, Unicode
/// properties (`\p{…}`), `\Q…\E`, unknown escapes (a letter, a digit or a non-ASCII character), nested
/// classes and class set operations (`[[:alpha:]]`, `&&`, `--`, `~~`), a `{` that is not a quantifier,
/// a quantifier with nothing to repeat or after another quantifier or an anchor, counts over 1000,
/// repetitions of groups that can match empty nested more than 4 deep (`(((((a?)*)*)*)*)*`), and
/// patterns that expand to more than ``Program/maximumSize`` instructions or are longer than 10,000
/// characters.
package struct LinearRegex: Sendable {
    /// The pattern as written.
    let pattern: String
    /// The compiled pattern, shared by copies of this value.
    let engine: Engine

    /// A pattern that the engine does not support or cannot parse.
    struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, quoting the pattern: `"unbalanced ')'"`.
        var message: String
        /// Where in the pattern it is: 0-based, counted in Unicode scalars (a YAML column counts the same).
        var offset: Int
        /// The message and the offset: `"unbalanced ')' at offset 3"`.
        var description: String { "\(message) at offset \(offset)" }
    }

    /// Compiles a pattern.
    ///
    /// ```swift
    /// let regex = try LinearRegex("^(在|人呢)[?!.~]*$")
    /// ```
    /// - Parameter pattern: A pattern in the syntax the type's documentation lists.
    /// - Throws: ``SyntaxError`` at the first construct that is malformed or unsupported.
    /// - Complexity: O(*m*) in the size of the pattern after expanding counted repetitions, plus the DFA
    ///   construction, which is capped. The first pattern that uses `\d`, `\w` or `\s` also builds those
    ///   sets from the Unicode tables, once per process.
    init(_ pattern: String) throws(SyntaxError) {
        var parser = Parser(pattern)
        let node = try parser.parse()
        let (program, sets) = try Compiler.compile(node)
        self.pattern = pattern
        self.engine = Engine(program: program, sets: sets, isAnchored: node.isAnchoredAtStart)
    }

    /// Whether every match must start at the start of the text (every branch begins with `^`): then
    /// matching is tried at the start only.
    var isAnchored: Bool { engine.isAnchored }

    /// The UTF-16 range of the leftmost-first match in a text.
    ///
    /// ```swift
    /// try LinearRegex("好的?|嗯+").firstMatch(in: Array("嗯嗯,好的".utf16))   // 0..<2
    /// ```
    /// - Parameter units: The text as UTF-16 code units, such as ``NormalizedText/units``.
    /// - Returns: The range Swift's `Regex.firstMatch(in:)` would report, in UTF-16 offsets; `nil` if none.
    /// - Complexity: O(*n*) in the number of code units with the DFA; O(*n* × *m*) in the size of the
    ///   program when there is a match (or no DFA).
    func firstMatch(in units: UnsafeBufferPointer<UInt16>) -> Range<Int>? {
        engine.firstMatch(in: units)
    }

    /// The UTF-16 range of the leftmost-first match in a text.
    ///
    /// - Parameter units: The text as UTF-16 code units, such as ``NormalizedText/units``.
    /// - Returns: The range of the match in UTF-16 offsets, or `nil`.
    func firstMatch(in units: [UInt16]) -> Range<Int>? {
        units.withUnsafeBufferPointer { engine.firstMatch(in: $0) }
    }

    /// The UTF-16 range of the leftmost-first match in a string.
    ///
    /// - Parameter string: The text.
    /// - Returns: The range of the match in UTF-16 offsets, or `nil`.
    func firstMatch(in string: String) -> Range<Int>? {
        firstMatch(in: Array(string.utf16))
    }

    /// Whether the text holds a match anywhere: the DFA alone, without finding the match's range.
    ///
    /// - Parameter units: The text as UTF-16 code units.
    /// - Returns: Whether `firstMatch(in:)` would return a range.
    /// - Complexity: O(*n*) in the number of code units.
    func containsMatch(in units: UnsafeBufferPointer<UInt16>) -> Bool {
        engine.containsMatch(in: units)
    }

    /// The compiled pattern: immutable after `init`, so one instance serves every copy and every task.
    final class Engine: Sendable {
        /// Whether every match must start at the start of the text.
        let isAnchored: Bool
        /// The NFA that the backtracker and the Pike VM run.
        let program: Program
        /// The classes of scalars that the program tells apart.
        let classes: ScalarClasses
        /// The "is there a match?" automaton, or `nil` if it would have been too large.
        let dfa: DFA?
        /// The classes a match can start with away from the start of the text, as a bit set.
        ///
        /// `nil` when a match can also start with `$` or be empty. The matchers try no other start.
        let startClasses: [UInt64]?
        /// The Pike VM's threads at the start of a non-empty text.
        let initialThreads: [Int32]

        /// Builds the classes and the DFA for a compiled program.
        init(program: Program, sets: [ScalarSet], isAnchored: Bool) {
            let classes = ScalarClasses(sets: sets)
            self.isAnchored = isAnchored
            self.program = program
            self.classes = classes
            self.dfa = DFA(program: program, classes: classes, isAnchored: isAnchored)
            self.initialThreads = PikeVM.initialThreads(of: program)
            var closure = Closure(program: program)
            let first = closure.leaves(from: [program.entry], atStart: false, atEnd: false)
            let consumes = first.leaves.filter { program.instructions[Int($0)].operation == .consume }
            if first.isMatch || consumes.count < first.leaves.count {
                startClasses = nil
            } else {
                var mask = [UInt64](repeating: 0, count: classes.wordsPerSet)
                for leaf in consumes {
                    let set = Int(program.instructions[Int(leaf)].other)
                    for word in mask.indices { mask[word] |= classes.masks[set * classes.wordsPerSet + word] }
                }
                startClasses = mask
            }
        }

        /// The range of the leftmost-first match: see `LinearRegex.firstMatch(in:)`.
        func firstMatch(in units: UnsafeBufferPointer<UInt16>) -> Range<Int>? {
            classes.withTable { table in
                if let dfa, !dfa.hasMatch(in: units, table: table) { return nil }
                return leftmostFirstMatch(in: units, table: table)
            }
        }

        /// Whether there is a match: see `LinearRegex.containsMatch(in:)`.
        func containsMatch(in units: UnsafeBufferPointer<UInt16>) -> Bool {
            classes.withTable { table in
                if let dfa { return dfa.hasMatch(in: units, table: table) }
                return leftmostFirstMatch(in: units, table: table) != nil
            }
        }
    }
}

extension LinearRegex {
    /// Which matcher finds the range of a match.
    enum Strategy: Sendable, CaseIterable {
        /// The bounded backtracker when it applies, else the Pike VM; the DFA first, to rule out texts
        /// without a match.
        case automatic
        /// The Pike VM alone.
        case pikeVM
        /// The bounded backtracker alone, or the Pike VM where it does not apply.
        case backtracker
    }

    /// The UTF-16 range of the leftmost-first match, found by a given matcher: for tests and benchmarks,
    /// which compare the matchers with each other.
    ///
    /// - Parameters:
    ///   - units: The text as UTF-16 code units.
    ///   - strategy: The matcher to use.
    /// - Returns: The range of the match in UTF-16 offsets, or `nil`.
    func firstMatch(in units: [UInt16], strategy: Strategy) -> Range<Int>? {
        units.withUnsafeBufferPointer { units in
            engine.classes.withTable { table in
                switch strategy {
                case .automatic: engine.firstMatch(in: units)
                case .pikeVM: engine.pikeVMMatch(in: units, table: table)
                case .backtracker: engine.leftmostFirstMatch(in: units, table: table)
                }
            }
        }
    }
}

extension LinearRegex.Engine {
    /// The leftmost-first match: by the bounded backtracker when the text is short and the program has
    /// no loop whose body can match empty, otherwise by the Pike VM.
    ///
    /// - Complexity: O(*n* × *m*) either way.
    func leftmostFirstMatch(in units: UnsafeBufferPointer<UInt16>, table: LinearRegex.ClassTable) -> Range<Int>? {
        if let found = backtrackingMatch(in: units, table: table) { return found }
        return pikeVMMatch(in: units, table: table)
    }

    /// Runs the Pike VM: all threads advance in lockstep over the text, in priority order, so the first
    /// thread to match in that order is the one a backtracking engine would have found.
    ///
    /// - Complexity: O(*n* × *m*): at each scalar, each instruction is visited at most once per state
    ///   (one state, or 2^*d* inside *d* ≤ 4 nested loops whose body can match empty).
    func pikeVMMatch(in units: UnsafeBufferPointer<UInt16>, table: LinearRegex.ClassTable) -> Range<Int>? {
        LinearRegex.PikeVM.withScratch(for: program, textEnd: units.count) { vm in
            vm.run(units, table: table, engine: self)
        }
    }
}

extension LinearRegex {
    /// The state of one Pike VM run, in memory that the caller owns.
    struct PikeVM {
        /// The program.
        let instructions: UnsafeBufferPointer<Program.Instruction>
        /// The threads at the current position: instructions, in priority order.
        var current: UnsafeMutablePointer<Int32>
        /// Where each thread of ``current`` started matching.
        var currentStarts: UnsafeMutablePointer<Int32>
        /// The threads at the next position.
        var next: UnsafeMutablePointer<Int32>
        /// Where each thread of ``next`` started matching.
        var nextStarts: UnsafeMutablePointer<Int32>
        /// How many threads ``current`` holds.
        var currentCount = 0
        /// How many threads ``next`` holds.
        var nextCount = 0
        /// The generation in which each state (instruction × ``stateCount`` + which loops around it began
        /// their iteration here) was last visited, so each is visited once per position; a `consume` or
        /// `match` instruction has one state, whose future does not depend on the loops.
        let marks: UnsafeMutablePointer<Int32>
        /// For each loop whose body can match empty, whether its `loopStart` is on the current
        /// depth-first path: its iteration began at this position and has consumed nothing yet.
        let onPath: UnsafeMutablePointer<Int32>
        /// ``Program/enclosingLoops``.
        let enclosingLoops: UnsafeBufferPointer<Int32>
        /// ``Program/loopNesting``.
        let loopNesting: Int
        /// ``Program/stateCount``.
        let stateCount: Int
        /// The depth-first stack of `addThread`: instructions, and `-1 - loop` to unmark a loop.
        let stack: UnsafeMutablePointer<Int32>
        /// The current generation.
        var generation: Int32 = 1
        /// The length of the text.
        let textEnd: Int

        /// Calls `body` with a VM for `program` whose memory is temporary.
        ///
        /// The memory is three allocations: the thread lists (4 × the number of `consume` and `match`
        /// instructions, which bounds a list), the marks, and the depth-first stack (each state pushes
        /// at most two entries). Each is on the stack when it is under 1 KB, which it is for patterns of
        /// up to about 120 instructions without loops whose body can match empty.
        static func withScratch<Result>(
            for program: Program,
            textEnd: Int,
            _ body: (inout PikeVM) -> Result
        ) -> Result {
            let states = program.instructions.count * program.stateCount
            let leaves = program.leafCount
            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 4 * leaves) { lists in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: states + program.loopCount) { marks in
                    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * states + 2) { stack in
                        // Only the marks must start at zero; the lists and the stack hold a trivial type
                        // and are written before they are read.
                        marks.initialize(repeating: 0)
                        return program.instructions.withUnsafeBufferPointer { instructions in
                            program.enclosingLoops.withUnsafeBufferPointer { enclosingLoops in
                                guard let lists = lists.baseAddress, let marks = marks.baseAddress,
                                    let stack = stack.baseAddress
                                else { preconditionFailure("a program has at least one instruction") }
                                var vm = PikeVM(
                                    instructions: instructions,
                                    current: lists,
                                    currentStarts: lists + leaves,
                                    next: lists + 2 * leaves,
                                    nextStarts: lists + 3 * leaves,
                                    marks: marks,
                                    onPath: marks + states,
                                    enclosingLoops: enclosingLoops,
                                    loopNesting: program.loopNesting,
                                    stateCount: program.stateCount,
                                    stack: stack,
                                    textEnd: textEnd
                                )
                                return body(&vm)
                            }
                        }
                    }
                }
            }
        }

        /// The threads at the start of a non-empty text, in priority order: the same for every text, so
        /// ``LinearRegex/Engine`` computes them once.
        static func initialThreads(of program: Program) -> [Int32] {
            withScratch(for: program, textEnd: 1) { vm in
                vm.addThread(program.entry, start: 0, at: 0)
                return Array(UnsafeBufferPointer(start: vm.next, count: vm.nextCount))
            }
        }

        /// Finds the leftmost-first match of `engine`'s program.
        mutating func run(_ units: UnsafeBufferPointer<UInt16>, table: ClassTable, engine: Engine) -> Range<Int>? {
            let entry = engine.program.entry
            let isAnchored = engine.isAnchored
            let initialThreads = engine.initialThreads
            var matchStart = -1
            var matchEnd = -1
            var position = 0
            var (theClass, width) = textEnd > 0 ? table.classAndWidth(in: units, at: 0) : (-1, 1)
            if textEnd > 0 {
                for (index, pc) in initialThreads.enumerated() {
                    current[index] = pc
                    currentStarts[index] = 0
                }
                currentCount = initialThreads.count
            } else {
                addThread(entry, start: 0, at: 0)
                swapLists()
            }
            while true {
                if currentCount == 0 && (matchStart >= 0 || isAnchored) { break }
                generation &+= 1
                for thread in 0..<currentCount {
                    let instruction = instructions[Int(current[thread])]
                    if instruction.operation == .match {
                        // Threads after this one have lower priority: drop them.
                        matchStart = Int(currentStarts[thread])
                        matchEnd = position
                        break
                    }
                    guard theClass >= 0, table.set(instruction.other, contains: theClass) else { continue }
                    let target = instruction.next
                    let operation = instructions[Int(target)].operation
                    if operation == .consume || operation == .match {
                        // Nothing to follow: what `addThread` would do, without the stack.
                        let mark = Int(target) &* stateCount
                        guard marks[mark] != generation else { continue }
                        marks[mark] = generation
                        next[nextCount] = target
                        nextStarts[nextCount] = currentStarts[thread]
                        nextCount &+= 1
                    } else {
                        addThread(target, start: currentStarts[thread], at: position + width)
                    }
                }
                if position >= textEnd { break }
                position += width
                (theClass, width) = position < textEnd ? table.classAndWidth(in: units, at: position) : (-1, 1)
                if matchStart < 0 && !isAnchored {
                    if nextCount == 0, engine.startClasses != nil {
                        // No thread is alive: skip to the next scalar that can start a match (a match
                        // cannot start at the end, or `startClasses` would be `nil`).
                        while position < textEnd, !engine.canStart(with: theClass) {
                            position += width
                            (theClass, width) =
                                position < textEnd ? table.classAndWidth(in: units, at: position) : (-1, 1)
                        }
                        if position >= textEnd { break }
                        generation &+= 1
                    }
                    if engine.canStart(with: theClass) { addThread(entry, start: Int32(position), at: position) }
                }
                swapLists()
            }
            return matchStart >= 0 ? matchStart..<matchEnd : nil
        }

        /// Makes ``next`` the current list.
        private mutating func swapLists() {
            swap(&current, &next)
            swap(&currentStarts, &nextStarts)
            currentCount = nextCount
            nextCount = 0
        }

        /// Which of the loops around `pc` began their iteration at this position, as bits.
        @inline(__always)
        private func state(of pc: Int32) -> Int {
            var state = 0
            for slot in 0..<loopNesting {
                let loop = enclosingLoops[Int(pc) &* loopNesting &+ slot]
                if loop >= 0 && onPath[Int(loop)] != 0 { state |= 1 &<< slot }
            }
            return state
        }

        /// Adds to ``next`` the instructions that wait for input (or match) reachable from `pc` at
        /// `position` without consuming, in priority order, skipping those already added at this position.
        mutating func addThread(_ pc: Int32, start: Int32, at position: Int) {
            stack[0] = pc
            var top = 1
            while top > 0 {
                top &-= 1
                let pc = stack[top]
                if pc < 0 {
                    onPath[Int(-1 - pc)] = 0
                    continue
                }
                let instruction = instructions[Int(pc)]
                var mark = Int(pc) &* stateCount
                if loopNesting > 0 && instruction.operation != .consume && instruction.operation != .match {
                    mark &+= state(of: pc)
                }
                guard marks[mark] != generation else { continue }
                marks[mark] = generation
                switch instruction.operation {
                case .consume, .match:
                    next[nextCount] = pc
                    nextStarts[nextCount] = start
                    nextCount &+= 1
                case .split:
                    stack[top] = instruction.other
                    stack[top &+ 1] = instruction.next
                    top &+= 2
                case .jump:
                    stack[top] = instruction.next
                    top &+= 1
                case .assertStart:
                    if position == 0 {
                        stack[top] = instruction.next
                        top &+= 1
                    }
                case .assertEnd:
                    if position == textEnd {
                        stack[top] = instruction.next
                        top &+= 1
                    }
                case .loopStart:
                    onPath[Int(instruction.other)] = 1
                    stack[top] = -1 - instruction.other
                    stack[top &+ 1] = instruction.next
                    top &+= 2
                case .progressCheck:
                    // Out of the repetition if the iteration consumed nothing, else on to the next one.
                    stack[top] = onPath[Int(instruction.loop)] != 0 ? instruction.other : instruction.next
                    top &+= 1
                case .greedyLoopEnd, .lazyLoopEnd:
                    if onPath[Int(instruction.loop)] != 0 {
                        // The iteration consumed nothing: leave the loop.
                        stack[top] = instruction.other
                        top &+= 1
                    } else if instruction.operation == .greedyLoopEnd {
                        stack[top] = instruction.other
                        stack[top &+ 1] = instruction.next
                        top &+= 2
                    } else {
                        stack[top] = instruction.next
                        stack[top &+ 1] = instruction.other
                        top &+= 2
                    }
                }
            }
        }
    }
}

extension LinearRegex.Engine {
    /// The most bits the backtracker's visited set may take (1 KB, on the stack): instructions × (text
    /// length + 1), so a 70-instruction pattern is backtracked over texts of up to 116 code units.
    static let maximumBacktrackingBits = 8192
    /// The most alternatives the backtracker may keep pending before it leaves the text to the Pike VM
    /// (960 bytes, on the stack).
    static let maximumBacktrackingJobs = 480

    /// Finds the leftmost-first match by backtracking in priority order, but never twice from the same
    /// instruction at the same position (RE2's "BitState"): a state that failed once fails again, for
    /// any start, so the search is O(*n* × *m*) like the Pike VM, and on a short text it stops at the
    /// first match instead of carrying every thread along.
    ///
    /// It does not handle loops whose body can match empty (their outcome depends on where the
    /// iteration began, which the visited set does not record).
    ///
    /// - Returns: The match (`.some(nil)` when there is none), or `nil` when the backtracker does not
    ///   apply: such a loop, a text too long for the visited set, or too many pending alternatives.
    func backtrackingMatch(in units: UnsafeBufferPointer<UInt16>, table: LinearRegex.ClassTable) -> Range<Int>?? {
        let bits = program.instructions.count * (units.count + 1)
        guard program.loopCount == 0, bits <= Self.maximumBacktrackingBits else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (bits + 63) / 64) { visited in
            let jobCount = min(bits, Self.maximumBacktrackingJobs)
            return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: jobCount) { jobs in
                visited.initialize(repeating: 0)
                return program.instructions.withUnsafeBufferPointer { instructions in
                    var backtracker = LinearRegex.Backtracker(
                        instructions: instructions,
                        units: units,
                        table: table,
                        visited: visited,
                        jobs: jobs
                    )
                    var start = 0
                    var (startClass, startWidth) = units.isEmpty ? (-1, 1) : table.classAndWidth(in: units, at: 0)
                    while true {
                        if start == 0 || canStart(with: startClass) {
                            switch backtracker.search(from: start, entry: program.entry) {
                            case .match(let end): return .some(start..<end)
                            case .noMatch: break
                            case .gaveUp: return nil
                            }
                        }
                        if isAnchored || start >= units.count { return .some(nil) }
                        start += startWidth
                        (startClass, startWidth) =
                            start < units.count ? table.classAndWidth(in: units, at: start) : (-1, 1)
                    }
                }
            }
        }
    }

    /// Whether a match can start, away from the start of the text, with a scalar of class `theClass`
    /// (`-1`: at the end of the text).
    @inline(__always)
    func canStart(with theClass: Int) -> Bool {
        guard let startClasses else { return true }
        return theClass >= 0 && startClasses[theClass >> 6] & (1 << UInt64(theClass & 63)) != 0
    }
}

extension LinearRegex {
    /// The state of a bounded backtracking search, in memory that the caller owns.
    struct Backtracker {
        /// How a search from one start ended.
        enum Outcome {
            /// A match ends at this position.
            case match(Int)
            /// No match starts here.
            case noMatch
            /// Too many alternatives were pending: the Pike VM must take over.
            case gaveUp
        }

        /// The program, which has no loop whose body can match empty.
        let instructions: UnsafeBufferPointer<Program.Instruction>
        /// The text.
        let units: UnsafeBufferPointer<UInt16>
        /// The scalar classes.
        let table: ClassTable
        /// One bit per instruction and position (`instruction × stride + position`), set once visited.
        let visited: UnsafeMutableBufferPointer<UInt64>
        /// The alternatives not taken yet, most recent last, as keys like those of ``visited``.
        let jobs: UnsafeMutableBufferPointer<UInt16>

        /// The positions per instruction in ``visited``: the text's length plus one.
        var stride: Int { units.count &+ 1 }

        /// Searches, in priority order, for a match that starts at `start`.
        ///
        /// The visited set carries over from earlier starts: a state that failed then fails now.
        mutating func search(from start: Int, entry: Int32) -> Outcome {
            let textEnd = units.count
            let stride = self.stride
            var pending = 0
            var pc = entry
            var position = start
            while true {
                // Follow the preferred path until it fails, leaving the alternatives on `jobs`.
                path: while true {
                    let key = Int(pc) &* stride &+ position
                    let bit: UInt64 = 1 &<< UInt64(key & 63)
                    guard visited[key &>> 6] & bit == 0 else { break path }
                    visited[key &>> 6] |= bit
                    let instruction = instructions[Int(pc)]
                    switch instruction.operation {
                    case .consume:
                        guard position < textEnd else { break path }
                        let (theClass, width) = table.classAndWidth(in: units, at: position)
                        guard table.set(instruction.other, contains: theClass) else { break path }
                        pc = instruction.next
                        position &+= width
                    case .match:
                        return .match(position)
                    case .split:
                        guard pending < jobs.count else { return .gaveUp }
                        jobs[pending] = UInt16(truncatingIfNeeded: Int(instruction.other) &* stride &+ position)
                        pending &+= 1
                        pc = instruction.next
                    case .jump:
                        pc = instruction.next
                    case .assertStart:
                        guard position == 0 else { break path }
                        pc = instruction.next
                    case .assertEnd:
                        guard position == textEnd else { break path }
                        pc = instruction.next
                    case .loopStart, .greedyLoopEnd, .lazyLoopEnd, .progressCheck:
                        return .gaveUp
                    }
                }
                guard pending > 0 else { return .noMatch }
                pending &-= 1
                let key = Int(jobs[pending])
                (pc, position) = (Int32(truncatingIfNeeded: key / stride), key % stride)
            }
        }
    }
}

extension LinearRegex {
    /// Why a pattern cannot be used, with the 0-based offset in Unicode scalars, or `nil`: the
    /// loader's check (`RegexCheck` in KefuRules), which reports it at the rule's position.
    ///
    /// Only parses and compiles the pattern: building the engine (its DFA) cannot fail, and the
    /// builder builds it again anyway.
    package static func problem(in pattern: String) -> (message: String, offset: Int)? {
        do {
            var parser = Parser(pattern)
            _ = try Compiler.compile(try parser.parse())
            return nil
        } catch {
            return (error.message, error.offset)
        }
    }
}
