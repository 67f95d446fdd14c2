/// The `k` best neighbours of one item, offered one by one, ranked by measure, then co-count (both
/// descending), then id (ascending). The order is total, so the result is exactly the first `k` of a
/// full sort, whatever the offer order.
///
/// Each entry is one 128-bit key whose integer order is the rank (the measure's bits — positive doubles
/// order as their bit patterns —, the co-count, the complement of the id), so comparing is two word
/// compares. Offers are buffered; when `4k` are held they are cut to the best `k`, and the `k`-th becomes
/// the ``cut`` an offer must beat. Most items of a catalogue have fewer than `k` partners, so most lists
/// are only sorted once; this replaced a bounded heap whose sift-downs and final sort took about 40 % of
/// the build (`perf record` on 1 M lines).
struct NeighbourSelection {
    typealias Entry = (item: Int32, together: Int32, score: Double)
    /// Most entries kept.
    let capacity: Int
    /// Buffered keys (unordered until cut).
    private var keys: [UInt128] = []
    /// The `capacity`-th best key when a cut has been made, else 0.
    private var cutKey: UInt128 = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        keys.reserveCapacity(4 * self.capacity)
    }

    /// The rank key of `e` (larger ranks first).
    @inline(__always) static func key(_ e: Entry) -> UInt128 {
        UInt128(e.score.bitPattern) << 64 | UInt128(UInt32(bitPattern: e.together)) << 32 | UInt128(~UInt32(bitPattern: e.item))
    }

    /// The entry of `key`.
    @inline(__always) static func entry(_ key: UInt128) -> Entry {
        (Int32(bitPattern: ~UInt32(truncatingIfNeeded: key)), Int32(bitPattern: UInt32(truncatingIfNeeded: key >> 32)),
         Double(bitPattern: UInt64(truncatingIfNeeded: key >> 64)))
    }

    /// The score an offer must reach to have a chance: the `capacity`-th best's after a cut, else 0
    /// (every measure is positive). Callers skip candidates surely below it without scoring them.
    @inline(__always) var cut: Double { Double(bitPattern: UInt64(truncatingIfNeeded: cutKey >> 64)) }

    /// Offers one neighbour (score ≥ 0); it is kept while among the `capacity` best offered so far.
    @inline(__always) mutating func offer(_ e: Entry) {
        let k = Self.key(e)
        guard k > cutKey else { return }
        keys.append(k)
        if keys.count == 4 * capacity { cutToBest() }
    }

    /// Keeps the best `capacity` keys and makes the worst of them the cut.
    @inline(never) mutating func cutToBest() {
        let k = capacity
        keys.withUnsafeMutableBufferPointer { Self.selectLargest(k, in: $0) }
        keys.removeLast(keys.count - k)
        cutKey = keys.withUnsafeBufferPointer { $0.min()! }
    }

    /// The kept entries, best first; the selection is left empty for the next item.
    mutating func drain(into body: (Entry) -> Void) {
        let k = min(capacity, keys.count)
        keys.withUnsafeMutableBufferPointer { h in
            Self.selectLargest(k, in: h)
            Self.sortDescending(UnsafeMutableBufferPointer(rebasing: h[0..<k]))
        }
        for key in keys.prefix(k) { body(Self.entry(key)) }
        keys.removeAll(keepingCapacity: true)
        cutKey = 0
    }

    /// Moves the `k` largest of `h` (distinct keys) to its front, in no order (quickselect, Hoare 1961,
    /// middle pivot).
    static func selectLargest(_ k: Int, in h: UnsafeMutableBufferPointer<UInt128>) {
        var lo = 0, hi = h.count - 1
        guard k > 0, k < h.count else { return }
        while lo < hi {
            let pivot = h[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while h[i] > pivot { i += 1 }
                while h[j] < pivot { j -= 1 }
                if i <= j { h.swapAt(i, j); i += 1; j -= 1 }
            }
            // now h[lo...j] ≥ pivot ≥ h[i...hi]
            if k - 1 <= j { hi = j } else if k - 1 >= i { lo = i } else { return }
        }
    }

    /// Sorts `h` descending (quicksort, insertion sort below 16 keys).
    static func sortDescending(_ h: UnsafeMutableBufferPointer<UInt128>) {
        var stack: [(Int, Int)] = [(0, h.count - 1)]
        while let (lo, hi) = stack.popLast() {
            if hi - lo < 16 {
                guard lo < hi else { continue }
                for a in (lo + 1)...hi {
                    let x = h[a]
                    var b = a
                    while b > lo && h[b - 1] < x { h[b] = h[b - 1]; b -= 1 }
                    h[b] = x
                }
                continue
            }
            let pivot = h[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while h[i] > pivot { i += 1 }
                while h[j] < pivot { j -= 1 }
                if i <= j { h.swapAt(i, j); i += 1; j -= 1 }
            }
            stack.append((lo, j))
            stack.append((i, hi))
        }
    }
}
