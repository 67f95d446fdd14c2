import UpshellCore

/// An error in the text of a command: bad quoting, unknown command or option, malformed value.
///
/// Carries the offending character range so the shell can draw a caret under it.
public struct LanguageError: UserFacingError {
    public let message: String
    public let hint: String?
    /// Character range in ``source`` the error points at, when known.
    public let range: Range<Int>?
    /// The command text the range refers to.
    public var source: String?

    public init(_ message: String, hint: String? = nil, range: Range<Int>? = nil, source: String? = nil) {
        self.message = message
        self.hint = hint
        self.range = range
        self.source = source
    }

    /// Two lines: the command and a caret line under the offending range; `nil` without a range.
    public var caretLines: String? {
        guard let range, let source, !source.contains("\n"), source.count <= 200 else { return nil }
        let width = max(1, range.count)
        return "  \(source)\n  \(String(repeating: " ", count: range.lowerBound))\(String(repeating: "^", count: width))"
    }
}
