import UpshellCore

extension RoleMapping {
    /// Gives `role` to `column` (or unmaps it for `nil`), taking the role away from any other column and
    /// any other role away from `column`, so the mapping stays one-to-one. The one role assignment of `load ROLE=COLUMN` and
    /// `map ROLE=COLUMN`.
    public mutating func assign(_ role: ColumnRole, to column: Int?) {
        if let column {
            for (other, index) in columns where index == column && other != role { columns[other] = nil }
        }
        columns[role] = column
    }
}
