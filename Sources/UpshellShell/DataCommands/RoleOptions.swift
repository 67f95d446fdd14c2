import UpshellData

/// The `ROLE=COLUMN` options `load` and `map` share, one per ``ColumnRole`` (`order=order_id`,
/// `unit-price=unit_price`): which column plays which role. An empty column (`status=`) means "no column".
enum RoleOptions {
    /// One option per role, in ``ColumnRole`` order.
    static let all: [(role: ColumnRole, option: TypedOption<String>)] = ColumnRole.allCases.map {
        ($0, TypedOption.text($0.shellName, .column, "the column holding the \($0.shellName) (overrides automatic mapping)"))
    }

    /// The options' specs, for a command's `CommandSpec`.
    static var specs: [OptionSpec] { all.map(\.option.spec) }

    /// The roles given, in ``ColumnRole`` order, each with its column (`nil` for `ROLE=` with no column).
    static func given(in arguments: Arguments) throws -> [(ColumnRole, String?)] {
        try all.compactMap { role, option in
            guard let column = try arguments.value(option) else { return nil }
            return (role, column.isEmpty ? nil : column)
        }
    }
}
