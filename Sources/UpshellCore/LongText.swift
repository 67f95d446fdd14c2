/// Cutting text that can be arbitrarily long (a 10 MB cell, a file without a newline read as a header)
/// before it reaches a table, a message or a terminal.
public enum LongText {
    /// Characters a table cell shows before it is cut.
    public static let cellLimit = 120
    /// Characters an error message or hint shows before it is cut.
    public static let messageLimit = 1_000

    /// `text` itself when it has at most `limit` characters; otherwise its first `limit − 1` characters
    /// and `…`. Reads at most `limit + 1` characters of `text`, so it is cheap on huge strings.
    public static func cut(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }  // a character takes at least one byte
        var end = text.startIndex
        var kept = 0
        while end < text.endIndex, kept < limit {
            end = text.index(after: end)
            kept += 1
        }
        guard end < text.endIndex else { return text }
        return String(text[..<text.index(before: end)]) + "…"
    }

    /// `cut(_:to:)` for a message, saying how long the whole was: `… (10,000,000 characters in all)`.
    public static func cutMessage(_ text: String, to limit: Int = messageLimit) -> String {
        let cut = cut(text, to: limit)
        guard cut.utf8.count < text.utf8.count else { return text }
        return cut + " (\(text.utf8.count) bytes in all)"
    }
}
