/// A non-negative decimal number held exactly, as an integer over a power of ten.
///
/// `24.5` is `ScaledNumber(significand: 245, scale: 1)`. Conversions multiply the integer and
/// divide once, so `1.65` metres gives exactly `165` centimetres and `52.3` kg exactly `104.6` jin
/// (where binary floating point would give `164.99999999999997`).
struct ScaledNumber: Sendable, Hashable {
    /// The digits as an integer.
    var significand: Int
    /// How many of the digits are after the decimal point (0...9).
    var scale: Int

    /// Creates a number from its digits and the count of them after the point.
    init(significand: Int, scale: Int = 0) {
        self.significand = significand
        self.scale = scale
    }

    /// The value, if it is a whole number.
    var integer: Int? { scale == 0 ? significand : nil }

    /// The value as a `Double`.
    var doubleValue: Double { value(times: 1) }

    /// Whether the value is a whole or a half number (`38`, `38.5`), as shoe sizes are.
    var isWholeOrHalf: Bool { (significand * 2) % Self.powerOfTen(scale) == 0 }

    /// The value times `multiplier` over `divisor`, rounded once.
    ///
    /// - Parameters:
    ///   - multiplier: A factor such as 2 (kg to jin) or 100 (m to cm).
    ///   - divisor: A divisor such as 10 (mm to cm).
    /// - Returns: The converted value.
    func value(times multiplier: Int, over divisor: Int = 1) -> Double {
        Double(significand * multiplier) / Double(divisor * Self.powerOfTen(scale))
    }

    /// The value plus one half (`三十七半`, `37码半`).
    func addingHalf() -> ScaledNumber {
        if scale == 0 { return ScaledNumber(significand: significand * 10 + 5, scale: 1) }
        return ScaledNumber(significand: significand + 5 * Self.powerOfTen(scale - 1), scale: scale)
    }

    /// 10 to the power `exponent`, for exponents 0...18.
    static func powerOfTen(_ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<exponent { result &*= 10 }
        return result
    }
}
