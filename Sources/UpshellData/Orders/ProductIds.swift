/// The product id of each basket entry: 16 bits when every id fits (shops with up to 32,767
/// products), else 32.
public struct ProductIds: RandomAccessCollection, Sendable {
    @usableFromInline let isWide: Bool
    @usableFromInline var narrow: [Int16] = []
    @usableFromInline var wide: [Int32] = []

    /// Stores `ids` (each `0…`, or `-1`) in 16 bits when the largest fits.
    public init(_ ids: [Int32] = []) {
        let largest = ids.max() ?? 0
        isWide = largest > Int32(Int16.max)
        if isWide {
            wide = ids
        } else {
            narrow = ids.map { Int16(truncatingIfNeeded: $0) }
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { isWide ? wide.count : narrow.count }

    /// The product id of entry `i`.
    @inlinable @inline(__always)
    public subscript(i: Int) -> Int32 {
        isWide ? wide[i] : Int32(narrow[i])
    }

    /// Bytes held.
    public var memoryBytes: Int { narrow.count * 2 + wide.count * 4 }
}
