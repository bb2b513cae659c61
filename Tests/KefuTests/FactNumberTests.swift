import Testing

@testable import Kefu

/// `Fact.number` writes numbers by hand; it must print what `Double.description` prints.
@Suite struct FactNumberTests {
    /// The text the hand-written formatter replaced: whole numbers without a fraction, others
    /// rounded to cents and printed by the standard library.
    static func reference(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int64(value)) }
        return String((value * 100).rounded() / 100)
    }

    @Test(arguments: [
        0, -0.0, 0.001, -0.001, 0.004, 0.005, 0.006, 0.05, 0.1, 0.5, 0.96, 0.9575, 1.5, 12.25, 24.5, 87, -3.75,
        999_999_999.99, 999_999_999.995, 1e9 + 0.5, 1e12 + 0.25, 123_456.789, .infinity, -.infinity,
    ])
    func printsWhatDoubleDescriptionPrints(value: Double) {
        #expect(Fact.number(value) == Self.reference(value))
    }

    @Test func agreesOnManyValues() {
        // A fixed linear congruential sequence: the same values on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var mismatches: [Double] = []
        for k in 0..<60_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let scale = [1.0, 100, 10_000, 1e7, 1e10][k % 5]
            let value = (Double(state >> 11) / Double(1 << 53) - 0.5) * scale
            for candidate in [value, Double(k) / 100, -Double(k) / 1000] where Fact.number(candidate) != Self.reference(candidate) {
                mismatches.append(candidate)
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }
}
