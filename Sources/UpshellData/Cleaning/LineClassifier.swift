import UpshellCore

/// Sorts the lines of an order table into the cleaning categories and decides which are kept.
///
/// Text tests (id prefixes, status words) run once per dictionary entry, then per row by code.
/// Duplicates: rows hashed over every column's raw value, equal hashes compared column by column.
///
/// - Complexity: O(rows × columns).
enum LineClassifier {
    /// Whether each row is kept under `policy`, and the counts. `quantity` and `price` (unit price, or
    /// line total without one) are the role columns as numbers, when mapped.
    // hot loop: one pass over every row deciding keep/drop with counts; one body so the per-row tests share locals.
    static func classify(_ table: Table, roles: RoleMapping, policy: CleaningPolicy,
                         quantity: LineNumbers?, price: LineNumbers?, total: LineNumbers? = nil, times: IntStorage? = nil,
                         countDuplicates: Bool = true) throws -> (keep: [Bool], report: CleaningReport) {
        let n = table.rowCount
        var report = CleaningReport()
        report.totalLines = n
        report.policy = policy
        var keep = [Bool](repeating: true, count: n)
        var decided = [Bool](repeating: false, count: n)

        // cancellations and adjustments by order-id prefix, cancellations by status
        var cancelledByCode: [Bool] = [], adjustmentByCode: [Bool] = []
        var orderCodes: [Int32] = []
        if let oc = roles[.order], case .text(_, let dict) = table.columns[oc].values {
            orderCodes = table.codes(column: oc)
            func upper(_ list: [String]) -> [[UInt8]] { list.map { Array($0.uppercased().utf8) } }
            let cancelled = upper(policy.cancelledPrefixes), adjustment = upper(policy.adjustmentPrefixes)
            // both tests in one pass, halves of a large dictionary (millions of order ids) side by side
            let parts = ParallelParts.map(count: dict.count) { range in
                (range.map { startsWith(dict[$0], cancelled) }, range.map { startsWith(dict[$0], adjustment) })
            }
            cancelledByCode = parts.flatMap(\.0)
            adjustmentByCode = parts.flatMap(\.1)
        }
        var statusCancelled: [Bool] = []
        var statusCodes: [Int32] = []
        if let sc = roles[.status], case .text(_, let dict) = table.columns[sc].values {
            statusCodes = table.codes(column: sc)
            statusCancelled = dict.map(CleaningPolicy.isCancellingStatus)
        }
        // a non-empty 'cancelled at' (Shopify) marks the line's order cancelled
        let cancelledAt: [Bool] = roles[.cancelledAt].map { c in
            let column = table.columns[c]
            return (0..<n).map { !column.isNull(table.physicalRow($0)) }
        } ?? []
        let hasCancelledAt = !cancelledAt.isEmpty
        // Missing customers: text codes below 0, else the column's own null test.
        var customerCodes: [Int32] = []
        var customerColumn: Column?
        if let cc = roles[.customer] {
            if case .text = table.columns[cc].values { customerCodes = table.codes(column: cc) } else { customerColumn = table.columns[cc] }
        }

        // One pass: each line falls in the first category it matches (cancelled, adjustment,
        // quantity ≤ 0, price ≤ 0, a missing quantity, price or time), counted there and dropped if the policy says so.
        let hasOrder = !orderCodes.isEmpty, hasStatus = !statusCodes.isEmpty
        let hasQuantity = quantity != nil, qs = quantity ?? [], hasPrice = price != nil, ps = price ?? []
        let hasTotal = total != nil && price != nil, ts = total ?? [], hasTimes = times != nil, tms = times ?? .i64([])
        let dropMissingValues = policy.missingValues == .drop
        let hasCustomerCodes = !customerCodes.isEmpty
        let dropCancelled = policy.cancelled == .drop, dropAdjustments = policy.adjustments == .drop
        let dropQuantity = policy.nonPositiveQuantity == .drop, dropPrice = policy.nonPositivePrice == .drop
        let dropMissingCustomer = policy.missingCustomer == .drop
        var cancelledOrderSet = Set<Int32>()
        // numeric order ids (WooCommerce's 2001): cancelled orders counted by their keys
        let numericOrderKeys: [Int64] = hasOrder || (!hasStatus && !hasCancelledAt) ? []
            : roles[.order].map { table.groupingKeys(column: $0) } ?? []
        var cancelledNumericOrders = Set<Int64>()
        for i in 0..<n {
            if i & 0xFFFFF == 0xFFFFF { try Cancellation.check() }
            let code = hasOrder ? orderCodes[i] : -1
            var drop = false, hit = true
            if (code >= 0 && cancelledByCode[Int(code)]) || (hasStatus && statusCodes[i] >= 0 && statusCancelled[Int(statusCodes[i])])
                || (hasCancelledAt && cancelledAt[i]) {
                report.cancelledLines += 1
                if hasOrder { cancelledOrderSet.insert(code) } else if !numericOrderKeys.isEmpty { cancelledNumericOrders.insert(numericOrderKeys[i]) }
                drop = dropCancelled
            } else if code >= 0 && adjustmentByCode[Int(code)] {
                report.adjustmentLines += 1
                drop = dropAdjustments
            } else if hasQuantity && qs[i] <= 0 {
                report.nonPositiveQuantityLines += 1
                drop = dropQuantity
            } else if hasPrice && ps[i] <= 0 {
                report.nonPositivePriceLines += 1
                drop = dropPrice
            } else if (hasQuantity && qs[i].isNaN) || (hasPrice && ps[i].isNaN && (!hasTotal || ts[i].isNaN))
                        || (hasTimes && tms[i] == .min) {
                report.missingValueLines += 1
                drop = dropMissingValues
            } else {
                hit = false
            }
            if hit { decided[i] = true }
            let missingCustomer = hasCustomerCodes ? customerCodes[i] < 0
                : customerColumn.map { $0.isNull(table.physicalRow(i)) } ?? false
            if missingCustomer {
                report.missingCustomerLines += 1
                if dropMissingCustomer && !hit { drop = true }
            }
            if drop { keep[i] = false }
        }
        report.cancelledOrders = cancelledOrderSet.count + cancelledNumericOrders.count
        try Cancellation.check()
        if countDuplicates {
            report.duplicateLines = try markDuplicates(table, keep: &keep, decided: decided, action: policy.duplicates,
                                                        groupColumn: roles[.order])
        }
        report.droppedLines = keep.reduce(0) { $0 + ($1 ? 0 : 1) }
        return (keep, report)
    }

    /// Whether `s` starts with one of `prefixes` (upper-case bytes), ASCII letters compared without
    /// case: a test on bytes, no String copies.
    static func startsWith(_ s: String, _ prefixes: [[UInt8]]) -> Bool {
        prefixes.contains { prefix in
            !prefix.isEmpty && s.utf8.count >= prefix.count && zip(s.utf8, prefix).allSatisfy { a, b in
                a == b || (a >= 0x61 && a <= 0x7A && a - 0x20 == b)
            }
        }
    }

    /// Counts (and, for `.drop`, drops) rows equal in every column to an earlier row.
    ///
    /// Rows are hashed a block at a time (``Table/rowHashes(_:skipping:into:)``, the block in cache
    /// across columns). Equal rows agree in `groupColumn` too (the order id): when its values come in
    /// runs of adjacent rows, only rows of one run are compared (``duplicatesWithinRuns``). Otherwise an
    /// open-addressing table of row indices finds earlier rows with the same hash, which are then
    /// compared column by column.
    /// - Complexity: O(rows × columns) expected.
    static func markDuplicates(_ table: Table, keep: inout [Bool], decided: [Bool], action: CleaningPolicy.Action,
                               groupColumn: Int? = nil) throws -> Int {
        let n = table.rowCount
        guard n > 1 else { return 0 }
        let timer = PhaseTimer("duplicates")
        if let g = groupColumn, case .text(_, let dictionary) = table.columns[g].values,
           let runs = runStarts(table.codes(column: g), distinct: dictionary.count) {
            timer.mark("runs found")
            defer { timer.mark("runs compared") }
            return try duplicatesWithinRuns(table, runs: runs, groupColumn: g, keep: &keep, decided: decided, action: action)
        }
        var hashes = [UInt64](repeating: 0, count: n)
        try hashes.withUnsafeMutableBufferPointer { h in
            for start in stride(from: 0, to: n, by: hashBlock) {
                let end = min(start + hashBlock, n)
                table.rowHashes(start..<end, into: UnsafeMutableBufferPointer(rebasing: h[start..<end]))
                try Cancellation.check()
            }
        }
        // slot = high 32 bits of the row hash (a fingerprint) | row + 1; 0 = empty. One memory access
        // per probe: the fingerprint rules out almost every non-duplicate without reading its row.
        var capacity = 16
        while capacity < n + n / 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [UInt64](repeating: 0, count: capacity)
        var count = 0
        for i in 0..<n {
            if i & 65535 == 0 { try Cancellation.check() }
            let h = hashes[i]
            let fingerprint = h & 0xFFFF_FFFF_0000_0000
            var s = Int(truncatingIfNeeded: h) & mask
            var duplicate = false
            while slots[s] != 0 {
                let slot = slots[s]
                if slot & 0xFFFF_FFFF_0000_0000 == fingerprint {
                    let j = Int(slot & 0xFFFF_FFFF) - 1
                    if hashes[j] == h && sameRow(table, i, j) { duplicate = true; break }
                }
                s = (s + 1) & mask
            }
            if duplicate {
                count += 1
                if action == .drop && !decided[i] { keep[i] = false }
            } else {
                slots[s] = fingerprint | UInt64(i + 1)
            }
        }
        return count
    }

    /// The number of rows equal in every column to an earlier row, dropping nothing.
    static func countDuplicates(_ table: Table, groupColumn: Int? = nil) throws -> Int {
        var keep = [Bool](repeating: true, count: table.rowCount)
        return try markDuplicates(table, keep: &keep, decided: keep, action: .keep, groupColumn: groupColumn)
    }

    /// Longest run compared pair by pair; a longer one sends the search to the hash table.
    static let longestRun = 256

    /// Where each run of equal codes starts (plus the row count at the end), when every code appears
    /// in one run only, none is null and no run is longer than ``longestRun``; else `nil`.
    static func runStarts(_ codes: [Int32], distinct: Int) -> [Int32]? {
        var seen = [Bool](repeating: false, count: distinct)
        var starts: [Int32] = []
        var i = 0
        while i < codes.count {
            let c = codes[i]
            guard c >= 0, !seen[Int(c)] else { return nil }
            seen[Int(c)] = true
            var j = i + 1
            while j < codes.count && codes[j] == c { j += 1 }
            guard j - i <= longestRun else { return nil }
            starts.append(Int32(i))
            i = j
        }
        starts.append(Int32(codes.count))
        return starts
    }

    /// Rows hashed at once (``duplicatesWithinRuns`` takes whole runs, so its blocks may be a run longer).
    static let hashBlock = 4096

    /// Duplicates when equal rows can only be in the same run: each row is compared (hash first,
    /// then column by column) with the earlier rows of its run. Runs are taken a block at a time and
    /// their rows hashed over every column but `groupColumn` (equal within a run) while the block is in
    /// cache. Reads the rows in order: no table, no hash per table row.
    static func duplicatesWithinRuns(_ table: Table, runs: [Int32], groupColumn: Int, keep: inout [Bool],
                                     decided: [Bool], action: CleaningPolicy.Action) throws -> Int {
        var count = 0
        var buffer = [UInt64](repeating: 0, count: hashBlock + longestRun)
        var r = 0
        let runCount = runs.count - 1
        while r < runCount {
            try Cancellation.check()
            // whole runs from r up to about hashBlock rows
            let blockStart = Int(runs[r])
            var rEnd = r + 1
            while rEnd < runCount && Int(runs[rEnd + 1]) - blockStart <= hashBlock { rEnd += 1 }
            let blockEnd = Int(runs[rEnd])
            buffer.withUnsafeMutableBufferPointer { h in
                table.rowHashes(blockStart..<blockEnd, skipping: groupColumn, into: UnsafeMutableBufferPointer(rebasing: h[0..<(blockEnd - blockStart)]))
                for q in r..<rEnd {
                    let start = Int(runs[q]), end = Int(runs[q + 1])
                    var i = start + 1
                    while i < end {
                        var j = start
                        while j < i {
                            if h[j - blockStart] == h[i - blockStart] && sameRow(table, i, j) { break }
                            j += 1
                        }
                        if j < i {
                            count += 1
                            if action == .drop && !decided[i] { keep[i] = false }
                        }
                        i += 1
                    }
                }
            }
            r = rEnd
        }
        return count
    }

    /// Whether rows `i` and `j` hold the same value in every column.
    static func sameRow(_ table: Table, _ i: Int, _ j: Int) -> Bool {
        let a = table.physicalRow(i), b = table.physicalRow(j)
        for col in table.columns {
            switch col.values {
            case .double(let v): if v[a].bitPattern != v[b].bitPattern { return false }
            case .text(let codes, _): if codes.code(a) != codes.code(b) { return false }
            case .integer(let s), .fixed(let s, _), .timestamp(let s, _): if s[a] != s[b] { return false }
            }
        }
        return true
    }
}
