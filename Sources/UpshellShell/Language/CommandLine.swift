import Foundation

/// One command of the input: its tokens and the text they came from.
public struct CommandText: Sendable {
    /// The command's text (after variable expansion), for error carets and commands that read raw text.
    public var source: String
    /// The words of the command; the first is the command name.
    public var tokens: [Token]

    /// The raw text from the start of token `index` to the end of the command (for expressions).
    public func rawText(fromToken index: Int) -> String {
        guard index < tokens.count else { return "" }
        return String(source.dropFirst(tokens[index].range.lowerBound)).trimmingCharacters(in: .whitespaces)
    }

    /// The raw text of tokens `from..<to`.
    public func rawText(from: Int, to: Int) -> String {
        guard from < to, from < tokens.count else { return "" }
        let start = tokens[from].range.lowerBound
        let end = tokens[min(to, tokens.count) - 1].range.upperBound
        let chars = Array(source)
        return String(chars[start..<min(end, chars.count)])
    }
}
