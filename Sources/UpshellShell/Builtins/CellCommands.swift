import Foundation
import UpshellCore

/// `--force` on commands that write files: replace an existing file.
let overwriteFlag = FlagSpec("force", "replace the file if it exists (its permissions are kept)")

extension SafeFile.Written {
    /// ` (through the link to TARGET)` when a symbolic link was written through, else empty.
    var describedTarget: String { throughLink ? " (through the symbolic link, to \(file))" : "" }
}

/// Parses a cell reference positional (`[7]`, `last`) with a clear error.
func cellReference(_ token: Token, _ arguments: Arguments) throws -> CellReference {
    guard let ref = ValueParser.cell(token.text) else {
        throw arguments.error("'\(token.text)' is not a cell", at: token, hint: "write a cell as [7] or last; 'cells' lists them")
    }
    return ref
}

/// `export CELL FILE`: writes a result to CSV, JSON or Markdown, or its chart to SVG.
public struct ExportCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "export", group: .output,
        abstract: "write a result cell to a CSV, JSON or Markdown file (all rows), its chart to SVG, or an HTML report",
        discussion: "The format follows the file's extension (.csv, .json, .md, .svg, .html) unless format= is given. 'export session report.html' writes every result of the session as one self-contained HTML report (tables, charts as SVG, no external links; .html of one cell reports that cell). A cell with several tables writes them one after another (CSV: separated by an empty line). .svg draws the cell's chart (or, for a table, its last numeric column against its first: a line over periods, bars otherwise) with axis titles and units, in a colour-blind-safe palette; a chart exported to .csv, .json or .md writes its data, and says so. An existing file is replaced only with --force, keeping its permissions; a symbolic link is written through to its target. The file is written whole or not at all (a temporary file renamed into place), so a full disk leaves the old file intact.",
        positionals: [PositionalSpec("cell", .cell, "the result to write: [7], last, or session (every result, .html only)"),
                      PositionalSpec("file", .path, "where to write")],
        options: [Self.format.spec],
        flags: [overwriteFlag],
        examples: ["export [5] pairs.csv", "export last report.md", "export last report.md --force", "export last chart.svg --force", "export session report.html --force"])

    static let format = TypedOption<ExportFormat>(
        OptionSpec("format", .choice(["csv", "json", "markdown", "md", "svg", "html"]), "file format (default from the extension)"),
        parse: { ExportFormat(name: $0) })

    /// The cell to write, or `nil` for the whole session (`export session report.html`).
    let cell: CellReference?
    let path: String
    let format: ExportFormat
    /// `--force`: replace an existing file.
    let overwrite: Bool

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 2)
        overwrite = arguments.flag(overwriteFlag)
        let cellToken = try arguments.positional(0, "a cell such as [7]")
        cell = cellToken.text.lowercased() == "session" ? nil : try cellReference(cellToken, arguments)
        let fileToken = try arguments.positional(1, "a file to write")
        path = (fileToken.text as NSString).expandingTildeInPath
        if let f = try arguments.value(Self.format) {
            format = f
        } else if let f = ExportFormat(extension: (path as NSString).pathExtension.lowercased()) {
            format = f
        } else {
            throw arguments.error("cannot tell the format of '\(fileToken.text)' from its extension", at: fileToken,
                                  hint: "use .csv, .json, .md, .svg or .html, or add format=csv")
        }
        if cell == nil && format != .html {
            throw arguments.error("'export session' writes an HTML report, not \(fileToken.text)", at: fileToken,
                                  hint: "export session report.html; export [7] FILE.csv writes one result's data")
        }
    }

    public func run(in session: Session) throws -> CommandOutput {
        guard let reference = self.cell else { return try writeReport(session.cells.keys.sorted().compactMap { session.cells[$0] }, session: session) }
        let cell = try session.cell(reference)
        if format == .html { return try writeReport([cell], session: session) }
        var settings = session.renderSettings.for(cell.output)
        settings.color = false
        settings.maxRows = 0
        guard case .data(let data) = format else { return try writeSVG(cell, currency: settings.currency) }
        let text = data.renderer(settings).render(cell.output, cell: cell.number, command: cell.command).stdout
        let written = try SafeFile.write(Array(text.utf8), to: path, overwrite: overwrite)
        let rows = cell.output.tables.reduce(0) { $0 + $1.rows.count }
        let charts = cell.output.blocks.filter { if case .chart = $0 { return true }; return false }.count
        let chartNote = charts == 0 ? "" : "; \(charts == 1 ? "its chart is" : "its \(charts) charts are") written as data (label, value): export [\(cell.number)] FILE.svg draws \(charts == 1 ? "it" : "the first")"
        return .text("wrote [\(cell.number)] to \(path)\(written.describedTarget) (\(data.rawValue), \(rows) row\(rows == 1 ? "" : "s"))" + chartNote)
    }

    /// Writes `cells` as a self-contained HTML report (``HTMLReport``).
    func writeReport(_ cells: [Cell], session: Session) throws -> CommandOutput {
        guard !cells.isEmpty else { throw SessionError("there is no result to report yet", hint: "run a command that prints a table first") }
        let parts = cells.map { cell in
            ReportPart.commands(code: ["[\(cell.number)] " + cell.command],
                                results: [ReportResult(command: cell.command, output: cell.output, currency: session.renderSettings.for(cell.output).currency)],
                                error: nil)
        }
        let html = HTMLReport(title: "upshell session", parts: parts).render()
        let written = try SafeFile.write(Array(html.utf8), to: path, overwrite: overwrite)
        return .text("wrote \(cells.count == 1 ? "[\(cells[0].number)]" : "\(cells.count) results") to \(path)\(written.describedTarget) (html report)")
    }

    /// Draws the cell's first chart (or a chart of its first table) into an SVG file.
    func writeSVG(_ cell: Cell, currency: String) throws -> CommandOutput {
        guard let chart = try ChartCommand.firstChart(of: cell, currency: currency) else {
            throw SessionError("[\(cell.number)] holds no chart and no table with numbers to draw",
                               hint: "export it as .csv, .json or .md instead")
        }
        let svg = SVGChartRenderer(currency: currency).render(chart)
        let written = try SafeFile.write(Array(svg.utf8), to: path, overwrite: overwrite)
        return .text("wrote the chart of [\(cell.number)] to \(path)\(written.describedTarget) (svg, \(chart.values.count) value\(chart.values.count == 1 ? "" : "s"): \(chart.title ?? "chart"))")
    }
}

/// What `export` writes: a data format, or an SVG drawing of the cell's chart.
enum ExportFormat: Equatable {
    case data(OutputFormat)
    case svg
    case html

    init?(name: String) {
        switch name.lowercased() {
        case "svg": self = .svg
        case "html": self = .html
        default:
            guard let f = OutputFormat(name: name) else { return nil }
            self = .data(f)
        }
    }

    /// The format an extension names (`csv`, `txt` and none mean CSV).
    init?(extension ext: String) {
        switch ext {
        case "json": self = .data(.json)
        case "md", "markdown": self = .data(.markdown)
        case "csv", "txt", "": self = .data(.csv)
        case "svg": self = .svg
        case "html", "htm": self = .html
        default: return nil
        }
    }
}

/// `show CELL`: prints a result again (in the current format).
public struct ShowCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "show", group: .output, abstract: "print a result cell again, in the current format",
        positionals: [PositionalSpec("cell", .cell, optional: true, "[7] or last (default)")],
        examples: ["show [4]", "show last"])
    let cell: CellReference
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        cell = try arguments.positionals.first.map { try cellReference($0, arguments) } ?? .last
    }
    public func run(in session: Session) throws -> CommandOutput {
        let cell = try session.cell(self.cell)
        var output = cell.output
        output.blocks.insert(.note("[\(cell.number)] \(cell.command)"), at: 0)
        return output
    }
}

/// `cells`: lists the results of this session.
public struct CellsCommand: ShellCommand {
    public static let spec = CommandSpec(name: "cells", group: .output, abstract: "list the result cells of this session", examples: ["cells"])
    public init(arguments: Arguments) throws { try arguments.expectPositionals(atMost: 0) }
    public func run(in session: Session) throws -> CommandOutput {
        var table = ResultTable(title: "Cells", columns: [ResultColumn("cell"), ResultColumn("command"), ResultColumn("tables", .integer), ResultColumn("rows", .integer)])
        for n in session.cells.keys.sorted() {
            let c = session.cells[n]!
            table.append([.text("[\(n)]"), .text(c.command), .int(c.output.tables.count), .int(c.output.tables.reduce(0) { $0 + $1.rows.count })])
        }
        return CommandOutput([.table(table)])
    }
}

/// `chart CELL`: draws bars of one numeric column of a result against its first text column.
public struct ChartCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "chart", group: .output, abstract: "draw a bar chart of a result's numbers",
        positionals: [PositionalSpec("cell", .cell, optional: true, "[7] or last (default)")],
        options: [Self.value.spec, Self.label.spec],
        examples: ["chart [4] value=aov", "chart [6] value=orders label=month"])
    static let value = TypedOption.text("value", .column, "the numeric column to draw (default: the last numeric column)")
    static let label = TypedOption.text("label", .column, "the column that labels the bars (default: the first column)")
    let cell: CellReference
    let valueColumn: String?
    let labelColumn: String?
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        cell = try arguments.positionals.first.map { try cellReference($0, arguments) } ?? .last
        valueColumn = try arguments.value(Self.value)
        labelColumn = try arguments.value(Self.label)
    }
    public func run(in session: Session) throws -> CommandOutput {
        let cell = try session.cell(self.cell)
        guard let table = cell.output.tables.first else { throw SessionError("[\(cell.number)] holds no table to chart") }
        let chart = try Self.chart(of: table, cell: cell.number, value: valueColumn, label: labelColumn, currency: session.renderSettings.currency)
        return CommandOutput([.chart(chart)])
    }

    /// Bars of a table's `value` column (default: the last numeric one) against its `label` column (default:
    /// the first).
    static func chart(of table: ResultTable, cell: Int, value: String?, label: String?, currency: String) throws -> Chart {
        func find(_ name: String) throws -> Int {
            guard let i = table.columnIndex(name) else {
                throw SessionError("[\(cell)] has no column '\(name)'", hint: "columns: " + table.columns.map(\.name).joined(separator: ", "))
            }
            return i
        }
        let numeric = table.columns.indices.filter { table.columns[$0].format.alignsRight }
        guard let valueIndex = try value.map(find) ?? numeric.last else {
            throw SessionError("[\(cell)] has no numeric column to chart")
        }
        let labelIndex = try label.map(find) ?? 0
        let labels = table.rows.map { $0[labelIndex].display(table.columns[labelIndex].format, currency: currency) }
        let values = table.rows.map { $0[valueIndex].number ?? .nan }
        return Chart(kind: .bars, title: "\(table.columns[valueIndex].name) by \(table.columns[labelIndex].name)",
                     labels: labels, values: values, format: table.columns[valueIndex].format)
    }

    /// The chart `export … .svg` draws for a cell: its first chart, else its first table's, as a line when the
    /// labels are periods (`2026-01`, `2026-W03`, dates), or `nil` when it has nothing to draw.
    static func firstChart(of cell: Cell, currency: String) throws -> Chart? {
        for block in cell.output.blocks { if case .chart(let c) = block { return c } }
        guard let table = cell.output.tables.first, table.columns.contains(where: { $0.format.alignsRight }) else { return nil }
        var chart = try chart(of: table, cell: cell.number, value: nil, label: nil, currency: currency)
        let periods = !chart.labels.isEmpty && chart.labels.allSatisfy { l in l.count >= 7 && l.prefix(4).allSatisfy(\.isNumber) && l.dropFirst(4).first == "-" }
        if periods && chart.labels.count > 2 { chart.kind = .sparkline }
        return chart
    }
}
