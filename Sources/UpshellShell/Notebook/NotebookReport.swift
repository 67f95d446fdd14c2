import Foundation

/// The HTML report of a notebook run: its prose (Markdown turned into HTML), then each block's commands with
/// their tables and charts as they were computed (the `output` blocks of the file are not repeated).
enum NotebookReport {
    static func html(_ document: NotebookDocument, outcome: NotebookRun.Outcome, name: String,
                     markdown: (@Sendable (String) -> String)?) -> String {
        var parts: [ReportPart] = []
        var prose: [String] = []
        func flush() {
            let text = prose.joined()
            prose = []
            guard !text.allSatisfy(\.isWhitespace) else { return }
            parts.append(.html(markdown?(text) ?? "<pre>" + HTMLReport.escape(text) + "</pre>"))
        }
        var line = 0
        for (index, cell) in document.cells.enumerated() {
            prose += document.lines[line..<cell.open]
            flush()
            let ran = index < outcome.outputs.count && outcome.outputs[index] != nil
            parts.append(.commands(code: cell.code, results: outcome.results[index],
                                   error: outcome.errors[index] ?? (ran ? nil : "not run: an earlier block failed")))
            line = (cell.output?.close ?? cell.close) + 1
        }
        prose += document.lines[line...]
        flush()
        let heading = document.lines.first { $0.hasPrefix("# ") }.map { NotebookDocument.content(of: $0).dropFirst(2).trimmingCharacters(in: .whitespaces) }
        return HTMLReport(title: heading ?? name, parts: parts).render()
    }
}
