import UpshellCore

/// Frequent itemsets by depth-first Eclat with occurrence deliver (see the design note): every itemset
/// whose basket count is at least the minimum, up to a maximum size.
///
/// ```swift
/// let tree = try FrequentItemsetMiner.mine(t, minimumCount: t.minimumCount(support: 0.001))
/// print(tree.itemsetCount)   // 13,492 on Groceries
/// ```
/// - Complexity: O(Σ over frequent itemsets P of Σ_{t ∈ T(P)} |t|) time; memory O(itemsets + basket entries).
public enum FrequentItemsetMiner {
    /// Default most itemsets held without `force` (about 420 MB of tree).
    public static let defaultLimit = 20_000_000

    /// Mines `t`.
    /// - Parameters:
    ///   - minimumCount: baskets an itemset needs (≥ 1).
    ///   - maxSize: largest itemset size (≥ 1).
    ///   - limit: most itemsets to hold; past it the search stops with ``BasketError/tooManyItemsets(found:estimate:support:)``.
    ///   - supportText: how the threshold is shown in that error.
    public static func mine(_ t: Transactions, minimumCount: Int, maxSize: Int = .max, limit: Int? = defaultLimit,
                            supportText: String = "", progress: any ProgressReporter = SilentProgress()) throws -> ItemsetTree {
        let minimum = max(1, minimumCount)
        let maxSize = max(1, min(maxSize, 255))
        let (frequent, rankOf) = rankFrequentItems(t, minimum: minimum)
        let m = frequent.count
        var tree = ItemsetTree(itemOfRank: frequent, rankOfItem: rankOf, baskets: t.basketCount, minimumCount: minimum, maxSize: maxSize)
        for r in 0..<m { tree.append(rank: Int32(r), count: t.itemBaskets[Int(frequent[r])], parent: -1, size: 1) }
        guard maxSize >= 2, m >= 2 else { return tree }

        let (bOff, bItems) = try rankedBaskets(t, rankOf: rankOf)
        let (tOff, tids) = tidLists(offsets: bOff, items: bItems, itemCount: m)
        var miner = Miner(m: m, minimum: minimum, maxSize: maxSize, limit: limit ?? .max)
        try bOff.withUnsafeBufferPointer { off in
            try bItems.withUnsafeBufferPointer { items in
                try tids.withUnsafeBufferPointer { tids in
                    if let limit {
                        armSizeEstimate(&miner, limit: limit, itemCount: m, supportText: supportText,
                                        off: off, items: items.baseAddress!, tOff: tOff, tids: tids.baseAddress!)
                    }
                    try searchFromEachItem(&miner, tree: &tree, itemCount: m, progress: progress, supportText: supportText,
                                           off: off.baseAddress!, items: items.baseAddress!, tOff: tOff, tids: tids.baseAddress!)
                }
            }
        }
        progress.update(done: m, total: m)
        return tree
    }

    /// The items in at least `minimum` baskets, by rank — ascending basket count (ties by item), so the
    /// rarest item leads a prefix and tid-lists stay short — and each item's rank (−1 when infrequent).
    static func rankFrequentItems(_ t: Transactions, minimum: Int) -> (itemOfRank: [Int32], rankOfItem: [Int32]) {
        var frequent = (0..<Int32(t.itemCount)).filter { Int(t.itemBaskets[Int($0)]) >= minimum }
        frequent.sort { t.itemBaskets[Int($0)] != t.itemBaskets[Int($1)] ? t.itemBaskets[Int($0)] < t.itemBaskets[Int($1)] : $0 < $1 }
        var rankOf = [Int32](repeating: -1, count: t.itemCount)
        for (r, i) in frequent.enumerated() { rankOf[Int(i)] = Int32(r) }
        return (frequent, rankOf)
    }

    /// Baskets recoded to ascending ranks, keeping those with two frequent items or more (CSR: basket b's
    /// ranks are `items[offsets[b]..<offsets[b + 1]]`).
    static func rankedBaskets(_ t: Transactions, rankOf: [Int32]) throws -> (offsets: [Int32], items: [Int32]) {
        var bOff: [Int32] = [0], bItems: [Int32] = []
        bItems.reserveCapacity(t.items.count)
        var scratch: [Int32] = []
        for b in 0..<t.basketCount {
            if b & 65535 == 0 { try Cancellation.check() }
            scratch.removeAll(keepingCapacity: true)
            for e in Int(t.offsets[b])..<Int(t.offsets[b + 1]) {
                let r = rankOf[Int(t.items[e])]
                if r >= 0 { scratch.append(r) }
            }
            guard scratch.count >= 2 else { continue }
            scratch.sort()
            bItems.append(contentsOf: scratch)
            bOff.append(Int32(bItems.count))
        }
        return (bOff, bItems)
    }

    /// Tid-lists of single items (inverted CSR over the ranked baskets): the baskets holding rank r are
    /// `tids[tOff[r]..<tOff[r + 1]]`, ascending.
    static func tidLists(offsets bOff: [Int32], items bItems: [Int32], itemCount m: Int) -> (tOff: [Int32], tids: [Int32]) {
        var tOff = [Int32](repeating: 0, count: m + 1)
        for r in bItems { tOff[Int(r) + 1] += 1 }
        for r in 0..<m { tOff[r + 1] += tOff[r] }
        var tids = [Int32](repeating: 0, count: bItems.count)
        var cursor = Array(tOff.dropLast())
        for b in 0..<(bOff.count - 1) {
            for e in Int(bOff[b])..<Int(bOff[b + 1]) {
                let r = Int(bItems[e])
                tids[Int(cursor[r])] = Int32(b)
                cursor[r] += 1
            }
        }
        return (tOff, tids)
    }

    /// When a cheap upper bound on the itemset count passes `limit`, has the miner estimate the count once
    /// the search passes a checkpoint (small searches pay nothing), and refuse with
    /// ``BasketError/tooManyItemsets(found:estimate:support:)`` before the memory is used when the estimate
    /// passes the limit. The pointers must outlive the search (the caller's buffer closures).
    static func armSizeEstimate(_ miner: inout Miner, limit: Int, itemCount m: Int, supportText: String,
                                off: UnsafeBufferPointer<Int32>, items: UnsafePointer<Int32>, tOff: [Int32], tids: UnsafePointer<Int32>) {
        let basketsKept = off.count - 1
        var sizes: [Int32] = []
        sizes.reserveCapacity(basketsKept)
        for b in 0..<basketsKept { sizes.append(off[b + 1] - off[b]) }
        guard ItemsetCountEstimator.upperBound(basketSizes: sizes, minimum: Int(miner.minimum), maxSize: miner.maxSize) > Double(limit) else { return }
        miner.checkpointAt = min(max(1, limit / 2), estimateCheckpoint)
        let estimator = ItemsetCountEstimator(m: m, minimum: miner.minimum, maxSize: miner.maxSize, off: off.baseAddress!,
                                              items: items, tOff: tOff, tids: tids)
        miner.onCheckpoint = {
            let estimate = estimator.estimate(probes: 200)
            if estimate > Double(limit) {
                throw BasketError.tooManyItemsets(found: nil, estimate: estimate, support: supportText)
            }
        }
    }

    /// The search: the subtree of each frequent first item in rank order, with progress by first item. A
    /// search stopped by the miner's limit becomes ``BasketError/tooManyItemsets(found:estimate:support:)``
    /// with the count found so far extrapolated over the first items not yet searched.
    static func searchFromEachItem(_ miner: inout Miner, tree: inout ItemsetTree, itemCount m: Int,
                                   progress: any ProgressReporter, supportText: String,
                                   off: UnsafePointer<Int32>, items: UnsafePointer<Int32>, tOff: [Int32], tids: UnsafePointer<Int32>) throws {
        miner.progress = progress
        miner.progressTotal = m
        for r in 0..<m {
            progress.update(done: r, total: m)
            miner.progressDone = r
            try Cancellation.check()
            let lo = Int(tOff[r]), hi = Int(tOff[r + 1])
            guard hi - lo >= Int(miner.minimum) else { continue }
            do {
                try miner.expand(&tree, node: r, tail: Int32(r), tids: tids + lo, tidCount: hi - lo, size: 1, off: off, items: items)
            } catch is LimitReached {
                let estimate = Double(tree.itemsetCount) * Double(m) / Double(max(1, r))
                throw BasketError.tooManyItemsets(found: tree.itemsetCount, estimate: max(estimate, Double(tree.itemsetCount)),
                                                  support: supportText)
            }
        }
    }

    /// Itemsets found before the size estimate is made (when a cheap bound says it is needed).
    static let estimateCheckpoint = 200_000

    struct LimitReached: Error {}

    /// Scratch state of one mining run: per-item counters, the touched items of the current frame, a stack
    /// of frames' frequent extensions, and one tid buffer per depth (a frame's children read their lists
    /// from its depth's buffer while deeper frames use deeper buffers). Owns its memory: not copyable, freed
    /// when the run's miner goes out of scope.
    struct Miner: ~Copyable {
        let minimum: Int32
        let maxSize: Int
        let limit: Int
        let counts: UnsafeMutablePointer<Int32>
        let position: UnsafeMutablePointer<Int32>
        let touched: UnsafeMutablePointer<Int32>
        /// Frequent extensions and their list ends, frame after frame.
        var stack: [Int32] = []
        var ends: [Int32] = []
        /// Per depth: children's basket lists, reduced basket offsets and reduced basket items.
        var tidPool = DepthBuffers(), offsetPool = DepthBuffers(), itemPool = DepthBuffers()
        var expansions = 0
        var progress: (any ProgressReporter)?
        var progressDone = 0, progressTotal = 1
        var checkpointAt = Int.max
        var onCheckpoint: (() throws -> Void)?

        init(m: Int, minimum: Int, maxSize: Int, limit: Int) {
            self.minimum = Int32(minimum)
            self.maxSize = maxSize
            self.limit = limit
            counts = .allocate(capacity: max(1, m))
            counts.initialize(repeating: 0, count: max(1, m))
            position = .allocate(capacity: max(1, m))
            position.initialize(repeating: 0, count: max(1, m))
            touched = .allocate(capacity: max(1, m))
        }

        deinit {
            counts.deallocate()
            position.deallocate()
            touched.deallocate()
        }

        /// Extends node `node` (size `size`, last rank `tail`, baskets `tids`): counts every higher rank in
        /// those baskets, appends the frequent ones as children, then recurses into each.
        /// hot loop: one body on purpose — it runs once per itemset-tree node and scans every basket of its
        /// tid list twice (count, then reduce); the phases share the frame's locals and raw counters.
        mutating func expand(_ tree: inout ItemsetTree, node: Int, tail: Int32, tids: UnsafePointer<Int32>, tidCount: Int,
                             size: Int, off: UnsafePointer<Int32>, items: UnsafePointer<Int32>) throws {
            expansions += 1
            if expansions & 1023 == 0 {
                try Cancellation.check()
                // keeps the bar alive while one first item's subtree takes long
                progress?.update(done: progressDone, total: progressTotal)
            }
            // locals, so the optimizer need not reload them through `self` after every store
            let counts = self.counts, position = self.position, touched = self.touched, minimum = self.minimum
            var touchedCount = 0
            for k in 0..<tidCount {
                let b = Int(tids[k])
                var e = Int(off[b + 1]) - 1
                let lo = Int(off[b])
                while e >= lo {
                    let r = Int(items[e])
                    if r <= Int(tail) { break }
                    if counts[r] == 0 { touched[touchedCount] = Int32(r); touchedCount += 1 }
                    counts[r] += 1
                    e -= 1
                }
            }
            // frequent extensions, ascending rank, pushed on the stack
            let frame = stack.count
            for k in 0..<touchedCount where counts[Int(touched[k])] >= minimum { stack.append(touched[k]) }
            let children = stack.count - frame
            guard children > 0 else {
                for k in 0..<touchedCount { counts[Int(touched[k])] = 0 }
                return
            }
            stack[frame...].sort()
            let first = tree.itemsetCount
            if first + children > limit { throw LimitReached() }
            tree.firstChild[node] = Int32(first)
            tree.childCount[node] = Int32(children)
            for c in 0..<children {
                let r = stack[frame + c]
                tree.append(rank: r, count: counts[Int(r)], parent: Int32(node), size: UInt8(size + 1))
            }
            if tree.itemsetCount >= checkpointAt {
                checkpointAt = .max
                try onCheckpoint?()
            }
            guard size + 1 < maxSize, children > 1 else {
                for k in 0..<touchedCount { counts[Int(touched[k])] = 0 }
                stack.removeSubrange(frame...)
                return
            }
            // Database reduction (LCM): this frame's baskets, cut to the frequent extensions, become the
            // children's database; each child's list names the reduced baskets that hold it.
            var total = 0
            for c in 0..<children {
                let r = Int(stack[frame + c])
                position[r] = Int32(total)
                total += Int(counts[r])
            }
            let lists = tidPool.reserve(depth: size, total)
            let reducedOff = offsetPool.reserve(depth: size, tidCount + 1)
            let reducedItems = itemPool.reserve(depth: size, total)
            var written = 0, basketsWritten = 0
            reducedOff[0] = 0
            for k in 0..<tidCount {
                let b = Int(tids[k])
                let lo = Int(off[b]), hi = Int(off[b + 1])
                // items above `tail` form a suffix: find its start from the end, then copy in ascending order
                var e = hi - 1
                while e >= lo && items[e] > tail { e -= 1 }
                let begin = written
                for x in (e + 1)..<hi {
                    let r = Int(items[x])
                    if counts[r] >= minimum {
                        reducedItems[written] = Int32(r)
                        written += 1
                    }
                }
                // A child only extends with items after its own, so a reduced basket goes on the lists of
                // all its items but the last; baskets of one item are not kept at all.
                if written - begin >= 2 {
                    for j in begin..<(written - 1) {
                        let r = Int(reducedItems[j])
                        lists[Int(position[r])] = Int32(basketsWritten)
                        position[r] += 1
                    }
                    basketsWritten += 1
                    reducedOff[basketsWritten] = Int32(written)
                } else {
                    written = begin
                }
            }
            for k in 0..<touchedCount { counts[Int(touched[k])] = 0 }
            // deeper frames reuse `position`: keep the list ends on the stack
            // (lists are not filled to their counts: a basket is left off the list of its last item)
            let endFrame = ends.count
            var start = 0
            for c in 0..<children {
                ends.append(Int32(start))
                ends.append(position[Int(stack[frame + c])])
                start += Int(tree.count[first + c])
            }
            for c in 0..<(children - 1) {
                let begin = Int(ends[endFrame + 2 * c]), n = Int(ends[endFrame + 2 * c + 1]) - begin
                if n >= Int(minimum) {
                    try expand(&tree, node: first + c, tail: stack[frame + c], tids: lists + begin, tidCount: n, size: size + 1,
                               off: reducedOff, items: reducedItems)
                }
            }
            stack.removeSubrange(frame...)
            ends.removeSubrange(endFrame...)
        }
    }

    /// One growable buffer of `Int32` per search depth (a frame's children read theirs while deeper
    /// frames fill deeper ones). Owns its buffers: not copyable, freed on deinit.
    struct DepthBuffers: ~Copyable {
        var buffers: [UnsafeMutablePointer<Int32>] = []
        var capacities: [Int] = []

        /// A buffer of at least `count` elements for `depth`; its old contents are not kept.
        mutating func reserve(depth: Int, _ count: Int) -> UnsafeMutablePointer<Int32> {
            while buffers.count <= depth {
                buffers.append(.allocate(capacity: 16))
                capacities.append(16)
            }
            if capacities[depth] < count {
                buffers[depth].deallocate()
                let cap = max(count, capacities[depth] * 2)
                buffers[depth] = .allocate(capacity: cap)
                capacities[depth] = cap
            }
            return buffers[depth]
        }

        init() {}

        deinit { for b in buffers { b.deallocate() } }
    }
}
