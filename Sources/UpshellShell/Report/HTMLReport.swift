import Foundation
import UpshellCore

/// A result as the report shows it: the command and what it returned, with the settings it printed with.
public struct ReportResult: Sendable {
    public var command: String
    public var output: CommandOutput
    /// The currency symbol of its money values.
    public var currency: String
}

/// One part of a report: prose already in HTML, or a block of commands with their results and, for a
/// block that failed, the error text.
public enum ReportPart: Sendable {
    case html(String)
    case commands(code: [String], results: [ReportResult], error: String?)
}

/// A self-contained HTML report: no script, no external URL (styles inline, charts as inline SVG), a
/// responsive width for phones, and print styles. Tables right-align numbers (tabular figures) and show
/// money with its currency, as the terminal does.
public struct HTMLReport: Sendable {
    public var title: String
    public var parts: [ReportPart]

    public init(title: String, parts: [ReportPart]) {
        self.title = title
        self.parts = parts
    }

    static let style = """
        :root{color-scheme:light}
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.5;color:#111;margin:0 auto;padding:1rem;max-width:72rem}
        h1,h2,h3{line-height:1.2}
        pre{background:#f5f5f5;padding:.5rem .75rem;overflow-x:auto;font-size:.85rem}
        pre.cmd{border-left:3px solid #0072B2}
        pre.err{border-left:3px solid #D55E00;background:#fff4ee}
        .scroll{overflow-x:auto;margin:.5rem 0 1rem}
        table{border-collapse:collapse;font-size:.85rem}
        caption{text-align:left;font-weight:600;padding:.25rem 0}
        th,td{padding:.2rem .6rem;border-bottom:1px solid #e3e3e3;white-space:nowrap;text-align:left}
        th{border-bottom:2px solid #999}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        .note{color:#555;font-size:.85rem;margin:.2rem 0}
        .warning{color:#8a3b00;font-size:.85rem;margin:.2rem 0}
        figure{margin:.5rem 0 1rem}
        svg{max-width:100%;height:auto}
        @media (max-width:40rem){body{padding:.5rem}table{font-size:.75rem}}
        @media print{body{max-width:none;padding:0}.scroll,pre{overflow:visible;white-space:pre-wrap}section.cell,figure,table{break-inside:avoid}a{color:inherit}}
        """

    /// The whole document.
    public func render() -> String {
        var body = ""
        for part in parts {
            switch part {
            case .html(let html): body += html + "\n"
            case let .commands(code, results, error):
                body += "<section class=\"cell\">\n<pre class=\"cmd\"><code>" + Self.escape(code.joined(separator: "\n")) + "</code></pre>\n"
                for result in results { body += Self.blocks(result) }
                if let error { body += "<pre class=\"err\">" + Self.escape(error) + "</pre>\n" }
                body += "</section>\n"
            }
        }
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>\(Self.escape(title))</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n<main>\n"
            + body + "</main>\n</body>\n</html>\n"
    }

    /// The blocks of one result: tables, name/value lists, charts (inline SVG), text, notes and warnings.
    static func blocks(_ result: ReportResult) -> String {
        var out = ""
        for block in result.output.blocks {
            switch block {
            case .table(let table): out += self.table(table, currency: result.currency)
            case let .values(title, items):
                let t = ResultTable(title: title, columns: [ResultColumn("name"), ResultColumn("value", .text)],
                                    rows: items.map { [.text($0.name), .text($0.value.display($0.format, currency: result.currency))] })
                out += table(t, currency: result.currency, rightAlign: [1])
            case .chart(let chart):
                out += "<figure>\n" + SVGChartRenderer(currency: result.currency, standalone: false).render(chart) + "</figure>\n"
            case .text(let text): out += "<pre>" + escape(text) + "</pre>\n"
            case .note(let text): out += "<p class=\"note\">note: " + escape(text) + "</p>\n"
            case .warning(let text): out += "<p class=\"warning\">warning: " + escape(text) + "</p>\n"
            }
        }
        return out
    }

    /// A table, every row (a report is not a terminal), numbers right-aligned.
    static func table(_ table: ResultTable, currency: String, rightAlign: Set<Int> = []) -> String {
        let right = Set(table.columns.indices.filter { table.columns[$0].alignsRight }).union(rightAlign)
        func cell(_ tag: String, _ i: Int, _ text: String) -> String {
            "<\(tag)\(right.contains(i) ? " class=\"num\"" : "")>\(escape(text))</\(tag)>"
        }
        var out = "<div class=\"scroll\"><table>\n"
        if let title = table.title { out += "<caption>\(escape(title))</caption>\n" }
        out += "<thead><tr>" + table.columns.enumerated().map { cell("th", $0.offset, $0.element.name) }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>" + row.enumerated().map { i, v in cell("td", i, v.display(table.columns[i].format, currency: currency)) }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    /// Text made safe for HTML; control characters from data (terminal escapes in product names) shown as
    /// `\u{1B}`-style text, never passed on raw.
    static func escape(_ text: String) -> String { SVGChartRenderer.escape(text) }
}
