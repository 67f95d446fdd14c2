import Foundation
import UpshellCore

/// Renders for people: aligned tables with thousands separators, currency and percentages, bars and
/// histograms, notes and warnings; long tables are cut with a "… N more rows" line.
public struct TableRenderer: OutputRenderer {
    public var settings: RenderSettings
    public init(settings: RenderSettings) { self.settings = settings }

    private func style(_ s: String, _ code: String) -> String {
        settings.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    public func render(_ output: CommandOutput, cell: Int?, command: String) -> Rendered {
        var out = ""
        var err = ""
        for block in output.blocks {
            switch block {
            case .table(let table): out += renderTable(table)
            case let .values(title, items): out += renderValues(title: title, items)
            case .chart(let chart): out += ChartRenderer(settings: settings).render(chart)
            case .text(let text): out += text + "\n"
            case .note(let text): out += style("note: ", "2") + text + "\n"
            case .warning(let text): err += style("warning: ", "33") + text + "\n"
            }
        }
        return Rendered(stdout: out, stderr: err)
    }

    func renderTable(_ table: ResultTable) -> String {
        var out = ""
        if let title = table.title { out += style(ControlCharacters.escaped(title), "1") + "\n" }
        let shown = settings.maxRows > 0 && table.rows.count > settings.maxRows ? Array(table.rows.prefix(settings.maxRows)) : table.rows
        var cells: [[String]] = []
        for (r, row) in shown.enumerated() {
            // 'format table max-rows=0' shows millions of rows; the interpreter drops a cut output
            if r & 4095 == 4095 && Cancellation.isRequested { break }
            cells.append(row.enumerated().map { i, v in
                printed(v.display(table.columns[i].format, currency: settings.currency))
            })
        }
        var widths = table.columns.map { printed($0.name).displayWidth }
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.displayWidth) } }
        let fit = settings.fitWidth ? ColumnFit.choose(widths, limit: settings.width) : ColumnFit.all(widths.count)
        func line(_ values: [String], header: Bool) -> String {
            func part(_ i: Int) -> String {
                let v = values[i]
                let padding = String(repeating: " ", count: max(0, widths[i] - v.displayWidth))
                return table.columns[i].alignsRight ? padding + v : v + padding
            }
            let more: [String] = fit.hidden.isEmpty ? [] : ["…"]
            var s = (fit.left.map(part) + more + fit.right.map(part)).joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return header ? style(s, "1") : s
        }
        out += line(table.columns.map { printed($0.name) }, header: true) + "\n"
        let rule = { (i: Int) in String(repeating: "─", count: widths[i]) }
        out += (fit.left.map(rule) + (fit.hidden.isEmpty ? [] : ["─"]) + fit.right.map(rule)).joined(separator: "  ") + "\n"
        for row in cells { out += line(row, header: false) + "\n" }
        if !fit.hidden.isEmpty { out += style(hiddenColumnsNote(table, fit: fit, widths: widths), "2") + "\n" }
        if shown.count < table.rows.count {
            let more = table.rows.count - shown.count
            out += style("… \(NumberFormat.grouped(Double(more), decimals: 0)) more row\(more == 1 ? "" : "s") (format table max-rows=0 shows all; export writes all)", "2") + "\n"
        }
        if table.rows.isEmpty { out += style("(no rows)", "2") + "\n" }
        return out
    }

    /// Says which columns a table too wide for the terminal does not show, and how to see them: two
    /// lines, each cut to the width.
    func hiddenColumnsNote(_ table: ResultTable, fit: ColumnFit, widths: [Int]) -> String {
        let names = fit.hidden.map { printed(table.columns[$0].name) }
        var ways = ["'format line' shows every field"]
        if let cut = ColumnFit.maxWidthThatFits(widths, limit: settings.width), cut >= 8, cut < settings.maxWidth {
            ways.append("'set maxwidth = \(cut)' fits all")
        }
        ways.append("export writes all")
        let first = "… \(fit.hidden.count) of \(table.columns.count) columns not shown: " + names.joined(separator: ", ")
        return LongText.cut(first, to: settings.width) + "\n" + LongText.cut("  (" + ways.joined(separator: "; ") + ")", to: settings.width)
    }

    /// A cell as printed: control characters escaped (``ControlCharacters``), cut to `maxwidth` with `…`.
    func printed(_ text: String) -> String {
        LongText.cut(ControlCharacters.escaped(LongText.cut(text, to: settings.maxWidth)), to: settings.maxWidth)
    }

    func renderValues(title: String?, _ items: [(name: String, value: Value, format: ValueFormat)]) -> String {
        var out = ""
        if let title { out += style(title, "1") + "\n" }
        let width = items.map(\.name.displayWidth).max() ?? 0
        for item in items {
            out += "  " + item.name + String(repeating: " ", count: width - item.name.displayWidth) + "  "
                + printed(item.value.display(item.format, currency: settings.currency)) + "\n"
        }
        return out
    }
}

extension String {
    /// Columns the string takes on a terminal: wide East Asian characters count two, combining marks zero.
    var displayWidth: Int {
        var width = 0
        for scalar in unicodeScalars {
            let v = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark || v == 0x200B { continue }
            if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
                width += 2
            } else {
                width += 1
            }
        }
        return width
    }
}
