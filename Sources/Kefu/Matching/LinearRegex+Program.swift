extension LinearRegex {
    /// A Thompson NFA as a flat array of instructions, run by the Pike VM and turned into the ``DFA``.
    struct Program: Sendable {
        /// What an instruction does.
        enum Operation: UInt8, Sendable {
            /// Consume one scalar in set `other` and go to `next`.
            case consume
            /// Go to `next`, or else (lower priority) to `other`.
            case split
            /// Go to `next`.
            case jump
            /// Go to `next` if at the start of the text.
            case assertStart
            /// Go to `next` if at the end of the text.
            case assertEnd
            /// Start an iteration of loop `other` (whose body can match empty), then go to `next`.
            case loopStart
            /// End an iteration of loop `loop`: back to `next` first, or out to `other`; an iteration that
            /// consumed nothing only goes out, as in a backtracking engine.
            case greedyLoopEnd
            /// The same as ``greedyLoopEnd`` with out before back.
            case lazyLoopEnd
            /// End one of the first `n` iterations of `{n,}` (whose body can match empty) in loop `loop`:
            /// on to `next`, but out of the whole repetition to `other` if the iteration consumed nothing,
            /// as Swift `Regex` does (`(?:b|^){2,}` matches "" in "b").
            case progressCheck
            /// A match ends here.
            case match
        }

        /// One step of the program.
        struct Instruction: Sendable {
            /// What the instruction does.
            var operation: Operation
            /// The preferred (or only) next instruction.
            var next: Int32
            /// The set index (`consume`), the second choice (`split`, loop ends) or the loop (`loopStart`).
            var other: Int32
            /// The loop of a loop end.
            var loop: Int32 = 0
        }

        /// The instructions, in no particular order.
        let instructions: [Instruction]
        /// Where matching starts.
        let entry: Int32
        /// How many loops have a body that can match empty (the size of the Pike VM's loop marks).
        let loopCount: Int
        /// The most such loops around one instruction.
        let loopNesting: Int
        /// For each instruction, the ``loopNesting`` loops (whose body can match empty) around it, padded
        /// with `-1`: where the Pike VM reads which of them began their iteration at this position.
        let enclosingLoops: [Int32]
        /// How many instructions are `consume` or `match`: the most threads a Pike VM list can hold.
        let leafCount: Int
        /// The most instructions a pattern may expand to.
        static let maximumSize = 10_000
        /// The most loops whose body can match empty that may be nested in one another.
        static let maximumLoopNesting = 4

        /// How many states an instruction has in the Pike VM: one for each combination of the loops
        /// around it that began their iteration at this position.
        var stateCount: Int { 1 << loopNesting }
    }

    /// Builds a ``Program`` from a ``Node`` backwards: each node is compiled with its continuation.
    struct Compiler {
        /// The instructions emitted so far.
        var instructions: [Program.Instruction] = []
        /// The distinct sets that `consume` instructions refer to.
        var sets: [ScalarSet] = []
        /// The index of each set in ``sets``.
        var setIndices: [ScalarSet: Int32] = [:]
        /// Loops numbered so far.
        var loopCount = 0
        /// The loops whose body is being compiled, outermost first.
        var activeLoops: [Int32] = []
        /// The loops around each instruction emitted so far.
        var enclosingLoops: [[Int32]] = []
        /// The offset of the outermost repetition being expanded, for a size error.
        var repetitionOffset: Int?

        /// Compiles a whole pattern.
        ///
        /// - Returns: The program and the sets its `consume` instructions refer to.
        /// - Throws: ``SyntaxError`` if the pattern expands to more than ``Program/maximumSize`` instructions.
        static func compile(_ node: Node) throws(SyntaxError) -> (Program, [ScalarSet]) {
            var compiler = Compiler()
            let match = try compiler.emit(.init(operation: .match, next: -1, other: -1))
            let entry = try compiler.compile(node, next: match)
            let nesting = compiler.enclosingLoops.map(\.count).max() ?? 0
            let program = Program(
                instructions: compiler.instructions,
                entry: entry,
                loopCount: compiler.loopCount,
                loopNesting: nesting,
                enclosingLoops: compiler.enclosingLoops.flatMap { $0 + repeatElement(-1, count: nesting - $0.count) },
                leafCount: compiler.instructions.count { $0.operation == .consume || $0.operation == .match }
            )
            return (program, compiler.sets)
        }

        /// Appends an instruction.
        private mutating func emit(_ instruction: Program.Instruction) throws(SyntaxError) -> Int32 {
            guard instructions.count < Program.maximumSize else {
                throw SyntaxError(
                    message: "pattern too large: its repetitions expand it to more than "
                        + "\(Program.maximumSize) instructions",
                    offset: repetitionOffset ?? 0
                )
            }
            instructions.append(instruction)
            enclosingLoops.append(activeLoops)
            return Int32(instructions.count - 1)
        }

        /// Emits `node` so that it continues at `next`.
        ///
        /// - Returns: The node's first instruction.
        private mutating func compile(_ node: Node, next: Int32) throws(SyntaxError) -> Int32 {
            switch node {
            case .empty:
                return next
            case .scalar(let set):
                let index = setIndices[set] ?? Int32(sets.count)
                if index == sets.count {
                    sets.append(set)
                    setIndices[set] = index
                }
                return try emit(.init(operation: .consume, next: next, other: index))
            case .concatenation(let nodes):
                var current = next
                for node in nodes.reversed() { current = try compile(node, next: current) }
                return current
            case .alternation(let branches):
                var current = try compile(branches[branches.count - 1], next: next)
                for branch in branches.dropLast().reversed() {
                    let entry = try compile(branch, next: next)
                    current = try emit(.init(operation: .split, next: entry, other: current))
                }
                return current
            case .start:
                return try emit(.init(operation: .assertStart, next: next, other: -1))
            case .end:
                return try emit(.init(operation: .assertEnd, next: next, other: -1))
            case .repetition(let body, let min, let max, let isGreedy, let offset):
                let outermost = repetitionOffset == nil
                if outermost { repetitionOffset = offset }
                defer { if outermost { repetitionOffset = nil } }
                var current = next
                if let max {
                    // (B(B(B)?)?)?: skipping one optional copy skips the rest.
                    for _ in 0..<(max - min) {
                        let entry = try compile(body, next: current)
                        current = try choice(entry, or: next, isGreedy: isGreedy)
                    }
                } else {
                    current = try loop(body, isGreedy: isGreedy, next: next, offset: offset)
                    if body.canBeEmpty {
                        // Swift checks every iteration of an unbounded repetition for progress, the first
                        // `min` too; a bounded one, none.
                        for _ in 0..<min {
                            current = try checkedIteration(body, next: current, exit: next, offset: offset)
                        }
                        return current
                    }
                }
                for _ in 0..<min { current = try compile(body, next: current) }
                return current
            }
        }

        /// A split that prefers `entry` when greedy and `next` when lazy.
        private mutating func choice(_ entry: Int32, or next: Int32, isGreedy: Bool) throws(SyntaxError) -> Int32 {
            isGreedy
                ? try emit(.init(operation: .split, next: entry, other: next))
                : try emit(.init(operation: .split, next: next, other: entry))
        }

        /// `body*` (or `body*?`) continuing at `next`.
        ///
        /// A body that can match empty gets loop marks: an iteration that consumes nothing leaves the loop,
        /// which is what Swift `Regex` does (`(|a)*` matches "" in "aa", not "aa").
        private mutating func loop(
            _ body: Node,
            isGreedy: Bool,
            next: Int32,
            offset: Int
        ) throws(SyntaxError) -> Int32 {
            guard body.canBeEmpty else {
                let end = try emit(.init(operation: .jump, next: -1, other: -1))
                let bodyEntry = try compile(body, next: end)
                instructions[Int(end)] =
                    isGreedy
                    ? .init(operation: .split, next: bodyEntry, other: next)
                    : .init(operation: .split, next: next, other: bodyEntry)
                return end
            }
            let loop = try beginLoop(offset: offset)
            let end = try emit(.init(operation: .jump, next: -1, other: -1))
            let bodyEntry = try compile(body, next: end)
            activeLoops.removeLast()
            let start = try emit(.init(operation: .loopStart, next: bodyEntry, other: loop))
            instructions[Int(end)] = .init(
                operation: isGreedy ? .greedyLoopEnd : .lazyLoopEnd,
                next: start,
                other: next,
                loop: loop
            )
            return try choice(start, or: next, isGreedy: isGreedy)
        }

        /// One of the first iterations of `body{n,}`, whose body can match empty: on to `next`, or out to
        /// `exit` if it consumed nothing.
        private mutating func checkedIteration(
            _ body: Node,
            next: Int32,
            exit: Int32,
            offset: Int
        ) throws(SyntaxError) -> Int32 {
            let loop = try beginLoop(offset: offset)
            let end = try emit(.init(operation: .progressCheck, next: next, other: exit, loop: loop))
            let bodyEntry = try compile(body, next: end)
            activeLoops.removeLast()
            return try emit(.init(operation: .loopStart, next: bodyEntry, other: loop))
        }

        /// Numbers a new loop whose body can match empty and makes it active, checking how deep it is.
        private mutating func beginLoop(offset: Int) throws(SyntaxError) -> Int32 {
            let loop = Int32(loopCount)
            loopCount += 1
            activeLoops.append(loop)
            guard activeLoops.count <= Program.maximumLoopNesting else {
                throw SyntaxError(
                    message: "repetitions of groups that can match empty are nested more than "
                        + "\(Program.maximumLoopNesting) deep",
                    offset: offset
                )
            }
            return loop
        }
    }
}

extension LinearRegex {
    /// The equivalence classes of scalars: two scalars are in the same class when every set of the
    /// program holds both or neither, so the matcher looks at a scalar's class, never at the sets.
    struct ScalarClasses: Sendable {
        /// For the BMP: 256 block numbers (by high byte), then blocks of 256 class numbers (by low byte).
        let bmp: [UInt16]
        /// The first scalar value of each run of one class above the BMP, ascending from 0x10000.
        let astralStarts: [UInt32]
        /// The class of each run in ``astralStarts``.
        let astralClasses: [UInt16]
        /// How many classes there are.
        let count: Int
        /// Which classes each set holds: bit `c % 64` of word `set * wordsPerSet + c / 64`.
        let masks: [UInt64]
        /// Words per set in ``masks``.
        let wordsPerSet: Int
        /// The class of U+FFFD, which a lone surrogate counts as.
        let replacementClass: Int

        /// Partitions all scalars by their membership in `sets`.
        init(sets: [ScalarSet]) {
            // The scalar line cut where any set starts or stops: between two cuts, membership is constant.
            var cuts: [UInt32] = [0, 0x110000]
            for set in sets {
                for range in set.ranges {
                    cuts.append(range.lowerBound)
                    cuts.append(range.upperBound + 1)
                }
            }
            cuts.sort()
            var starts: [UInt32] = []
            for cut in cuts.dropLast() where starts.last != cut { starts.append(cut) }
            let signatureWords = (sets.count + 63) / 64
            var signatures = [UInt64](repeating: 0, count: starts.count * max(signatureWords, 1))
            for (index, set) in sets.enumerated() {
                var interval = 0
                for range in set.ranges {
                    while starts[interval] < range.lowerBound { interval += 1 }
                    while interval < starts.count, starts[interval] <= range.upperBound {
                        signatures[interval * signatureWords + index / 64] |= 1 << UInt64(index % 64)
                        interval += 1
                    }
                }
            }
            // Number the distinct signatures in order of first appearance.
            // (Up to 64 sets, the common case, a signature is one word.)
            var classOfWord: [UInt64: UInt16] = [:]
            var classOfSignature: [ArraySlice<UInt64>: UInt16] = [:]
            var intervalClasses: [UInt16] = []
            var representatives: [Int] = []
            intervalClasses.reserveCapacity(starts.count)
            for interval in starts.indices {
                let new = UInt16(truncatingIfNeeded: representatives.count)
                let theClass: UInt16
                if signatureWords == 1 {
                    theClass = classOfWord[signatures[interval], default: new]
                    classOfWord[signatures[interval]] = theClass
                } else {
                    let signature = signatures[interval * signatureWords..<(interval + 1) * signatureWords]
                    theClass = classOfSignature[signature, default: new]
                    classOfSignature[signature] = theClass
                }
                if theClass == new { representatives.append(interval) }
                intervalClasses.append(theClass)
            }
            count = representatives.count
            wordsPerSet = (count + 63) / 64
            var masks = [UInt64](repeating: 0, count: sets.count * wordsPerSet)
            for (theClass, interval) in representatives.enumerated() {
                for set in sets.indices
                where signatures[interval * signatureWords + set / 64] & (1 << UInt64(set % 64)) != 0 {
                    masks[set * wordsPerSet + theClass / 64] |= 1 << UInt64(theClass % 64)
                }
            }
            self.masks = masks
            // The BMP table, built from the runs of one class in each block of 256, with identical blocks
            // stored once (most blocks hold a single run).
            var bmp = [UInt16](repeating: 0, count: 256)
            var blockNumbers: [[UInt32]: UInt16] = [:]
            var interval = 0
            for high in 0..<256 {
                let blockStart = UInt32(high << 8)
                while interval + 1 < starts.count, starts[interval + 1] <= blockStart { interval += 1 }
                // Each run as its offset in the block (high half) and its class (low half).
                var runs: [UInt32] = []
                var run = interval
                while run < starts.count, starts[run] < blockStart + 256 {
                    runs.append((max(starts[run], blockStart) - blockStart) << 16 | UInt32(intervalClasses[run]))
                    run += 1
                }
                if let known = blockNumbers[runs] {
                    bmp[high] = known
                    continue
                }
                let number = UInt16(blockNumbers.count)
                blockNumbers[runs] = number
                bmp[high] = number
                for (index, run) in runs.enumerated() {
                    let end = index + 1 < runs.count ? runs[index + 1] >> 16 : 256
                    bmp.append(contentsOf: repeatElement(UInt16(run & 0xFFFF), count: Int(end - run >> 16)))
                }
            }
            while interval + 1 < starts.count, starts[interval + 1] <= 0x10000 { interval += 1 }
            self.bmp = bmp
            replacementClass = Int(bmp[256 + Int(bmp[0xFF]) << 8 + 0xFD])
            // Above the BMP: the runs from 0x10000 on, for a binary search.
            var astralStarts: [UInt32] = [0x10000]
            var astralClasses: [UInt16] = [intervalClasses[interval]]
            for index in (interval + 1)..<starts.count {
                astralStarts.append(starts[index])
                astralClasses.append(intervalClasses[index])
            }
            self.astralStarts = astralStarts
            self.astralClasses = astralClasses
        }

        /// Whether set number `set` holds the scalars of class `theClass`.
        func set(_ set: Int32, contains theClass: Int) -> Bool {
            masks[Int(set) * wordsPerSet + theClass >> 6] & (1 << UInt64(theClass & 63)) != 0
        }
    }

    /// A deterministic automaton that answers "is there a match anywhere?" with one table lookup per scalar.
    ///
    /// Built at compile time by the subset construction over the ``Program`` (ignoring priorities, which
    /// do not change whether a match exists), over ``ScalarClasses``. Rows are premultiplied by the class
    /// count: row 0 is dead (no match possible), row 1 is "a match has been seen".
    struct DFA: Sendable {
        /// `transitions[row + class]` is the next row, premultiplied.
        let transitions: [Int32]
        /// Whether reaching the end of the text in a row means a match (through `$`), by row number.
        let acceptsAtEnd: [Bool]
        /// The row at the start of the text, premultiplied.
        let start: Int32
        /// The number of classes, which is the length of a row.
        let classCount: Int32
        /// The most rows the construction may make before giving up (the Pike VM then runs alone).
        static let maximumRows = 2000
        /// The most instruction visits the construction may spend before giving up.
        static let maximumWork = 4_000_000

        /// Builds the automaton, or returns `nil` when it would be too large.
        init?(program: Program, classes: ScalarClasses, isAnchored: Bool) {
            var closure = Closure(program: program)
            let classCount = classes.count
            self.classCount = Int32(classCount)
            var rows: [[Int32]] = [[], []]
            var acceptsAtEnd = [false, true]
            var rowOfSet: [[Int32]: Int32] = [:]
            var transitions = [Int32](repeating: 0, count: 2 * classCount)
            for theClass in 0..<classCount { transitions[classCount + theClass] = Int32(classCount) }

            let first = closure.leaves(from: [program.entry], atStart: true, atEnd: false)
            guard !first.isMatch else {
                self.transitions = transitions
                self.acceptsAtEnd = acceptsAtEnd
                self.start = Int32(classCount)
                return
            }
            // The start row is its own row even if a later row has the same set: `^` holds only here.
            rows.append(first.leaves)
            transitions.append(contentsOf: repeatElement(0, count: classCount))
            var row = 2
            while row < rows.count {
                let leaves = rows[row]
                acceptsAtEnd.append(closure.leaves(from: leaves, atStart: row == 2, atEnd: true).isMatch)
                for theClass in 0..<classCount {
                    var seeds: [Int32] = []
                    for leaf in leaves {
                        let instruction = program.instructions[Int(leaf)]
                        if instruction.operation == .consume, classes.set(instruction.other, contains: theClass) {
                            seeds.append(instruction.next)
                        }
                    }
                    if !isAnchored { seeds.append(program.entry) }
                    let next = closure.leaves(from: seeds, atStart: false, atEnd: false)
                    var target: Int32
                    if next.isMatch {
                        target = 1
                    } else if next.leaves.isEmpty {
                        target = 0
                    } else if let known = rowOfSet[next.leaves] {
                        target = known
                    } else {
                        target = Int32(rows.count)
                        rowOfSet[next.leaves] = target
                        rows.append(next.leaves)
                        transitions.append(contentsOf: repeatElement(0, count: classCount))
                    }
                    transitions[row * classCount + theClass] = target * Int32(classCount)
                    guard rows.count <= Self.maximumRows, closure.work <= Self.maximumWork else { return nil }
                }
                row += 1
            }
            self.transitions = transitions
            self.acceptsAtEnd = acceptsAtEnd
            self.start = Int32(2 * classCount)
        }
    }

    /// The ε-closure of a set of instructions, as a set (priorities play no part).
    struct Closure {
        /// The program whose instructions are followed.
        let program: Program
        /// The generation each instruction was last visited in.
        var marks: [Int]
        /// The current generation.
        var generation = 0
        /// Instructions visited so far, over all calls: a budget for the ``DFA`` construction.
        var work = 0

        /// A closure over `program`.
        init(program: Program) {
            self.program = program
            marks = Array(repeating: 0, count: program.instructions.count)
        }

        /// The instructions that wait for input (`consume`, and `$` when not at the end) reachable from
        /// `seeds` without consuming, sorted; or `isMatch` if a match is reachable.
        mutating func leaves(from seeds: [Int32], atStart: Bool, atEnd: Bool) -> (leaves: [Int32], isMatch: Bool) {
            generation += 1
            var leaves: [Int32] = []
            var stack = seeds
            while let pc = stack.popLast() {
                guard marks[Int(pc)] != generation else { continue }
                marks[Int(pc)] = generation
                work += 1
                let instruction = program.instructions[Int(pc)]
                switch instruction.operation {
                case .match:
                    return ([], true)
                case .consume:
                    leaves.append(pc)
                case .split, .greedyLoopEnd, .lazyLoopEnd, .progressCheck:
                    stack.append(instruction.next)
                    stack.append(instruction.other)
                case .jump, .loopStart:
                    stack.append(instruction.next)
                case .assertStart:
                    if atStart { stack.append(instruction.next) }
                case .assertEnd:
                    if atEnd { stack.append(instruction.next) } else { leaves.append(pc) }
                }
            }
            leaves.sort()
            return (leaves, false)
        }
    }
}

extension LinearRegex {
    /// A view of ``ScalarClasses`` through unsafe pointers, valid only inside
    /// ``ScalarClasses/withTable(_:)``, so that the matching loops do no bounds checks and no reference
    /// counting.
    struct ClassTable {
        /// ``ScalarClasses/bmp``.
        let bmp: UnsafeBufferPointer<UInt16>
        /// ``ScalarClasses/astralStarts``.
        let astralStarts: UnsafeBufferPointer<UInt32>
        /// ``ScalarClasses/astralClasses``.
        let astralClasses: UnsafeBufferPointer<UInt16>
        /// ``ScalarClasses/masks``.
        let masks: UnsafeBufferPointer<UInt64>
        /// ``ScalarClasses/wordsPerSet``.
        let wordsPerSet: Int
        /// The class of U+FFFD, which a lone surrogate counts as (as in `String(decoding:as:)`).
        let replacementClass: Int

        /// The class of a BMP scalar that is not a surrogate.
        @inline(__always)
        func bmpClass(of unit: UInt16) -> Int {
            Int(bmp[256 &+ Int(bmp[Int(unit &>> 8)]) &<< 8 &+ Int(unit & 0xFF)])
        }

        /// The class of the scalar that starts at `index`, and how many code units it takes.
        @inline(__always)
        func classAndWidth(in units: UnsafeBufferPointer<UInt16>, at index: Int) -> (theClass: Int, width: Int) {
            let unit = units[index]
            if unit & 0xF800 != 0xD800 { return (bmpClass(of: unit), 1) }
            return surrogateClassAndWidth(in: units, at: index)
        }

        /// The class and width of a surrogate pair (one scalar above the BMP) or of a lone surrogate.
        func surrogateClassAndWidth(in units: UnsafeBufferPointer<UInt16>, at index: Int) -> (theClass: Int, width: Int)
        {
            let unit = units[index]
            guard unit < 0xDC00, index + 1 < units.count, units[index + 1] & 0xFC00 == 0xDC00 else {
                return (replacementClass, 1)
            }
            let value = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(units[index + 1] - 0xDC00)
            var low = 0
            var high = astralStarts.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if astralStarts[middle] <= value { low = middle } else { high = middle }
            }
            return (Int(astralClasses[low]), 2)
        }

        /// Whether set number `set` holds the scalars of class `theClass`.
        @inline(__always)
        func set(_ set: Int32, contains theClass: Int) -> Bool {
            masks[Int(set) &* wordsPerSet &+ theClass &>> 6] & (1 &<< UInt64(theClass & 63)) != 0
        }
    }
}

extension LinearRegex.ScalarClasses {
    /// Calls `body` with an unsafe view of the tables.
    @inline(__always)
    func withTable<Result>(_ body: (LinearRegex.ClassTable) -> Result) -> Result {
        bmp.withUnsafeBufferPointer { bmp in
            astralStarts.withUnsafeBufferPointer { astralStarts in
                astralClasses.withUnsafeBufferPointer { astralClasses in
                    masks.withUnsafeBufferPointer { masks in
                        body(
                            LinearRegex.ClassTable(
                                bmp: bmp,
                                astralStarts: astralStarts,
                                astralClasses: astralClasses,
                                masks: masks,
                                wordsPerSet: wordsPerSet,
                                replacementClass: replacementClass
                            )
                        )
                    }
                }
            }
        }
    }
}

extension LinearRegex.DFA {
    /// Whether the text holds a match anywhere.
    ///
    /// - Complexity: O(*n*) in the number of code units: one table lookup for a scalar's class and one
    ///   for the next row; it stops at the first point where a match has ended or none can start.
    func hasMatch(in units: UnsafeBufferPointer<UInt16>, table: LinearRegex.ClassTable) -> Bool {
        guard start > classCount else { return start == classCount }
        return transitions.withUnsafeBufferPointer { transitions in
            var row = start
            var index = 0
            let count = units.count
            while index < count {
                let unit = units[index]
                let theClass: Int
                if unit & 0xF800 != 0xD800 {
                    theClass = table.bmpClass(of: unit)
                    index &+= 1
                } else {
                    let (found, width) = table.surrogateClassAndWidth(in: units, at: index)
                    theClass = found
                    index &+= width
                }
                row = transitions[Int(row) &+ theClass]
                if row <= classCount { return row == classCount }
            }
            return acceptsAtEnd[Int(row / classCount)]
        }
    }
}
