import CICU
import Testing

/// The tables built from ICU at load take shortcuts around ICU's slower calls; each must come out
/// the same as the slow way, over every code point it covers.
@Suite struct FoldTableTests {
    /// The fold table asks ICU's Traditional→Simplified transliterator only about the characters in
    /// its source set, opened from its rules in ICU's data; it must come out the same as asking the
    /// transliterator ICU's registry opens about every Han character.
    @Test(arguments: [(UInt32(0), Int32(0x10000)), (UInt32(0x20000), Int32(0x20000))])
    func onlyTheSourceSetNeedsAsking(first: UInt32, count: Int32) {
        var fast = [UInt32](repeating: 0, count: Int(count))
        var exhaustive = [UInt32](repeating: 0, count: Int(count))
        func build(options: Int32, into table: inout [UInt32]) -> Int32 {
            table.withUnsafeMutableBufferPointer { cicu_build_fold_table([first], [count], 1, $0.baseAddress, options) }
        }
        let changedFast = build(options: 0, into: &fast)
        let changedAll = build(options: Int32(CICU_FOLD_EXHAUSTIVE | CICU_FOLD_THROUGH_REGISTRY), into: &exhaustive)
        #expect(changedFast == changedAll)
        if first == 0 { #expect(changedFast > 2_000) }  // the BMP holds the Traditional characters
        let differing = (0..<Int(count)).filter { fast[$0] != exhaustive[$0] }.map { first + UInt32($0) }
        #expect(differing.isEmpty, "first differences: \(differing.prefix(5).map { String($0, radix: 16) })")
    }

    /// The transliterator opened from its rules in ICU's data is the one ICU's registry opens.
    @Test func transliteratorFromICUDataHasTheRegistrysRules() throws {
        func rules(throughRegistry: Bool) -> [UInt16] {
            var buffer = [UInt16](repeating: 0, count: 1 << 18)
            let length = buffer.withUnsafeMutableBufferPointer {
                cicu_t2s_rules(throughRegistry ? 1 : 0, $0.baseAddress, Int32($0.count))
            }
            return Array(buffer.prefix(max(0, Int(length))))
        }
        let fromData = rules(throughRegistry: false)
        #expect(fromData.count > 10_000)
        #expect(fromData == rules(throughRegistry: true))
    }

    /// The class table, built from ICU's property ranges, gives what ICU says per code point.
    @Test func classTableMatchesICUPerCodePoint() {
        var table = [UInt16](repeating: 0xFFFF, count: 0x10000)
        let count = table.withUnsafeMutableBufferPointer { cicu_build_class_table($0.baseAddress, 0x10000) }
        #expect(count == 0x10000)
        let differing = (0..<0x10000).filter { c in
            let expected = (0xD800...0xDFFF).contains(c) ? 0 : UInt16(truncatingIfNeeded: cicu_char_class(UInt32(c)))
            return table[c] != expected
        }
        #expect(differing.isEmpty, "first differences: \(differing.prefix(5).map { String($0, radix: 16) })")
    }

    /// One call over several ranges gives each range's table, one after the other.
    @Test func rangesOneAfterAnother() {
        func build(_ firsts: [UInt32], _ counts: [Int32]) -> [UInt32] {
            var table = [UInt32](repeating: 0, count: Int(counts.reduce(0, +)))
            _ = table.withUnsafeMutableBufferPointer {
                cicu_build_fold_table(firsts, counts, Int32(firsts.count), $0.baseAddress, 0)
            }
            return table
        }
        #expect(build([0x4E00, 0x20000], [0x5200, 0x100]) == build([0x4E00], [0x5200]) + build([0x20000], [0x100]))
    }

    /// The NFKC table, with ICU's quick check read from its property ranges, is the one asking
    /// `unorm2_quickCheck` per character gives.
    @Test func nfkcTableMatchesPerCharacterQuickCheck() {
        func build(exhaustive: Bool) -> ([Int32], Int32) {
            var table = [Int32](repeating: 0, count: 0x10000)
            let count = table.withUnsafeMutableBufferPointer {
                cicu_build_nfkc_table($0.baseAddress, 0x10000, exhaustive ? 1 : 0)
            }
            return (table, count)
        }
        let (fast, fastCount) = build(exhaustive: false)
        let (slow, slowCount) = build(exhaustive: true)
        #expect(fastCount == slowCount)
        #expect(fastCount > 50_000)
        let differing = (0..<0x10000).filter { fast[$0] != slow[$0] }
        #expect(differing.isEmpty, "first differences: \(differing.prefix(5).map { String($0, radix: 16) })")
    }
}

