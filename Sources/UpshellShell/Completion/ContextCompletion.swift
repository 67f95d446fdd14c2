import UpshellAnalytics

/// Completion from where the cursor is in a command (as pgcli's "smart completion" does): after `by` the
/// dimensions (periods, category, brand, product, segment, the session's segmentations by name, columns); inside `where` columns, then operators,
/// then values (the column's commonest values from its dictionary, segment names for `segment`, product names
/// for a product column), then `and`/`or`; product names after an opening `"`.
extension Completer {
    /// The filter language's comparison words (``FilterParser``).
    static let filterOperators = ["=", "!=", "<", "<=", ">", ">=", "in", "between", "contains", "is"]

    /// Candidates for `word` given the words `before` it in the command, or `nil` when the context says nothing
    /// and the command's own arguments decide.
    func contextual(before: [String], word: String) -> [String]? {
        let columns = vocabulary?.columnNames ?? []
        let products = (vocabulary?.productNames ?? []).map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        if before.count >= 2, before.last?.lowercased() == "by" {
            let segmentations = (vocabulary?.segmentationNames ?? []).filter { name in !columns.contains { $0.lowercased() == name.lowercased() } }
            return Period.allCases.map(\.rawValue) + ["category", "brand", "product", "segment"] + segmentations + columns.map(Self.quoteIfNeeded)
        }
        if let w = before.lastIndex(where: { $0.lowercased() == "where" }), w >= 1 {
            let clause = before[(w + 1)...].map { $0.lowercased() }
            if let previous = clause.last, Self.filterOperators.contains(previous) {
                let column = clause.dropLast().last ?? ""
                return values(ofColumn: column, products: products, quoted: word.hasPrefix("\""))
            }
            if word.hasPrefix("\"") { return products }
            guard let previous = clause.last, !["and", "or", "not", "("].contains(previous) else { return columns.map(Self.quoteIfNeeded) }
            if columns.contains(where: { $0.lowercased() == previous }) { return Self.filterOperators }
            return ["and", "or"]
        }
        if word.hasPrefix("\"") { return products }
        return nil
    }

    /// Values to offer after `column <operator>`: the column's own, and product names for a product column;
    /// all in quotes when the word being typed opened one.
    private func values(ofColumn column: String, products: [String], quoted: Bool) -> [String] {
        var values = (vocabulary?.values(ofColumn: column) ?? []).map(Self.quoteIfNeeded)
        if quoted { values = values.map { $0.hasPrefix("\"") ? $0 : "\"" + $0 + "\"" } }
        if column.contains("product") || column.contains("name") { values += products }
        return values
    }
}
