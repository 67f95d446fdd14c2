import Foundation
import UpshellCore

/// Splits input text into commands and tokens.
///
/// Rules: whitespace separates words; `"…"` and `'…'` quote (inside double quotes `\"` and `\\` escape);
/// adjacent quoted and unquoted runs form one word (`"a b",c`); `;` outside quotes ends a command;
/// `#` at the start of a word starts a comment to the end of the line; a `\` at the end of a line joins
/// it with the next. Variables (`$name`, `${name}`) are expanded before splitting, except inside single
/// quotes; `$` followed by a digit is a literal (money such as `$50`).
public enum Lexer {
    /// Splits `text` into commands. Empty commands (blank lines, comments) are dropped.
    ///
    /// - Parameter variables: looks a variable's value up by name; `nil` makes `$name` an error.
    /// - Throws: ``LanguageError`` for an unbalanced quote or an unknown variable.
    public static func commands(in text: String, variables: (String) -> String? = { _ in nil }) throws -> [CommandText] {
        try checkQuotes(text)
        let expanded = try expandVariables(in: text, variables: variables)
        var scanner = TokenScanner(expanded)
        return try scanner.scan()
    }

    /// Splits variable-expanded text into commands and their tokens, one character at a time: the word
    /// being built from its quoted and unquoted segments, the tokens of the command so far, and the
    /// commands finished.
    private struct TokenScanner {
        let chars: [Character]
        var commands: [CommandText] = []
        var tokens: [Token] = []
        var segments: [Token.Segment] = []
        var current = ""
        var tokenStart: Int?
        var commandStart = 0
        var quote: Character?
        var quoteStart = 0

        init(_ text: String) { chars = Array(text) }

        /// The commands of the whole text (empty ones dropped).
        /// - Throws: ``LanguageError`` for a quote that is never closed.
        mutating func scan() throws -> [CommandText] {
            var i = 0
            while i < chars.count {
                i = quote == nil ? step(at: i) : stepInQuote(at: i)
            }
            if quote != nil {
                let source = String(chars[commandStart...])
                throw LanguageError("unbalanced quote: the \(quote == "\"" ? "double" : "single") quote opened here is never closed",
                                    hint: "close it with \(quote!) or escape a literal double quote inside double quotes as \\\"",
                                    range: (quoteStart - commandStart)..<(quoteStart - commandStart + 1), source: source)
            }
            finishCommand(at: chars.count)
            return commands
        }

        /// Reads the character at `i` inside a quote (the closing quote, an escape inside double quotes, or
        /// text); the index of the next character to read.
        mutating func stepInQuote(at i: Int) -> Int {
            let c = chars[i]
            if c == quote {
                flushSegment(quoted: true)
                quote = nil
            } else if c == "\\", quote == "\"", i + 1 < chars.count, chars[i + 1] == "\"" || chars[i + 1] == "\\" {
                current.append(chars[i + 1])
                return i + 2
            } else {
                current.append(c)
            }
            return i + 1
        }

        /// Reads the character at `i` outside quotes (a separator, a line end or continuation, `;`, a
        /// comment, an opening quote, or text); the index of the next character to read.
        mutating func step(at i: Int) -> Int {
            let c = chars[i]
            switch c {
            case " ", "\t", "\r\n", "\r":
                finishToken(at: i)
            case "\n":
                // A newline outside quotes ends the command, as `;` does.
                finishCommand(at: i)
            case "\\" where i + 1 == chars.count || chars[i + 1] == "\n" || chars[i + 1] == "\r\n":
                finishToken(at: i)
                return i + 2  // skip the newline: the command continues on the next line
            case ";":
                finishCommand(at: i)
            case "#" where tokenStart == nil:
                var end = i
                while end < chars.count, chars[end] != "\n" { end += 1 }
                return end
            case "\"", "'":
                if tokenStart == nil { tokenStart = i }
                flushSegment(quoted: false)
                quote = c
                quoteStart = i
            default:
                if tokenStart == nil { tokenStart = i }
                current.append(c)
            }
            return i + 1
        }

        /// Ends the current segment of the word (an empty quoted one counts: `""` is a word).
        mutating func flushSegment(quoted: Bool) {
            if !current.isEmpty || quoted { segments.append(.init(text: current, quoted: quoted)) }
            current = ""
        }

        /// Ends the word being read, if any, at `end`.
        mutating func finishToken(at end: Int) {
            flushSegment(quoted: false)
            if let start = tokenStart, !segments.isEmpty {
                tokens.append(Token(segments: segments, range: (start - commandStart)..<(end - commandStart)))
            }
            segments = []
            tokenStart = nil
        }

        /// Ends the command being read, if it has any words, at `end`.
        mutating func finishCommand(at end: Int) {
            finishToken(at: end)
            if !tokens.isEmpty {
                let source = String(chars[commandStart..<end])
                commands.append(CommandText(source: source, tokens: tokens))
            }
            tokens = []
            commandStart = end + 1
        }
    }

    /// Throws the unbalanced-quote error for the raw text, before variables are expanded.
    static func checkQuotes(_ text: String) throws {
        var quote: Character?
        var start = 0
        var commandStart = 0
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\", q == "\"", i + 1 < chars.count { i += 2; continue }
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
                start = i
            } else if c == "#", i == 0 || chars[i - 1] == " " || chars[i - 1] == "\t" || chars[i - 1] == "\n" || chars[i - 1] == ";" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            } else if c == "\n" || c == ";" {
                commandStart = i + 1
            }
            i += 1
        }
        guard let q = quote else { return }
        let source = String(chars[commandStart...])
        throw LanguageError("unbalanced quote: the \(q == "\"" ? "double" : "single") quote opened here is never closed",
                            hint: "close it with \(q), or escape a literal double quote inside double quotes as \\\"",
                            range: (start - commandStart)..<(start - commandStart + 1), source: source)
    }

    /// Splits raw input into the texts of its commands (at `;` and newlines outside quotes, after
    /// joining `\`-continued lines), without expanding variables: each command's variables are expanded
    /// when it runs, so `set x = 1; echo $x` sees the new value.
    ///
    /// - Throws: ``LanguageError`` for an unbalanced quote.
    public static func commandTexts(in text: String) throws -> [String] {
        try checkQuotes(text)
        var pieces: [String] = []
        var current = ""
        var quote: Character?
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\", q == "\"", i + 1 < chars.count {
                    current.append(c)
                    current.append(chars[i + 1])
                    i += 2
                    continue
                }
                if c == q { quote = nil }
                current.append(c)
            } else if c == "\"" || c == "'" {
                quote = c
                current.append(c)
            } else if c == "\\", i + 1 == chars.count || chars[i + 1] == "\n" || chars[i + 1] == "\r\n" {
                current.append(" ")
                i += 2
                continue
            } else if c == "#", current.last == nil || current.last == " " || current.last == "\t" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            } else if c == ";" || c == "\n" {
                pieces.append(current)
                current = ""
            } else {
                current.append(c)
            }
            i += 1
        }
        pieces.append(current)
        return pieces.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// Whether `text` is a complete input: no open quote and no trailing `\` continuation.
    /// The REPL and the script reader keep reading lines while this is `false`.
    public static func isComplete(_ text: String) -> Bool {
        var quote: Character?
        var lastSignificant: Character?
        var escaped = false
        var inComment = false
        for c in text {
            if inComment {
                if c == "\n" { inComment = false }
                continue
            }
            if let q = quote {
                if escaped { escaped = false; continue }
                if c == "\\" && q == "\"" { escaped = true; continue }
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case "#" where lastSignificant == nil || lastSignificant == " " || lastSignificant == "\n" || lastSignificant == ";":
                inComment = true
                continue
            default: break
            }
            lastSignificant = c == "\t" ? " " : c
        }
        if quote != nil { return false }
        let trimmed = text.reversed().drop { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        return trimmed.first != "\\"
    }

    /// Replaces `$name` and `${name}` outside single quotes by the variable's value. Outside quotes a
    /// value with spaces or quotes is inserted quoted, so it stays one word.
    static func expandVariables(in text: String, variables: (String) -> String?) throws -> String {
        guard text.contains("$") else { return text }
        let chars = Array(text)
        var out = ""
        var quote: Character?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil }
                if c == "$", q == "\"", let (name, end) = variableName(chars, at: i) {
                    guard let value = variables(name) else { throw unknownVariable(name, chars, i, end) }
                    out += value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    i = end
                    continue
                }
                out.append(c)
                i += 1
                continue
            }
            if c == "\"" || c == "'" { quote = c }
            if c == "$", let (name, end) = variableName(chars, at: i) {
                guard let value = variables(name) else { throw unknownVariable(name, chars, i, end) }
                if value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == ";" || $0 == "\t" }) {
                    out += "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
                } else {
                    out += value
                }
                i = end
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// The variable name starting at `$` at `index`, and the index after it; `nil` when `$` is literal.
    private static func variableName(_ chars: [Character], at index: Int) -> (String, Int)? {
        var j = index + 1
        guard j < chars.count else { return nil }
        if chars[j] == "{" {
            var name = ""
            j += 1
            while j < chars.count, chars[j] != "}" { name.append(chars[j]); j += 1 }
            guard j < chars.count, !name.isEmpty else { return nil }
            return (name, j + 1)
        }
        guard chars[j].isLetter || chars[j] == "_" else { return nil }
        var name = ""
        while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" {
            name.append(chars[j])
            j += 1
        }
        return (name, j)
    }

    private static func unknownVariable(_ name: String, _ chars: [Character], _ start: Int, _ end: Int) -> LanguageError {
        LanguageError("unknown variable '$\(name)'",
                      hint: "define it with 'set \(name) = VALUE' or '-D \(name)=VALUE'; 'vars' lists variables; inside single quotes $ is literal ('$x')",
                      range: start..<end, source: String(chars))
    }
}
