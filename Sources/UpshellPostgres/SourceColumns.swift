import PostgresNIO
import UpshellCore

/// The columns of a table or query as the server describes them, and the SQL that reads each as text.
struct SourceColumn: Sendable, Equatable {
    var name: String
    /// The type's OID.
    var type: UInt32
    /// The SQL name of the type (`numeric`, `timestamp with time zone`), for messages.
    var typeName: String

    /// Types whose text form upshell reads as a CSV cell: numbers, text, booleans, dates and times, ids.
    static let readable: Set<UInt32> = [16, 18, 19, 20, 21, 23, 25, 26, 700, 701, 790, 1042, 1043, 1082, 1083, 1114, 1184,
                                        1266, 1700, 2950, 114, 3802]

    /// Number types (int2, int4, int8, float4, float8, numeric, oid).
    static let numeric: Set<UInt32> = [20, 21, 23, 26, 700, 701, 1700]
    /// Text types (text, varchar, bpchar, char, name).
    static let text: Set<UInt32> = [18, 19, 25, 1042, 1043]

    /// `timestamp with time zone`: read in UTC without the offset, as `2024-09-01 07:03:37`.
    static let timestampWithZone: UInt32 = 1184

    /// The select-list entry that gives this column's text (in UTC for times with a zone).
    var textExpression: String {
        let quoted = SQLText.identifier(name)
        if type == Self.timestampWithZone { return "(upshell_rows.\(quoted) AT TIME ZONE 'UTC')::text AS \(quoted)" }
        return "upshell_rows.\(quoted)::text AS \(quoted)"
    }

    /// Types whose output function (what a record's text uses) writes what a `::text` cast gives: all readable
    /// types but boolean (`t` against `true`), "char", char(n) (the cast drops the padding) and times with a zone.
    static let sameTextUncast: Set<UInt32> = readable.subtracting([16, 18, 1042, timestampWithZone])

    /// The select-list entry for a record of the row's text forms: ``textExpression``, without the cast (which
    /// costs the server a copy per cell) when the output function gives the same text.
    var recordExpression: String {
        guard Self.sameTextUncast.contains(type) else { return textExpression }
        let quoted = SQLText.identifier(name)
        return "upshell_rows.\(quoted) AS \(quoted)"
    }
}

extension SourceColumn {
    /// The `SELECT` giving each row of `source` as one text cell, the record of its columns' text forms
    /// (`(1,"a b",,x)`), and the offset of `source` in it (for the server's error positions).
    static func recordSelect(_ columns: [SourceColumn], source: String) -> (sql: String, offset: Int) {
        let prefix = "SELECT (upshell_line.*)::text FROM (SELECT " + columns.map(\.recordExpression).joined(separator: ", ") + " FROM ("
        return (prefix + source + ") AS upshell_rows) AS upshell_line", prefix.count)
    }
}

/// Quoting for SQL built from user input.
enum SQLText {
    /// `name` as a quoted identifier (`"Order ID"`, with `"` doubled).
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// `schema.table` or `table` as quoted identifiers.
    static func relation(_ name: String) -> String {
        name.split(separator: ".", maxSplits: 1).map { identifier(String($0)) }.joined(separator: ".")
    }

    /// A string literal (`'it''s'`).
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// The user's query without trailing semicolons and blanks (it is nested in a sub-select).
    static func trimmed(_ query: String) -> String {
        var q = Substring(query)
        while let last = q.last, last == ";" || last.isWhitespace { q.removeLast() }
        return String(q)
    }
}

extension PostgresClient {
    /// The columns `source` (a sub-select) returns, read from one row of NULLs: `SELECT q.* FROM (SELECT 1)
    /// LEFT JOIN (source LIMIT 0) q ON true` costs nothing on the server and works on read-only replicas.
    func describe(source: String, userQuery: (text: String, offset: Int)?) throws -> [SourceColumn] {
        let prefix = "SELECT upshell_rows.* FROM (SELECT 1) AS upshell_one LEFT JOIN (SELECT * FROM ("
        let sql = prefix + source + ") AS upshell_inner LIMIT 0) AS upshell_rows ON true"
        var columns: [SourceColumn] = []
        let shifted = userQuery.map { (text: $0.text, offset: $0.offset + prefix.count) }
        try run(sql, userQuery: shifted) { row in
            guard columns.isEmpty else { return }
            for cell in row {
                columns.append(SourceColumn(name: cell.columnName, type: cell.dataType.rawValue,
                                            typeName: cell.dataType.knownSQLName ?? "type \(cell.dataType.rawValue)"))
            }
        }
        if columns.isEmpty { throw PostgresSourceError.noColumns }
        if let bad = columns.first(where: { !SourceColumn.readable.contains($0.type) }) {
            throw PostgresSourceError.unmappableType(column: bad.name, type: bad.typeName)
        }
        return columns
    }

    /// User tables and views (`schema.name`, or `name` in `public`), for "did you mean".
    func relationNames() -> [String] {
        var names: [String] = []
        try? run("SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END::text FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')") { row in
            if let b = row.first?.bytes { names.append(String(buffer: b)) }
        }
        return names
    }

    /// Column names of user tables, for "did you mean" after an unknown column.
    func columnNames() -> [String] {
        var names: Set<String> = []
        try? run("SELECT DISTINCT column_name::text FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')") { row in
            if let b = row.first?.bytes { names.insert(String(buffer: b)) }
        }
        return names.sorted()
    }
}
