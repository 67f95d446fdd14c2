import Foundation

/// The currency a dataset's money is in, as the data says it.
public struct CurrencyFinding: Sendable, Equatable {
    /// The column it came from.
    public var column: String
    /// Its distinct values, most orders first (one value: the dataset's currency).
    public var values: [String]
}

extension Dataset {
    /// Header names of a currency column (compared lower-cased, with spaces and `_` removed): Shopify's
    /// `Currency`, WooCommerce's `Order Currency`, `currency_code`.
    static let currencyColumnNames: Set<String> = ["currency", "currencycode", "ordercurrency", "presentmentcurrency"]

    /// The currency column and its values, when the table has one with at least one value.
    /// - Complexity: O(lines) on dictionary codes (``orderLabels(column:)``).
    public func detectedCurrency() -> CurrencyFinding? {
        guard orders != nil else { return nil }
        for name in table.columnNames {
            let key = name.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" }
            guard Self.currencyColumnNames.contains(key), let labels = try? orderLabels(column: name) else { continue }
            var counts = [Int](repeating: 0, count: labels.labels.count)
            for g in labels.groupOfOrder where g >= 0 { counts[Int(g)] += 1 }
            let values = labels.labels.indices
                .filter { !labels.labels[$0].trimmingCharacters(in: .whitespaces).isEmpty && counts[$0] > 0 }
                .sorted { counts[$0] > counts[$1] }
                .map { labels.labels[$0].trimmingCharacters(in: .whitespaces) }
            if !values.isEmpty { return CurrencyFinding(column: name, values: values) }
        }
        return nil
    }
}
