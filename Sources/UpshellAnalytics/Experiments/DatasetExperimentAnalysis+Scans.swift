import Foundation
import UpshellCore
import UpshellData

extension DatasetExperimentAnalysis {
    /// Whether each order has a line from a cross-sell offer (or, when no offer value mentions "cross", any
    /// non-empty offer), and which of the two was counted.
    /// - Complexity: O(lines + distinct offer values).
    static func attachedOrders(_ dataset: Dataset, _ model: OrderModel, offerColumn: Int) throws -> ([Bool], AttachedLineKind) {
        let rowOrder = try dataset.rowOrderIds()
        var attached = [Bool](repeating: false, count: model.orders.count)
        let column = dataset.table.columns[offerColumn]
        var kind = AttachedLineKind.anyOffer
        var hitOfCode: [Bool] = []
        let codes = dataset.table.codes(column: offerColumn)
        if case .text(_, let dictionary) = column.values {
            let cross = dictionary.map { $0.lowercased().contains("cross") }
            if cross.contains(true) {
                hitOfCode = cross
                kind = .crossSell
            } else {
                hitOfCode = dictionary.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            }
        }
        for i in 0..<rowOrder.count {
            let o = rowOrder[i]
            guard o >= 0 else { continue }
            if codes.isEmpty {
                if !column.isNull(dataset.table.physicalRow(i)) { attached[Int(o)] = true }
            } else {
                let k = codes[i]
                if k >= 0 && hitOfCode[Int(k)] { attached[Int(o)] = true }
            }
        }
        return (attached, kind)
    }

    /// Orders (all statuses, before cleaning: read from the table's lines, not the order model) and those
    /// with a line whose status contains one of ``cancellationWords``, per variant in `names`. Empty when the
    /// variant column is missing or the status column is not text.
    /// - Complexity: O(lines) with hashing of order keys.
    static func cancelledOrders(_ dataset: Dataset, names: [String], variantColumn: String, statusColumn: Int,
                                orderColumn: Int) throws -> [VariantCounts] {
        let table = dataset.table
        guard let vc = table.columnIndex(named: variantColumn) else { return [] }
        let orderKeys = table.groupingKeys(column: orderColumn)
        let variantKeys = table.groupingKeys(column: vc)
        let statusCodes = table.codes(column: statusColumn)
        guard !statusCodes.isEmpty, case .text(_, let statusDictionary) = table.columns[statusColumn].values else { return [] }
        let isCancelled = statusDictionary.map { s in cancellationWords.contains { s.lowercased().contains($0) } }
        // Variant index of each distinct variant key.
        var variantOfKey: [Int64: Int] = [:]
        for i in 0..<table.rowCount where variantKeys[i] != Int64.min && variantOfKey[variantKeys[i]] == nil {
            let label = table.columns[vc].displayString(table.physicalRow(i))
            variantOfKey[variantKeys[i]] = names.firstIndex(of: label) ?? -1
        }
        var orderVariant: [Int64: Int] = [:]
        var cancelled = Set<Int64>()
        for i in 0..<table.rowCount {
            if i & 65_535 == 0 { try Cancellation.check() }
            let key = orderKeys[i]
            guard key != Int64.min else { continue }
            if orderVariant[key] == nil, variantKeys[i] != Int64.min, let v = variantOfKey[variantKeys[i]], v >= 0 { orderVariant[key] = v }
            let s = statusCodes[i]
            if s >= 0 && isCancelled[Int(s)] { cancelled.insert(key) }
        }
        var total = [Int](repeating: 0, count: names.count), bad = [Int](repeating: 0, count: names.count)
        for (key, v) in orderVariant {
            total[v] += 1
            if cancelled.contains(key) { bad[v] += 1 }
        }
        return names.indices.map { VariantCounts(name: names[$0], conversions: bad[$0], visitors: total[$0]) }
    }
}
