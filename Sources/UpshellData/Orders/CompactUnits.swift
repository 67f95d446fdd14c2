/// Units (of each basket entry, or of each order) stored at the narrowest width that holds them
/// exactly: one byte when every value is a whole number within ±127 (most shops), two bytes within
/// ±32,767, else as given (`Float` per basket entry, `Double` per order).
///
/// A random-access collection of doubles; the model builds it once, analytics read it by index.
public struct CompactUnits: RandomAccessCollection, Sendable {
    @usableFromInline enum Width: Sendable { case byte, half, float, double }

    @usableFromInline let width: Width
    @usableFromInline var bytes: [Int8] = []
    @usableFromInline var halves: [Int16] = []
    @usableFromInline var floats: [Float] = []
    @usableFromInline var doubles: [Double] = []

    /// Narrows `values`; values that are not all small whole numbers stay `Float`.
    public init(_ values: [Float] = []) {
        switch Self.narrowest(values) {
        case .byte: width = .byte; bytes = values.map { Int8($0) }
        case .half: width = .half; halves = values.map { Int16($0) }
        default: width = .float; floats = values
        }
    }

    /// Narrows `values`; values that are not all small whole numbers stay `Double`.
    public init(_ values: [Double]) {
        switch Self.narrowest(values) {
        case .byte: width = .byte; bytes = values.map { Int8($0) }
        case .half: width = .half; halves = values.map { Int16($0) }
        default: width = .double; doubles = values
        }
    }

    /// The whole-number width holding every value, or `.float` when none does.
    private static func narrowest<T: BinaryFloatingPoint>(_ values: [T]) -> Width {
        var lo: T = 0, hi: T = 0
        for v in values {
            guard v.rounded(.towardZero) == v else { return .float }  // fractions, NaN, infinities
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        if lo >= -127 && hi <= 127 { return .byte }
        if lo >= -32_767 && hi <= 32_767 { return .half }
        return .float
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch width {
        case .byte: bytes.count
        case .half: halves.count
        case .float: floats.count
        case .double: doubles.count
        }
    }

    /// The units at `i`.
    @inlinable @inline(__always)
    public subscript(i: Int) -> Double {
        switch width {
        case .byte: Double(bytes[i])
        case .half: Double(halves[i])
        case .float: Double(floats[i])
        case .double: doubles[i]
        }
    }

    /// Bytes held.
    public var memoryBytes: Int { bytes.count + halves.count * 2 + floats.count * 4 + doubles.count * 8 }
}
