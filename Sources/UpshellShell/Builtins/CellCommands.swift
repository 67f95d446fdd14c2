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

/// `export CELL FILE`: writes a result to CSV, JSON or Markdown.
public struct ExportCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "export", group: .output,
        abstract: "write a result cell to a CSV, JSON or Markdown file (all rows)",
        discussion: "The format follows the file's extension (.csv, .json, .md) unless format= is given. A cell with several tables writes them one after another (CSV: separated by an empty line). An existing file is replaced only with --force, keeping its permissions; a symbolic link is written through to its target. The file is written whole or not at all (a temporary file renamed into place), so a full disk leaves the old file intact.",
        positionals: [PositionalSpec("cell", .cell, "the result to write: [7] or last"),
                      PositionalSpec("file", .path, "where to write")],
        options: [Self.format.spec],
        flags: [overwriteFlag],
        examples: ["export [5] pairs.csv", "export last report.md", "export last report.md --force"])

    static let format = TypedOption<OutputFormat>(
        OptionSpec("format", .choice(["csv", "json", "markdown", "md"]), "file format (default from the extension)"),
        parse: { OutputFormat(name: $0) })

    let cell: CellReference
    let path: String
    let format: OutputFormat
    /// `--force`: replace an existing file.
    let overwrite: Bool

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 2)
        overwrite = arguments.flag(overwriteFlag)
        cell = try cellReference(try arguments.positional(0, "a cell such as [7]"), arguments)
        let fileToken = try arguments.positional(1, "a file to write")
        path = (fileToken.text as NSString).expandingTildeInPath
        if let f = try arguments.value(Self.format) {
            format = f
        } else {
            switch (path as NSString).pathExtension.lowercased() {
            case "json": format = .json
            case "md", "markdown": format = .markdown
            case "csv", "txt", "": format = .csv
            default:
                throw arguments.error("cannot tell the format of '\(fileToken.text)' from its extension", at: fileToken,
                                      hint: "use .csv, .json or .md, or add format=csv")
            }
        }
    }

    public func run(in session: Session) throws -> CommandOutput {
        let cell = try session.cell(self.cell)
        var settings = session.renderSettings.for(cell.output)
        settings.color = false
        settings.maxRows = 0
        let text = format.renderer(settings).render(cell.output, cell: cell.number, command: cell.command).stdout
        let written = try SafeFile.write(Array(text.utf8), to: path, overwrite: overwrite)
        let rows = cell.output.tables.reduce(0) { $0 + $1.rows.count }
        return .text("wrote [\(cell.number)] to \(path)\(written.describedTarget) (\(format.rawValue), \(rows) row\(rows == 1 ? "" : "s"))")
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
        func find(_ name: String) throws -> Int {
            guard let i = table.columnIndex(name) else {
                throw SessionError("[\(cell.number)] has no column '\(name)'", hint: "columns: " + table.columns.map(\.name).joined(separator: ", "))
            }
            return i
        }
        let numeric = table.columns.indices.filter { table.columns[$0].format.alignsRight }
        guard let valueIndex = try valueColumn.map(find) ?? numeric.last else {
            throw SessionError("[\(cell.number)] has no numeric column to chart")
        }
        let labelIndex = try labelColumn.map(find) ?? 0
        let labels = table.rows.map { $0[labelIndex].display(table.columns[labelIndex].format, currency: session.renderSettings.currency) }
        let values = table.rows.map { $0[valueIndex].number ?? .nan }
        return CommandOutput([.chart(Chart(kind: .bars, title: "\(table.columns[valueIndex].name) by \(table.columns[labelIndex].name)",
                                           labels: labels, values: values, format: table.columns[valueIndex].format))])
    }
}
