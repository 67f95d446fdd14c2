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

    /// The position of `product` among entries `range` (one basket: ids increasing), or `nil`.
    ///
    /// - Complexity: O(log `range.count`).
    @inlinable
    public func index(of product: Int32, in range: Range<Int>) -> Int? {
        isWide ? Self.search(wide, product, range) : Self.search(narrow, product, range)
    }

    @inlinable
    static func search<T: FixedWidthInteger>(_ ids: [T], _ product: Int32, _ range: Range<Int>) -> Int? {
        ids.withUnsafeBufferPointer { a in
            var lo = range.lowerBound, hi = range.upperBound
            while lo < hi {
                let mid = (lo + hi) >> 1
                if Int32(truncatingIfNeeded: a[mid]) < product { lo = mid + 1 } else { hi = mid }
            }
            return lo < range.upperBound && Int32(truncatingIfNeeded: a[lo]) == product ? lo : nil
        }
    }

    /// Bytes held.
    public var memoryBytes: Int { narrow.count * 2 + wide.count * 4 }
}
