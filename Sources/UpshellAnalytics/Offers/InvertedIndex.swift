/// The units holding each item (the transpose of ``PurchaseUnits``, CSR), for walking an item's co-bought
/// items without scanning every unit.
struct InvertedIndex: Sendable {
    /// Offsets of each item's units in ``rowStart`` and ``rowEnd`` (`items + 1`).
    let start: [Int32]
    /// Where each unit's row begins and ends in the units' item array, grouped by item, units ascending
    /// within an item. Holding the row bounds rather than the unit id saves the build one dependent random
    /// read per unit (the unit's offset), which is where its time went (`perf annotate` on 1 M lines).
    let rowStart: [Int32], rowEnd: [Int32]
    /// Work of each item's co-count: Σ of the sizes of the units holding it.
    let work: [Int]

    /// - Complexity: O(unit entries).
    init(_ units: PurchaseUnits) {
        let n = units.itemCount
        var start = [Int32](repeating: 0, count: n + 1)
        for p in 0..<n { start[p + 1] = start[p] + units.unitsOfItem[p] }
        var fill = start
        var rowStart = [Int32](repeating: 0, count: units.items.count)
        var rowEnd = [Int32](repeating: 0, count: units.items.count)
        var work = [Int](repeating: 0, count: n)
        for u in 0..<units.count {
            let row = units.row(u)
            let lo = units.offsets[u], hi = units.offsets[u + 1]
            for p in row {
                rowStart[Int(fill[Int(p)])] = lo
                rowEnd[Int(fill[Int(p)])] = hi
                fill[Int(p)] += 1
                work[Int(p)] += row.count
            }
        }
        self.start = start
        self.rowStart = rowStart
        self.rowEnd = rowEnd
        self.work = work
    }

    /// `parts + 1` item bounds (`0 … items`) splitting the work into `parts` contiguous ranges of about
    /// equal work.
    func balancedBounds(parts: Int) -> [Int] {
        let n = work.count
        guard parts > 1, n > 1 else { return [0, n] }
        let total = work.reduce(0, +)
        var bounds = [0], done = 0
        for i in 0..<n {
            done += work[i]
            if bounds.count < parts, done * parts >= total * bounds.count { bounds.append(i + 1) }
        }
        if bounds.last != n { bounds.append(n) }
        return bounds
    }
}
