/// One token of a filter expression, with where it stands in the text (character offsets).
struct FilterToken: Equatable {
    enum Kind: Equatable {
        /// A bare word: a column name, a keyword (`and`, `in`, …) or a text value.
        case word(String)
        /// A number, `$` and `%` already applied (`20%` is 0.2).
        case number(Double)
        /// A date or date-time written without quotes.
        case date(FilterTime.Span)
        /// Text in double quotes (a column on the left of a comparison, a value on the right).
        case doubleQuoted(String)
        /// Text in single quotes: always a value.
        case singleQuoted(String)
        /// A name in backticks: always a column.
        case backticked(String)
        /// `=`, `!=`, `<`, `<=`, `>`, `>=` (`==` is read as `=`, `<>` as `!=`).
        case comparison(FilterComparisonOperator)
        case openParenthesis, closeParenthesis, comma
    }

    var kind: Kind
    /// Character offset of the first character.
    var position: Int
    /// Characters the token spans in the source (quotes included).
    var length: Int
    /// The source text of the token (quotes removed for quoted tokens).
    var text: String

    /// The word in lower case if this is a bare word, for keyword tests.
    var keyword: String? {
        if case .word(let w) = kind { return w.lowercased() }
        return nil
    }
}

/// Splits a filter expression into tokens.
///
/// An unquoted run of characters other than space, `( ) , = ! < > " ' \`` is one atom; an atom is a
/// date if it reads `YYYY-MM-DD[THH:MM[:SS]]`, a number if it reads like one (optionally with a leading
/// `$` or a trailing `%`), else a word — so `85123A` and `line-total` are words and `-3` is a number.
enum FilterTokenizer {
    static let reserved: Set<Character> = [" ", "\t", "\n", "\r", "(", ")", ",", "=", "!", "<", ">", "\"", "'", "`"]

    static func tokenize(_ source: String) throws(FilterError) -> [FilterToken] {
        let chars = Array(source)
        var tokens: [FilterToken] = []
        var i = 0
        func add(_ kind: FilterToken.Kind, _ start: Int, _ end: Int, text: String? = nil) {
            tokens.append(FilterToken(kind: kind, position: start, length: end - start,
                                      text: text ?? String(chars[start..<end])))
        }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            switch c {
            case "(": i += 1; add(.openParenthesis, start, i)
            case ")": i += 1; add(.closeParenthesis, start, i)
            case ",": i += 1; add(.comma, start, i)
            case "=":
                i += (i + 1 < chars.count && chars[i + 1] == "=") ? 2 : 1
                add(.comparison(.equal), start, i)
            case "!":
                guard i + 1 < chars.count, chars[i + 1] == "=" else {
                    throw FilterError(.syntax, "unexpected '!'", hint: "write 'not' to negate, or '!=' for not equal",
                                      position: start)
                }
                i += 2; add(.comparison(.notEqual), start, i)
            case "<":
                if i + 1 < chars.count, chars[i + 1] == "=" { i += 2; add(.comparison(.lessOrEqual), start, i) }
                else if i + 1 < chars.count, chars[i + 1] == ">" { i += 2; add(.comparison(.notEqual), start, i) }
                else { i += 1; add(.comparison(.less), start, i) }
            case ">":
                if i + 1 < chars.count, chars[i + 1] == "=" { i += 2; add(.comparison(.greaterOrEqual), start, i) }
                else { i += 1; add(.comparison(.greater), start, i) }
            case "\"", "'", "`":
                let (text, end) = try quoted(chars, from: i)
                i = end
                let kind: FilterToken.Kind = c == "\"" ? .doubleQuoted(text) : c == "'" ? .singleQuoted(text) : .backticked(text)
                add(kind, start, i, text: text)
            default:
                while i < chars.count, !reserved.contains(chars[i]) { i += 1 }
                let atom = String(chars[start..<i])
                add(try classify(atom, position: start), start, i)
            }
        }
        return tokens
    }

    /// Reads a quoted run starting at the opening quote; a doubled quote or a backslash-escaped quote
    /// stands for the quote itself. Returns the text and the index after the closing quote.
    static func quoted(_ chars: [Character], from start: Int) throws(FilterError) -> (String, Int) {
        let quote = chars[start]
        var text = ""
        var i = start + 1
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1] == quote || chars[i + 1] == "\\" {
                text.append(chars[i + 1]); i += 2; continue
            }
            if c == quote {
                if i + 1 < chars.count, chars[i + 1] == quote { text.append(quote); i += 2; continue }
                return (text, i + 1)
            }
            text.append(c); i += 1
        }
        throw FilterError(.syntax, "unterminated \(quote == "`" ? "column name" : "text") starting with \(quote)",
                          hint: "close it with a matching \(quote)", position: start, length: chars.count - start)
    }

    /// Date, number or word.
    static func classify(_ atom: String, position: Int) throws(FilterError) -> FilterToken.Kind {
        switch FilterTime.parse(atom, allowSpace: false) {
        case .span(let span): return .date(span)
        case .invalid:
            throw FilterError(.invalidLiteral, "'\(atom)' is not a valid date",
                              hint: "write dates as YYYY-MM-DD, optionally with THH:MM or THH:MM:SS",
                              position: position, length: atom.count)
        case .notADate: break
        }
        if let number = number(atom) { return .number(number) }
        return .word(atom)
    }

    /// `12`, `12.5`, `-3`, `1e3`, `$50`, `-$5`, `$-5`, `20%` (= 0.2); `nil` for anything else.
    static func number(_ atom: String) -> Double? {
        var body = Substring(atom)
        var sign = 1.0
        if body.first == "-" || body.first == "+", body.dropFirst().first == "$" {
            sign = body.first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        if body.first == "$" { body = body.dropFirst() }
        var scale = 1.0
        if body.last == "%" { body = body.dropLast(); scale = 0.01 }
        guard let first = body.first, first.isASCII, first.isNumber || first == "." || first == "-" || first == "+",
              body.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(body)
        else { return nil }
        return sign * value * scale
    }
}
