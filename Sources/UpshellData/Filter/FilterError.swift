import UpshellCore

/// A filter expression that cannot be parsed or evaluated, with the place in the expression to point at.
///
/// `position` counts characters (grapheme clusters) from the start of the expression string, so the shell
/// can draw a caret under it: print the expression, then ``caretLine``.
public struct FilterError: UserFacingError, Equatable {
    /// What kind of mistake it is.
    public enum Kind: Sendable, Equatable {
        /// The expression does not follow the grammar (a missing operator, value or parenthesis).
        case syntax
        /// A name on the left of a comparison is not a column.
        case unknownColumn
        /// A value cannot be compared with the column (`price > "abc"`, `country > 5`).
        case typeMismatch
        /// A literal that looks like a date or number but is not one (`2011-02-30`).
        case invalidLiteral
    }

    /// What kind of mistake it is.
    public let kind: Kind
    /// What went wrong (lower case, user input in single quotes).
    public let message: String
    /// What was expected, or how to fix it.
    public let hint: String?
    /// Character offset in the expression string where the problem starts.
    public let position: Int
    /// How many characters the offending token spans (at least 1).
    public let length: Int

    /// Makes an error at `position` spanning `length` characters.
    public init(_ kind: Kind, _ message: String, hint: String? = nil, position: Int, length: Int = 1) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.position = position
        self.length = max(1, length)
    }

    /// Spaces up to ``position``, then `^` and `~` under the rest of the offending token:
    /// print it on the line under the expression.
    public var caretLine: String {
        String(repeating: " ", count: position) + "^" + String(repeating: "~", count: length - 1)
    }
}
