extension Dataset: FilterColumnProvider {
    /// Order lines in the table (the rows a filter selects from).
    public var rowCount: Int { table.rowCount }

    /// Column names, then the shell names of mapped roles (`unit-price`, `customer`) as aliases.
    public var filterColumnNames: [String] {
        let columns = table.columnNames
        let lowered = Set(columns.map { $0.lowercased() })
        return columns + roleNames.map(\.role.shellName).filter { !lowered.contains($0) }
    }

    /// The column called `name`, or the column mapped to the role `name` (`price`, `unit-price`).
    public func filterColumn(named name: String) -> FilterColumn? {
        if let column = table.filterColumn(named: name) { return column }
        guard let role = ColumnRole(shellName: name), let c = roles[role] else { return nil }
        return table.filterColumn(named: table.columns[c].name)
    }
}
