import Foundation
import UpshellCore

/// `format line`: one field per line, a record after another (psql's `\x`, DuckDB's `.mode line`), for
/// results too wide for the terminal. Blocks other than tables print as in table mode.
public struct LineRenderer: OutputRenderer {
    public var settings: RenderSettings
    public init(settings: RenderSettings) { self.settings = settings }

    public func render(_ output: CommandOutput, cell: Int?, command: String) -> Rendered {
        let table = TableRenderer(settings: settings)
        var rendered = Rendered()
        for block in output.blocks {
            guard case .table(let t) = block else {
                let other = table.render(CommandOutput([block]), cell: cell, command: command)
                rendered.stdout += other.stdout
                rendered.stderr += other.stderr
                continue
            }
            rendered.stdout += records(t, table)
        }
        return rendered
    }

    /// Each row as `name  value` lines under a `-[ RECORD n ]-` rule, values right after the widest name.
    func records(_ t: ResultTable, _ table: TableRenderer) -> String {
        var out = t.title.map { table.printed($0) + "\n" } ?? ""
        let names = t.columns.map { table.printed($0.name) }
        let width = names.map(\.displayWidth).max() ?? 0
        let shown = settings.maxRows > 0 ? t.rows.prefix(settings.maxRows) : t.rows[...]
        for (r, row) in shown.enumerated() {
            if r & 4095 == 4095 && Cancellation.isRequested { break }
            out += "-[ RECORD \(r + 1) ]" + String(repeating: "-", count: max(3, width - 8)) + "\n"
            for (i, value) in row.enumerated() {
                let name = names[i]
                out += name + String(repeating: " ", count: width - name.displayWidth) + " | "
                    + table.printed(value.display(t.columns[i].format, currency: settings.currency)) + "\n"
            }
        }
        if shown.count < t.rows.count {
            let more = t.rows.count - shown.count
            out += "… \(NumberFormat.grouped(Double(more), decimals: 0)) more record\(more == 1 ? "" : "s") (set maxrows = 0 shows all)\n"
        }
        if t.rows.isEmpty { out += "(no rows)\n" }
        return out
    }
}
