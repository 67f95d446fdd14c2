/// Amounts of money (per basket entry, per order, per customer) stored as whole cents when every
/// amount is a whole number of cents: in 3 bytes within ±83,886.07, in 4 bytes within
/// ±21,474,836.47, else as `Double`.
///
/// Cents read back as `cents / 100`, the double nearest the decimal amount: exact for the amounts
/// the file wrote, and at most an ulp from a product such as `3 × 204.99` computed in binary.
public struct CompactMoney: RandomAccessCollection, Sendable {
    @usableFromInline enum Width: Sendable { case packed, cents, double }

    @usableFromInline let width: Width
    @usableFromInline var packed = PackedInt24()
    @usableFromInline var cents: [Int32] = []
    @usableFromInline var amounts: [Double] = []

    /// Stores `values` in cents when each is a whole number of cents (within 10⁻⁶ cent) in range.
    public init(_ values: [Double] = []) {
        var fits = true, small = true
        let cents = [Int32](unsafeUninitializedCapacity: values.count) { out, initialized in
            values.withUnsafeBufferPointer { v in
                for i in 0..<v.count {
                    let scaled = v[i] * 100
                    let c = scaled.rounded(.toNearestOrEven)  // one instruction; ties cannot pass the test below
                    guard abs(c) <= 2_147_483_647, abs(scaled - c) <= 1e-6 else { fits = false; break }
                    if abs(c) > Double(PackedInt24.max) { small = false }
                    out[i] = Int32(c)
                }
            }
            initialized = fits ? values.count : 0
        }
        if !fits {
            width = .double
            amounts = values
        } else if small {
            width = .packed
            packed = PackedInt24(cents)
        } else {
            width = .cents
            self.cents = cents
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch width {
        case .packed: packed.count
        case .cents: cents.count
        case .double: amounts.count
        }
    }

    /// The amount at `i`.
    @inlinable @inline(__always)
    public subscript(i: Int) -> Double {
        switch width {
        case .packed: Double(packed[i]) / 100
        case .cents: Double(cents[i]) / 100
        case .double: amounts[i]
        }
    }

    /// Bytes held.
    public var memoryBytes: Int { packed.count * 3 + cents.count * 4 + amounts.count * 8 }
}
