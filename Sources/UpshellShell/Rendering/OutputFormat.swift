import Foundation

/// How results print: aligned tables for people, or exactly parseable csv/json, or Markdown.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json, markdown

    /// Accepts `md` for markdown.
    public init?(name: String) {
        if name.lowercased() == "md" { self = .markdown; return }
        self.init(rawValue: name.lowercased())
    }
}

/// Settings that shape rendering.
public struct RenderSettings: Sendable {
    /// ANSI colour (only on a terminal without `NO_COLOR`).
    public var color: Bool = false
    /// Rows shown before "… N more rows" in table mode (0 = all).
    public var maxRows: Int = 40
    /// Terminal width for charts and wrapping.
    public var width: Int = 100
    /// Currency symbol for money.
    public var currency: String = "$"
    public init(color: Bool = false, maxRows: Int = 40, width: Int = 100, currency: String = "$") {
        self.color = color
        self.maxRows = maxRows
        self.width = width
        self.currency = currency
    }
}

/// Rendered text: what goes to standard output and what to standard error.
public struct Rendered: Sendable, Equatable {
    public var stdout: String = ""
    public var stderr: String = ""
}

/// Renders a command's output in one format.
public protocol OutputRenderer {
    func render(_ output: CommandOutput, cell: Int?, command: String) -> Rendered
}

extension OutputFormat {
    /// The renderer for this format.
    public func renderer(_ settings: RenderSettings) -> any OutputRenderer {
        switch self {
        case .table: TableRenderer(settings: settings)
        case .csv: CSVRenderer(settings: settings)
        case .json: JSONRenderer(settings: settings)
        case .markdown: MarkdownRenderer(settings: settings)
        }
    }
}

extension Value {
    /// The value as people read it in a column of the given format.
    func display(_ format: ValueFormat, currency: String) -> String {
        switch self {
        case .null: return "–"
        case .text(let s): return s
        case .time(let t): return CivilDateFormatting.string(t, format)
        case .int(let v): return display(Double(v), format, currency: currency, isInt: true)
        case .double(let v): return display(v, format, currency: currency, isInt: false)
        }
    }

    private func display(_ v: Double, _ format: ValueFormat, currency: String, isInt: Bool) -> String {
        if v.isNaN { return "–" }
        switch format {
        case .text: return isInt ? String(Int(v)) : NumberFormat.plain(v)
        case .integer: return NumberFormat.grouped(v, decimals: 0)
        case .decimal(let d): return NumberFormat.grouped(v, decimals: d)
        case .money: return NumberFormat.money(v, symbol: currency)
        case .percent(let d): return NumberFormat.percent(v, decimals: d)
        case .date, .dateTime: return CivilDateFormatting.string(Int64(v), format)
        }
    }

    /// The value unformatted, for csv/json: plain numbers, ISO dates, empty for null.
    var plain: String {
        switch self {
        case .null: ""
        case .text(let s): s
        case .int(let v): String(v)
        case .double(let v): NumberFormat.plain(v)
        case .time(let t): CivilDateFormatting.iso(t)
        }
    }
}

import UpshellCore

/// Date rendering shared by the renderers.
enum CivilDateFormatting {
    static func string(_ seconds: Int64, _ format: ValueFormat) -> String {
        CivilDate.format(seconds: seconds, withTime: format == .dateTime)
    }
    static func iso(_ seconds: Int64) -> String {
        if seconds % 86_400 == 0 { return CivilDate.format(seconds: seconds) }
        return CivilDate.format(seconds: seconds, withTime: true).replacingOccurrences(of: " ", with: "T")
    }
}
