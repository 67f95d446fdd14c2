/// Signed 24-bit integers packed in 3 bytes each (little-endian, sign-extended when read).
///
/// Holds dictionary codes of text columns with up to 8,388,607 distinct values (order and customer
/// ids of a 10-million-line file) and integers within ±8,388,607: a quarter smaller than `Int32`.
public struct PackedInt24: Sendable, RandomAccessCollection {
    /// The smallest value (the numeric null of this width).
    public static let min: Int32 = -8_388_608
    /// The largest value.
    public static let max: Int32 = 8_388_607

    @usableFromInline var bytes: [UInt8]

    /// An empty array with room for `capacity` values.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity * 3)
    }

    /// Packs `values`, each within ``min``…``max`` (others keep their low 24 bits).
    public init(_ values: [Int32]) {
        bytes = []
        append(contentsOf: values)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { bytes.count / 3 }

    /// The value at `i`.
    @inlinable @inline(__always)
    public subscript(i: Int) -> Int32 {
        let j = 3 * i
        let raw = UInt32(bytes[j]) | UInt32(bytes[j + 1]) << 8 | UInt32(bytes[j + 2]) << 16
        return Int32(bitPattern: raw << 8) >> 8
    }

    /// Appends `value`'s low 24 bits.
    @inlinable public mutating func append(_ value: Int32) {
        let u = UInt32(bitPattern: value)
        bytes.append(UInt8(truncatingIfNeeded: u))
        bytes.append(UInt8(truncatingIfNeeded: u >> 8))
        bytes.append(UInt8(truncatingIfNeeded: u >> 16))
    }

    /// Appends the low 24 bits of each of `values`.
    public mutating func append(contentsOf values: [Int32]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: values.count * 3))
        bytes.withUnsafeMutableBufferPointer { b in
            values.withUnsafeBufferPointer { v in
                var j = start
                for x in v {
                    let u = UInt32(bitPattern: x)
                    b[j] = UInt8(truncatingIfNeeded: u)
                    b[j + 1] = UInt8(truncatingIfNeeded: u >> 8)
                    b[j + 2] = UInt8(truncatingIfNeeded: u >> 16)
                    j += 3
                }
            }
        }
    }

    /// Calls `body` with each value in order, reading the bytes without per-value bounds checks.
    @inlinable public func forEachValue(_ body: (Int, Int32) -> Void) {
        bytes.withUnsafeBufferPointer { b in
            var j = 0
            for i in 0..<(b.count / 3) {
                let raw = UInt32(b[j]) | UInt32(b[j + 1]) << 8 | UInt32(b[j + 2]) << 16
                body(i, Int32(bitPattern: raw << 8) >> 8)
                j += 3
            }
        }
    }
}
