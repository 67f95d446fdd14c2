import UpshellCore

extension RoleMapping {
    /// Gives `role` to `column` (or unmaps it for `nil`), taking the role away from any other column and
    /// any other role away from `column`, so the mapping stays one-to-one. Used by `map role=column`.
    public mutating func assign(_ role: ColumnRole, to column: Int?) {
        if let column {
            for (other, index) in columns where index == column && other != role { columns[other] = nil }
        }
        columns[role] = column
    }

    /// The column whose values name products: the product-name column if mapped, else the product id
    /// column (the bakery layout's `Item` is both).
    public var productLabelColumn: Int? { columns[.productName] ?? columns[.product] }

    /// The mapped roles in ``ColumnRole`` order with their column index and header, for printing the
    /// mapping after load (`order ← InvoiceNo`).
    public func entries(headers: [String]) -> [(role: ColumnRole, column: Int, header: String)] {
        ColumnRole.allCases.compactMap { role in
            guard let column = columns[role] else { return nil }
            return (role, column, headers.indices.contains(column) ? headers[column] : "#\(column + 1)")
        }
    }
}

/// A `map role=column` assignment that names an unknown role or column.
public enum RoleMappingError: UserFacingError, Equatable {
    /// The role name is not one of ``ColumnRole``'s shell names.
    case unknownRole(String)
    /// No column has this header (compared case-insensitively).
    case unknownColumn(String, columns: [String])

    public var message: String {
        switch self {
        case .unknownRole(let name): "unknown role '\(name)'"
        case .unknownColumn(let name, _): "no column named '\(name)'"
        }
    }

    public var hint: String? {
        switch self {
        case .unknownRole(let name):
            let roles = ColumnRole.allCases.map(\.shellName)
            let list = "roles: " + roles.joined(separator: ", ")
            if let suggestion = Suggestions.didYouMean(name, in: roles) { return "\(suggestion) \(list)" }
            return list
        case .unknownColumn(let name, let columns):
            let list = "columns: " + columns.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
                + (columns.count > 20 ? ", …" : "")
            if let suggestion = Suggestions.didYouMean(name, in: columns) { return "\(suggestion) \(list)" }
            return list
        }
    }
}

extension RoleMapper {
    /// Resolves one `map ROLE=COLUMN` word pair: the role by shell name (`unit-price`, `price`, …),
    /// the column by header, exactly first, then case-insensitively, then normalized
    /// (``RoleSynonyms/normalize(_:)``).
    public static func resolveAssignment(role: String, column: String,
                                         headers: [String]) throws(RoleMappingError) -> (ColumnRole, Int) {
        guard let resolvedRole = ColumnRole(shellName: role) else { throw .unknownRole(role) }
        if let index = headers.firstIndex(of: column)
            ?? headers.firstIndex(where: { $0.lowercased() == column.lowercased() })
            ?? headers.firstIndex(where: {
                RoleSynonyms.normalize($0) == RoleSynonyms.normalize(column) && !column.isEmpty
            }) {
            return (resolvedRole, index)
        }
        throw .unknownColumn(column, columns: headers)
    }
}
