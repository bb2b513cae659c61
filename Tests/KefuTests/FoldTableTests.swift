import CICU
import Testing

/// The fold table asks ICU's Traditional→Simplified transliterator only about the characters its
/// rules name; it must come out the same as asking about every Han character.
@Suite struct FoldTableTests {
    @Test(arguments: [(UInt32(0), Int32(0x10000)), (UInt32(0x20000), Int32(0x20000))])
    func onlyTheNamedCharactersNeedAsking(first: UInt32, count: Int32) {
        var fast = [UInt32](repeating: 0, count: Int(count))
        var exhaustive = [UInt32](repeating: 0, count: Int(count))
        let changedFast = fast.withUnsafeMutableBufferPointer { cicu_build_fold_table(first, $0.baseAddress, count, 0) }
        let changedAll = exhaustive.withUnsafeMutableBufferPointer { cicu_build_fold_table(first, $0.baseAddress, count, 1) }
        #expect(changedFast == changedAll)
        if first == 0 { #expect(changedFast > 2_000) }  // the BMP holds the Traditional characters
        let differing = (0..<Int(count)).filter { fast[$0] != exhaustive[$0] }.map { first + UInt32($0) }
        #expect(differing.isEmpty, "first differences: \(differing.prefix(5).map { String($0, radix: 16) })")
    }
}
