@testable import UpshellData

/// Six hand-made rows for the filter tests. Expected row sets in the tests are read off this table.
///
/// | row | country        | price | time                | customer | sku    |
/// |-----|----------------|-------|---------------------|----------|--------|
/// | 0   | France         | 10    | 2011-01-01 09:00    | 17850.0  | A      |
/// | 1   | Germany        | 25.5  | 2011-01-01 23:59    | 17850.0  | B      |
/// | 2   | United Kingdom | 50    | 2011-01-02 00:00    | 12583.0  | A      |
/// | 3   | (null)         | (nan) | (null)              | (null)   | 85123A |
/// | 4   | Germany        | 0.2   | 2010-12-31 23:59:59 | 12583.0  | B      |
/// | 5   | EIRE           | -3    | 2011-02-01 00:00    | (null)   | A      |
struct FilterTestProvider: FilterColumnProvider {
    /// 2011-01-01T00:00:00Z in seconds since 1970 (14,975 days × 86,400).
    static let day0: Int64 = 1_293_840_000

    var rowCount: Int { 6 }
    var filterColumnNames: [String] { ["country", "price", "time", "customer", "Customer ID", "sku"] }

    func filterColumn(named name: String) -> FilterColumn? {
        let d = Self.day0
        switch name.lowercased() {
        case "country":
            return .text(codes: [0, 1, 2, -1, 1, 3], dictionary: ["France", "Germany", "United Kingdom", "EIRE"])
        case "price":
            return .numeric([10, 25.5, 50, .nan, 0.2, -3])
        case "time":
            return .time([d + 9 * 3600, d + 23 * 3600 + 59 * 60, d + 86_400, Int64.min, d - 1, d + 31 * 86_400])
        case "customer", "customer id":
            return .text(codes: [0, 0, 1, -1, 1, -1], dictionary: ["17850.0", "12583.0"])
        case "sku":
            return .text(codes: [0, 1, 0, 2, 1, 0], dictionary: ["A", "B", "85123A"])
        default:
            return nil
        }
    }
}

extension FilterTestProvider {
    /// Rows selected by `expression` (test helper; fails the test on any error).
    func rows(_ expression: String) throws -> [Int32] {
        try FilterExpression(expression).selectedRows(over: self)
    }

    /// The error `expression` raises at parse or evaluation time, or `nil`.
    func error(_ expression: String) -> FilterError? {
        do {
            _ = try FilterExpression(expression).mask(over: self)
            return nil
        } catch let error as FilterError {
            return error
        } catch {
            return nil
        }
    }
}
