import Foundation
import UpshellCore

/// How results print: aligned tables for people, one field per line (`line`), or exactly parseable
/// csv/json, or Markdown.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json, markdown, line

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
    /// The widest a table cell prints before it is cut with `…` (`set maxwidth = N`).
    public var maxWidth: Int = LongText.cellLimit
    /// Whether tables wider than ``width`` hide middle columns (on a terminal) rather than wrap.
    public var fitWidth = false
    /// Whether standard output is a terminal: csv and Markdown then show control characters escaped.
    public var escapeControls = false
    public init(color: Bool = false, maxRows: Int = 40, width: Int = 100, currency: String = "$") {
        self.color = color
        self.maxRows = maxRows
        self.width = width
        self.currency = currency
    }
}

extension RenderSettings {
    /// These settings for rendering `output`: in the currency it was computed in, when it names one.
    func `for`(_ output: CommandOutput) -> RenderSettings {
        var settings = self
        settings.currency = output.currency ?? currency
        return settings
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
        case .line: LineRenderer(settings: settings)
        }
    }
}
