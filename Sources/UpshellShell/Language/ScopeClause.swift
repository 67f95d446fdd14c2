import UpshellData

/// A command's `where EXPRESSION` clause: the command split at its first unquoted `where` word into
/// the words before it and the filter expression after it, with the expression's offset in the command
/// text so filter errors can put a caret under the offending part.
///
/// ```swift
/// let clause = try ScopeClause.split(command)          // threshold 50 where Country = "FR"
/// clause?.head.tokens.count                            // 2: threshold, 50
/// clause?.expression                                   // Country = "FR"
/// ```
///
/// One rule for every command (`filter`, `segment define`, the pricing what-ifs): `where` in any case,
/// never quoted (`"where"` is a value).
public struct ScopeClause: Sendable {
    /// The whole command.
    public let command: CommandText
    /// Index of the `where` token in ``command``.
    public let whereIndex: Int
    /// The expression's text as written (between `where` and the end, or the clause's end token).
    public let expression: String
    /// Character offset of the expression in the command text.
    public let offset: Int

    /// The command's words before `where` (the command name, positionals and options).
    public var head: CommandText { CommandText(source: command.source, tokens: Array(command.tokens[..<whereIndex])) }

    /// Index of the first unquoted `where` token at or after `from`, or `nil`.
    public static func whereIndex(in command: CommandText, from: Int = 1) -> Int? {
        let tokens = command.tokens
        guard from < tokens.count else { return nil }
        return tokens.indices[from...].first { tokens[$0].text.lowercased() == "where" && !tokens[$0].wasQuoted }
    }

    /// The clause of `command` starting at its first unquoted `where` at or after token `from`, or `nil`
    /// when there is none; throws when `where` has no expression after it.
    public static func split(_ command: CommandText, from: Int = 1) throws -> ScopeClause? {
        guard let w = whereIndex(in: command, from: from) else { return nil }
        return try ScopeClause(command, whereAt: w)
    }

    /// The clause whose `where` is token `w`, its expression running to token `end` (exclusive; default:
    /// the end of the command). Throws ``LanguageError`` when no token lies between them.
    public init(_ command: CommandText, whereAt w: Int, end: Int? = nil) throws {
        let last = end ?? command.tokens.count
        guard w + 1 < last else {
            throw LanguageError("'where' needs an expression", hint: "example: where created_at >= 2025-10-01",
                                range: command.tokens[w].range, source: command.source)
        }
        self.command = command
        whereIndex = w
        offset = command.tokens[w + 1].range.lowerBound
        expression = end == nil ? command.rawText(fromToken: w + 1) : command.rawText(from: w + 1, to: last)
    }

    /// A filter error placed under the expression in the command text.
    public func located(_ error: FilterError) -> LanguageError {
        LanguageError(error.message, hint: error.hint,
                      range: (offset + error.position)..<(offset + error.position + max(1, error.length)),
                      source: command.source)
    }

    /// The rows of `dataset` the expression selects (with the session's virtual columns: `segment`,
    /// `category`, `brand`); filter errors come back with a caret under the expression.
    func selectedRows(in dataset: Dataset, _ session: Session) throws -> [Int32] {
        do {
            return try FilterExpression(expression).selectedRows(in: dataset, session)
        } catch let error as FilterError {
            throw located(error)
        }
    }
}
