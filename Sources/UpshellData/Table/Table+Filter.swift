extension Table: FilterColumnProvider {
    /// The column names, for filter errors and completion.
    public var filterColumnNames: [String] { columnNames }

    /// The column called `name` (case-insensitive) materialized for this table's rows.
    public func filterColumn(named name: String) -> FilterColumn? {
        guard let c = columnIndex(named: name) else { return nil }
        switch columns[c].values {
        case .text(_, let dictionary):
            return .text(codes: codes(column: c), dictionary: dictionary)
        case .timestamp:
            return .time(rawIntegers(column: c))
        default:
            return .numeric(doubles(column: c))
        }
    }
}
