import Foundation
import UpshellCore

/// Renders tables as RFC 4180 CSV on standard output: a header row, exact numbers (money rounded to
/// the cent, p-values as numbers), ISO dates, empty fields for nulls; a column holding intervals is
/// written as two columns `NAME low`,`NAME high` (changes: `NAME from`,`NAME to`), and a named interval
/// or change as two rows. Several tables are separated by one empty line. Text, notes and warnings go
/// to standard error so standard output stays exactly parseable.
public struct CSVRenderer: OutputRenderer {
    public var settings: RenderSettings
    public init(settings: RenderSettings) { self.settings = settings }

    public func render(_ output: CommandOutput, cell: Int?, command: String) -> Rendered {
        var tables: [String] = []
        var err = ""
        for block in output.blocks {
            switch block {
            case .text(let t): err += t + "\n"
            case .note(let t): err += "note: " + t + "\n"
            case .warning(let t): err += "warning: " + t + "\n"
            default: break
            }
        }
        for table in output.tables { tables.append(Self.csv(table)) }
        return Rendered(stdout: tables.joined(separator: "\n"), stderr: err)
    }

    /// One table as CSV text ending in a newline. Numbers are exact (money rounded to the cent); a
    /// column holding intervals becomes two columns, `NAME low` and `NAME high` (changes: `from`, `to`).
    public static func csv(_ table: ResultTable) -> String {
        let split = table.columns.indices.map { i in table.rows.lazy.compactMap { $0[i].pair?.names }.first }
        var header: [String] = []
        for (column, names) in zip(table.columns, split) {
            header += names.map { [column.name + " " + $0.0, column.name + " " + $0.1] } ?? [column.name]
        }
        var out = header.map(field).joined(separator: ",") + "\n"
        for (r, row) in table.rows.enumerated() {
            // the interpreter drops a cut output (see OutputCancelledError)
            if r & 4095 == 4095 && Cancellation.isRequested { break }
            var fields: [String] = []
            for (i, value) in row.enumerated() {
                let format = table.columns[i].format
                if let (first, second, _) = value.pair {
                    fields += [NumberFormat.plain(format.exact(first)), NumberFormat.plain(format.exact(second))]
                } else {
                    fields.append(field(value.exact(format)))
                    if split[i] != nil { fields.append("") }
                }
            }
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Quotes a field when it holds a comma, quote, CR or LF.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Renders each command's output as one JSON object on one line (JSON Lines):
/// `{"cell":3,"command":"…","tables":[{"title":…,"columns":[{"name":…,"unit":…}],"rows":[{…}]}],
/// "values":[…],"text":[…],"notes":[…],"warnings":[…]}`. Keys keep their order; numbers are exact
/// (money rounded to the cent, p-values as numbers); an interval is an array `[low, high]`, a change an
/// object `{"from":…,"to":…}`.
public struct JSONRenderer: OutputRenderer {
    public var settings: RenderSettings
    public init(settings: RenderSettings) { self.settings = settings }

    public func render(_ output: CommandOutput, cell: Int?, command: String) -> Rendered {
        guard !output.blocks.isEmpty else { return Rendered() }
        var text: [String] = [], notes: [String] = [], warnings: [String] = []
        var tables: [String] = []
        var values: [String] = []
        for block in output.blocks {
            switch block {
            case .table(let t): tables.append(Self.table(t))
            case .chart(let c): tables.append(Self.table(c.table))
            case let .values(title, items):
                let body = items.map { Self.string($0.name) + ":" + Self.value($0.value, $0.format) }.joined(separator: ",")
                values.append("{\"title\":\(title.map(Self.string) ?? "null"),\"items\":{\(body)}}")
            case .text(let t): text.append(Self.string(t))
            case .note(let t): notes.append(Self.string(t))
            case .warning(let t): warnings.append(Self.string(t))
            }
        }
        var fields: [String] = []
        fields.append("\"cell\":" + (cell.map(String.init) ?? "null"))
        fields.append("\"command\":" + Self.string(command))
        fields.append("\"tables\":[" + tables.joined(separator: ",") + "]")
        fields.append("\"values\":[" + values.joined(separator: ",") + "]")
        fields.append("\"text\":[" + text.joined(separator: ",") + "]")
        fields.append("\"notes\":[" + notes.joined(separator: ",") + "]")
        fields.append("\"warnings\":[" + warnings.joined(separator: ",") + "]")
        return Rendered(stdout: "{" + fields.joined(separator: ",") + "}\n", stderr: "")
    }

    static func table(_ t: ResultTable) -> String {
        let columns = t.columns.map { "{\"name\":\(string($0.name)),\"unit\":\(string($0.format.unitName))}" }.joined(separator: ",")
        var objects: [String] = []
        for (r, row) in t.rows.enumerated() {
            if r & 4095 == 4095 && Cancellation.isRequested { break }
            objects.append("{" + zip(t.columns, row).map { string($0.name) + ":" + value($1, $0.format) }.joined(separator: ",") + "}")
        }
        let rows = objects.joined(separator: ",")
        return "{\"title\":\(t.title.map(string) ?? "null"),\"columns\":[\(columns)],\"rows\":[\(rows)]}"
    }

    /// One value as JSON in a column (or item) of the given format.
    static func value(_ v: Value, _ format: ValueFormat) -> String {
        switch v {
        case .null: "null"
        case .int(let i): String(i)
        case .double(let d): number(format.exact(d))
        case let .typed(d, own): number(own.exact(d))
        case let .interval(low, high): "[" + number(format.exact(low)) + "," + number(format.exact(high)) + "]"
        case let .change(from, to, _): "{\"from\":" + number(format.exact(from)) + ",\"to\":" + number(format.exact(to)) + "}"
        case .text(let s): string(s)
        case .time: string(v.exact(format))
        }
    }

    /// A JSON number; `null` when not finite.
    static func number(_ d: Double) -> String { d.isFinite ? NumberFormat.plain(d) : "null" }

    /// A JSON string literal with the required escapes.
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Renders GitHub-flavoured Markdown: tables with aligned columns, charts in code blocks, notes and
/// warnings as quotes.
public struct MarkdownRenderer: OutputRenderer {
    public var settings: RenderSettings
    public init(settings: RenderSettings) { self.settings = settings }

    public func render(_ output: CommandOutput, cell: Int?, command: String) -> Rendered {
        var out = ""
        var plain = settings
        plain.color = false
        for block in output.blocks {
            switch block {
            case .table(let t): out += table(t) + "\n"
            case let .values(title, items):
                out += table(ResultTable(title: title, columns: [ResultColumn("name"), ResultColumn("value")],
                                         rows: items.map { [.text($0.name), .text($0.value.display($0.format, currency: settings.currency))] })) + "\n"
            case .chart(let c): out += "```\n" + ChartRenderer(settings: plain).render(c) + "```\n\n"
            case .text(let t): out += t + "\n\n"
            case .note(let t): out += "> note: " + t + "\n\n"
            case .warning(let t): out += "> **warning:** " + t + "\n\n"
            }
        }
        return Rendered(stdout: out, stderr: "")
    }

    func table(_ t: ResultTable) -> String {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = t.title.map { "**\(esc($0))**\n\n" } ?? ""
        out += "| " + t.columns.map { esc($0.name) }.joined(separator: " | ") + " |\n"
        out += "|" + t.columns.map { $0.alignsRight ? " ---: |" : " --- |" }.joined() + "\n"
        for (r, row) in t.rows.enumerated() {
            if r & 4095 == 4095 && Cancellation.isRequested { break }
            out += "| " + row.enumerated().map { esc(LongText.cut($1.display(t.columns[$0].format, currency: settings.currency), to: LongText.cellLimit)) }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}
