import Foundation

/// Maps column headers to roles automatically.
///
/// (Stub: exact role names only. The full synonym tables for the public layouts, Shopify, WooCommerce,
/// Olist and UCI Online Retail replace this body.)
public enum RoleMapper {
    /// Infers a role mapping from header names. Each role goes to at most one column, each column to at
    /// most one role.
    public static func infer(headers: [String]) -> RoleMapping {
        var mapping = RoleMapping()
        for (index, header) in headers.enumerated() {
            if let role = ColumnRole(shellName: header.trimmingCharacters(in: .whitespaces)), mapping[role] == nil {
                mapping[role] = index
            }
        }
        return mapping
    }
}
