/// The `capacity` best elements of a stream, kept in a bounded binary heap: what `pairs`, `rules`,
/// `bundles` and `itemsets` use to show a top k of millions of candidates without holding them all or
/// sorting them all.
///
/// The result is exactly `Array(all.sorted(by: ranksBefore).prefix(capacity))` — a *stable* sort, so
/// elements that `ranksBefore` cannot tell apart keep the order they were offered in. The heap breaks
/// those ties by offer order itself, which makes its order total and the result independent of the
/// heap's shape.
///
/// Hand-written rather than swift-collections' `Heap`: the package does not depend on swift-collections,
/// and a bounded top-k needs only "replace the worst kept", about sixty lines; `sortedBest()` also checks
/// for Ctrl-C while it sorts a large k (`pairs top=4000000`).
///
/// ```swift
/// var best = TopK<Int>(capacity: 2, by: >)
/// for x in [5, 1, 9, 7] { best.insert(x) }
/// try best.sortedBest()   // [9, 7]
/// ```
/// - Complexity: O(log k) per ``insert(_:)`` (one comparison when the element does not make the top k);
///   O(k log k) for ``sortedBest()``; memory O(k).
public struct TopK<Element> {
    /// Most elements kept.
    public let capacity: Int
    /// Whether the first argument ranks strictly before (is better than) the second.
    @usableFromInline let ranksBefore: (Element, Element) -> Bool
    /// Min-heap by rank: the root is the worst kept element; `order` is the offer number (ties).
    @usableFromInline var heap: [(element: Element, order: Int)] = []
    /// Elements offered so far.
    public var offered: Int { offers }
    @usableFromInline var offers = 0

    /// An empty selection of at most `capacity` elements (none when `capacity` ≤ 0), ranked by
    /// `ranksBefore` (a strict weak order: `a` ranks before `b`).
    @inlinable
    public init(capacity: Int, by ranksBefore: @escaping (Element, Element) -> Bool) {
        self.capacity = max(0, capacity)
        self.ranksBefore = ranksBefore
    }

    /// Elements kept so far (at most ``capacity``).
    public var count: Int { heap.count }

    /// Whether heap entry `a` ranks before entry `b`: by `ranksBefore`, then earlier offered first.
    @inlinable @inline(__always)
    func better(_ a: (element: Element, order: Int), _ b: (element: Element, order: Int)) -> Bool {
        if ranksBefore(a.element, b.element) { return true }
        return a.order < b.order && !ranksBefore(b.element, a.element)
    }

    /// Offers `element`; it is kept while it is among the `capacity` best offered so far.
    @inlinable
    public mutating func insert(_ element: Element) {
        let entry = (element: element, order: offers)
        offers += 1
        guard capacity > 0 else { return }
        if heap.count < capacity {
            heap.append(entry)
            var i = heap.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                guard better(heap[p], heap[i]) else { break }
                heap.swapAt(i, p)
                i = p
            }
        } else if ranksBefore(element, heap[0].element) {
            // offered last, so a tie with the worst kept loses: only a strictly better element enters
            heap[0] = entry
            siftDown(0, end: heap.count)
        }
    }

    /// Restores the heap below `i` within `0..<end` (parents rank after their children).
    @inlinable
    mutating func siftDown(_ start: Int, end: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var worst = i
            if l < end, better(heap[worst], heap[l]) { worst = l }
            if r < end, better(heap[worst], heap[r]) { worst = r }
            if worst == i { return }
            heap.swapAt(i, worst)
            i = worst
        }
    }

    /// The kept elements, best first (heapsort in place), checking ``Cancellation`` every 65,536 steps.
    /// The selection is empty afterwards.
    @inlinable
    public mutating func sortedBest() throws(CancelledError) -> [Element] {
        var end = heap.count
        while end > 1 {
            if end & 65535 == 0 { try Cancellation.check() }
            end -= 1
            heap.swapAt(0, end)
            siftDown(0, end: end)
        }
        let result = heap.map { $0.element }
        heap = []
        return result
    }
}
