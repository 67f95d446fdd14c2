/// Money of each basket entry, stored as whole cents in 32 bits when every amount is a whole number
/// of cents below ±21,474,836.47 (prices with two decimals times whole quantities), else as `Double`.
///
/// Cents read back as `cents / 100`, the double nearest the decimal amount: exact for the amounts
/// the file wrote, and at most an ulp from a product such as `3 × 204.99` computed in binary.
public struct EntryMoney: RandomAccessCollection, Sendable {
    @usableFromInline let inCents: Bool
    @usableFromInline var cents: [Int32] = []
    @usableFromInline var amounts: [Double] = []

    /// Stores `values` in cents when each is a whole number of cents (within 10⁻⁶ cent) in range.
    public init(_ values: [Double] = []) {
        var fits = true
        let cents = [Int32](unsafeUninitializedCapacity: values.count) { out, initialized in
            values.withUnsafeBufferPointer { v in
                for i in 0..<v.count {
                    let scaled = v[i] * 100
                    let c = scaled.rounded(.toNearestOrEven)  // one instruction; ties cannot pass the test below
                    guard abs(c) <= 2_147_483_647, abs(scaled - c) <= 1e-6 else { fits = false; break }
                    out[i] = Int32(c)
                }
            }
            initialized = fits ? values.count : 0
        }
        inCents = fits
        if fits {
            self.cents = cents
        } else {
            amounts = values
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { inCents ? cents.count : amounts.count }

    /// Money of entry `i`.
    @inlinable @inline(__always)
    public subscript(i: Int) -> Double {
        inCents ? Double(cents[i]) / 100 : amounts[i]
    }

    /// Bytes held.
    public var memoryBytes: Int { cents.count * 4 + amounts.count * 8 }
}
