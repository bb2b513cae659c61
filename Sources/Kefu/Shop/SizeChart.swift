/// A product's size chart: garment measurements per size and the bodies each size fits.
public struct SizeChart: Sendable, Hashable {
    /// One size of the chart.
    public struct Row: Sendable, Hashable {
        /// The size label (`L`, `40`).
        public var size: String
        /// Garment measurements in cm (`衣长` → 87).
        public var measurements: [String: Double]
        /// Body height the size fits, in cm.
        public var height: ClosedRange<Double>?
        /// Body weight the size fits, in jin (斤).
        public var weight: ClosedRange<Double>?
        /// Foot length the size fits, in cm (shoes).
        public var footLength: ClosedRange<Double>?

        /// Creates a row.
        public init(
            size: String, measurements: [String: Double] = [:], height: ClosedRange<Double>? = nil,
            weight: ClosedRange<Double>? = nil, footLength: ClosedRange<Double>? = nil
        ) {
            self.size = size
            self.measurements = measurements
            self.height = height
            self.weight = weight
            self.footLength = footLength
        }
    }

    /// The measurement names, in display order (`衣长`, `胸围`).
    public var measurementNames: [String]
    /// The sizes, smallest first.
    public var rows: [Row]

    /// Creates a chart.
    public init(measurementNames: [String], rows: [Row]) {
        self.measurementNames = measurementNames
        self.rows = rows
    }

    /// The row of a size label, ignoring case (`l` finds `L`).
    public func row(_ size: String) -> Row? {
        rows.first { $0.size.caseInsensitiveEquals(size) }
    }
}

extension SizeChart.Row {
    /// A measurement of `measurements` by name (`衣长`), found by comparing bytes rather than by
    /// hashing the name: a row has a few measurements, and hashing a Chinese string costs about
    /// 1,200 instructions.
    static func measurement(named name: String, in measurements: [String: Double]) -> Double? {
        for (key, value) in measurements where key.hasSameUTF8(as: name) { return value }
        return nil
    }
}
