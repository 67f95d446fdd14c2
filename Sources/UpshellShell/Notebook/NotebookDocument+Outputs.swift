import Foundation

extension NotebookDocument {
    /// The notebook's text with new outputs: `outputs[i]` replaces the output block of cell `i` (`nil` leaves
    /// the cell as it is; an empty output is an empty block, so a stray `output` block further down never
    /// becomes the cell's). Every other line stays byte for byte, and an output equal to the one in the file
    /// gives the file back unchanged.
    public func text(withOutputs outputs: [String?]) -> String {
        var lines = self.lines
        for (index, cell) in cells.enumerated().reversed() {
            guard index < outputs.count, let output = outputs[index] else { continue }
            // the opening fence's ending (the closing fence may be a last line without one)
            let ending = Self.ending(of: lines[cell.open])
            let block = Self.outputBlock(output, ending: ending)
            if let existing = cell.output {
                lines.replaceSubrange(existing.open...existing.close, with: block)
            } else {
                // a last line without an ending gets one, so the output block starts on its own line
                if !Self.isEnded(lines[cell.close]) { lines[cell.close] += lines[cell.close].unicodeScalars.last == "\r" ? "\n" : ending }
                lines.insert(contentsOf: block, at: cell.close + 1)
            }
        }
        // a file that did not end with a line ending still does not
        if let last = self.lines.last, !Self.isEnded(last), let new = lines.last, Self.isEnded(new) {
            lines[lines.count - 1] = Self.content(of: new)
        }
        return lines.joined()
    }

    /// The output of a cell as the file holds it now (without its fences), or `nil` when it has none.
    public func currentOutput(of cell: NotebookCell) -> String? {
        guard let block = cell.output else { return nil }
        return (block.open + 1..<block.close).map { Self.content(of: lines[$0]) + "\n" }.joined()
    }

    /// A fenced `output` block holding `text`, with a fence longer than any backtick run that starts one of
    /// its lines (so printed Markdown cannot close it early).
    static func outputBlock(_ text: String, ending: String) -> [String] {
        var body = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if body.last == "" { body.removeLast() }
        let longest = body.map { line in line.drop { $0 == " " }.prefix { $0 == "`" }.count }.max() ?? 0
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return [fence + "output" + ending] + body.map { $0 + ending } + [fence + ending]
    }

    /// The ending of a line (`\r\n` kept for files written on Windows), `\n` for a last line without one.
    static func ending(of line: String) -> String {
        line.unicodeScalars.suffix(2).elementsEqual(["\r", "\n"]) ? "\r\n" : "\n"
    }
}
