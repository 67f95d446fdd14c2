/// One amount per order that a file may not have at all (cost of goods, shipping fee): reads as
/// `.nan` everywhere until some order gets a value, so an absent column costs no memory.
///
/// A random-access collection of `count` doubles; writing a value stores the column for real.
public struct OptionalAmounts: RandomAccessCollection, Sendable {
    private var storage: [Double]
    public let count: Int

    /// `count` unknown amounts (no storage).
    public init(unknown count: Int) {
        self.count = count
        storage = []
    }

    /// The given amounts (`.nan` for unknown ones); none stored when every one is unknown.
    public init(_ values: [Double]) {
        count = values.count
        storage = values.contains { !$0.isNaN } ? values : []
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// Whether any order has a value.
    public var isKnown: Bool { !storage.isEmpty }

    /// The stored amounts when any is known (`.nan` for unknown ones), else `nil`: for loops that
    /// skip an absent column instead of reading `.nan` from it.
    public var knownValues: [Double]? { storage.isEmpty ? nil : storage }

    /// Bytes held.
    public var memoryBytes: Int { storage.count * 8 }

    public subscript(position: Int) -> Double {
        get {
            precondition(position >= 0 && position < count, "order index out of range")
            return storage.isEmpty ? .nan : storage[position]
        }
        set {
            if storage.isEmpty {
                if newValue.isNaN { return }
                storage = [Double](repeating: .nan, count: count)
            }
            storage[position] = newValue
        }
    }

    /// Calls `body` with the amounts as a buffer (all `.nan` when unknown).
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        if storage.isEmpty { return try [Double](repeating: .nan, count: count).withUnsafeBufferPointer(body) }
        return try storage.withUnsafeBufferPointer(body)
    }
}
