/// The `k` best neighbours of one item, offered one by one: a bounded min-heap whose root is the worst
/// kept, ranked by measure, then co-count (both descending), then id (ascending). The order is total, so
/// the result is exactly the first `k` of a full sort, whatever the offer order.
///
/// Specialised rather than ``TopK``: the comparison is inlined (no closure call per candidate), which
/// matters in the item–item build where every co-bought pair is offered (about a quarter of the build's
/// time went to the quickselect cut and sort it replaces, `perf record` on 1 M lines).
struct NeighbourHeap {
    typealias Entry = (item: Int32, together: Int32, score: Double)
    /// Most entries kept.
    let capacity: Int
    /// Min-heap by rank (root: the worst kept).
    private(set) var heap: [Entry] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        heap.reserveCapacity(self.capacity)
    }

    /// Whether `a` ranks before `b`.
    @inline(__always) static func better(_ a: Entry, _ b: Entry) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.together != b.together { return a.together > b.together }
        return a.item < b.item
    }

    /// Offers one neighbour; it is kept while among the `capacity` best offered so far.
    @inline(__always) mutating func offer(_ e: Entry) {
        if heap.count < capacity {
            heap.append(e)
            var i = heap.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                guard Self.better(heap[p], heap[i]) else { break }
                heap.swapAt(i, p)
                i = p
            }
        } else if Self.better(e, heap[0]) {
            heap[0] = e
            var i = 0
            let n = heap.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < n, Self.better(heap[worst], heap[l]) { worst = l }
                if r < n, Self.better(heap[worst], heap[r]) { worst = r }
                if worst == i { break }
                heap.swapAt(i, worst)
                i = worst
            }
        }
    }

    /// The kept entries, best first; the heap is left empty for the next item.
    mutating func drain(into body: (Entry) -> Void) {
        heap.sort(by: Self.better)
        for e in heap { body(e) }
        heap.removeAll(keepingCapacity: true)
    }
}
