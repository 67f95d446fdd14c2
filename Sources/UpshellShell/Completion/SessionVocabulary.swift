import UpshellData

/// Names from the session for completion: datasets, the current dataset's columns, products and the
/// commonest values of its text columns.
struct SessionVocabulary: CompletionVocabulary {
    let session: Session
    var datasetNames: [String] { session.datasets.names }
    var columnNames: [String] {
        guard let d = try? session.datasets.resolve(nil) else { return [] }
        return d.table.columnNames + ["segment", "category", "brand"]
    }
    var segmentationNames: [String] {
        guard let d = try? session.datasets.resolve(nil) else { return [] }
        return session.segments.all(for: d.name).map(\.name)
    }
    var productNames: [String] {
        guard let p = (try? session.datasets.resolve(nil))?.orders?.products else { return [] }
        return (0..<p.count).map { p.name[$0].isEmpty ? p.key[$0] : p.name[$0] }
    }

    /// Values offered after `where NAME =`: a text column's commonest values, the active segmentation's
    /// segment names for `segment`, the products' categories or brands when the file has no such column.
    func values(ofColumn name: String) -> [String] {
        guard let d = try? session.datasets.resolve(nil) else { return [] }
        if let i = d.table.columnIndex(named: name), case .text(_, let dictionary) = d.table.columns[i].values {
            let column = d.table.columns[i]
            return Self.commonest(dictionary: dictionary, rows: column.count, code: { column.code($0) })
        }
        switch name.lowercased() {
        case "segment": return session.segments.active(for: d.name)?.labels ?? []
        case "category", "brand":
            guard let p = d.orders?.products else { return [] }
            let values = name.lowercased() == "category" ? p.category : p.brand
            return Array(Set(values.filter { !$0.isEmpty })).sorted()
        default: return []
        }
    }

    /// Up to `limit` dictionary entries that occur most often among (up to `sample`, evenly spaced) rows,
    /// commonest first, ties in dictionary order. Cheap on a Tab press: O(min(rows, sample) + dictionary).
    static func commonest(dictionary: [String], rows: Int, code: (Int) -> Int32, limit: Int = 50, sample: Int = 200_000) -> [String] {
        guard !dictionary.isEmpty, rows > 0 else { return [] }
        var counts = [Int](repeating: 0, count: dictionary.count)
        let step = max(1, rows / sample)
        for row in stride(from: 0, to: rows, by: step) {
            let c = Int(code(row))
            if c >= 0 && c < counts.count { counts[c] += 1 }
        }
        let order = counts.indices.filter { counts[$0] > 0 }.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        return order.prefix(limit).map { dictionary[$0] }
    }
}
