/// Recursive-descent parser of the filter language.
///
/// ```
/// expression := or
/// or         := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | primary
/// primary    := "(" expression ")" | comparison
/// comparison := column ( OP value
///                      | ["not"] "in" "(" value ("," value)* ")"
///                      | ["not"] "between" value "and" value
///                      | ["not"] "contains" value
///                      | "is" ["not"] "null" )
/// column     := bare-word | `back ticked` | "double quoted"
/// value      := number | date | 'single quoted' | "double quoted" | bare-word
/// OP         := = | == | != | <> | < | <= | > | >=
/// ```
/// Keywords are case-insensitive. The left of a comparison is always a column, the right always a value.
struct FilterParser {
    static let keywords: Set<String> = ["and", "or", "not", "in", "between", "contains", "is", "null"]
    /// How deep parentheses and `not` may nest: far beyond any hand-written condition, far below what
    /// overflows the stack of the recursive descent (about 20,000 levels crashed the shell).
    static let maximumDepth = 256

    let tokens: [FilterToken]
    let sourceLength: Int
    var index = 0
    /// Parentheses and `not` open around the current token.
    var depth = 0

    init(_ source: String) throws(FilterError) {
        tokens = try FilterTokenizer.tokenize(source)
        sourceLength = source.count
    }

    /// Parses the whole expression.
    mutating func parse() throws(FilterError) -> FilterNode {
        guard !tokens.isEmpty else {
            throw FilterError(.syntax, "empty filter expression",
                              hint: "write a condition such as: country = \"France\" and price > 10", position: 0)
        }
        let node = try parseOr()
        if let extra = peek {
            var hint = "expected 'and', 'or' or the end of the expression"
            if case .word = extra.kind, index > 0, case .word(let previous) = tokens[index - 1].kind {
                hint = "quote text that has spaces, as in \"\(previous) \(extra.text)\"; or " + hint
            }
            throw FilterError(.syntax, "unexpected \(describe(extra))", hint: hint,
                              position: extra.position, length: extra.length)
        }
        return node
    }

    // MARK: Token access

    var peek: FilterToken? { index < tokens.count ? tokens[index] : nil }

    mutating func next() -> FilterToken? {
        defer { index += 1 }
        return peek
    }

    mutating func accept(keyword: String) -> Bool {
        if peek?.keyword == keyword { index += 1; return true }
        return false
    }

    /// Error for a missing piece at the current token (or the end of the text).
    func expected(_ what: String, after: String? = nil, hint: String? = nil) -> FilterError {
        let context = after.map { " after \($0)" } ?? ""
        if let token = peek {
            return FilterError(.syntax, "expected \(what)\(context), found \(describe(token))", hint: hint,
                               position: token.position, length: token.length)
        }
        return FilterError(.syntax, "expected \(what)\(context), found the end of the expression", hint: hint,
                           position: sourceLength)
    }

    func describe(_ token: FilterToken) -> String {
        switch token.kind {
        case .doubleQuoted, .singleQuoted: "the text '\(token.text)'"
        case .backticked: "the column '\(token.text)'"
        default: "'\(token.text)'"
        }
    }

    // MARK: Grammar

    mutating func parseOr() throws(FilterError) -> FilterNode {
        var terms = [try parseAnd()]
        while accept(keyword: "or") { terms.append(try parseAnd()) }
        return Self.balanced(terms[...], FilterNode.or)
    }

    mutating func parseAnd() throws(FilterError) -> FilterNode {
        var terms = [try parseNot()]
        while accept(keyword: "and") { terms.append(try parseNot()) }
        return Self.balanced(terms[...], FilterNode.and)
    }

    /// A chain `a and b and c …` as a balanced tree (the operators are associative), so that a chain of
    /// thousands of conditions is a tree of depth log₂ n for the compiler's and evaluator's recursion.
    static func balanced(_ terms: ArraySlice<FilterNode>, _ join: (FilterNode, FilterNode) -> FilterNode) -> FilterNode {
        if terms.count == 1 { return terms[terms.startIndex] }
        let middle = terms.startIndex + terms.count / 2
        return join(balanced(terms[..<middle], join), balanced(terms[middle...], join))
    }

    /// Enters one more level of parentheses or `not` at `token`, refusing more than ``maximumDepth``.
    mutating func enter(_ token: FilterToken) throws(FilterError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw FilterError(.syntax, "the expression nests parentheses and 'not' deeper than \(Self.maximumDepth) levels",
                              hint: "write the condition flatter: a and b and c needs no parentheses",
                              position: token.position, length: token.length)
        }
    }

    mutating func parseNot() throws(FilterError) -> FilterNode {
        if let token = peek, token.keyword == "not" {
            index += 1
            try enter(token)
            defer { depth -= 1 }
            return .not(try parseNot())
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(FilterError) -> FilterNode {
        if let open = peek, open.kind == .openParenthesis {
            index += 1
            try enter(open)
            defer { depth -= 1 }
            let inner = try parseOr()
            guard let close = peek, close.kind == .closeParenthesis else {
                throw expected("')'", hint: "to close the '(' at character \(open.position + 1)")
            }
            _ = close
            index += 1
            return inner
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(FilterError) -> FilterNode {
        guard let token = peek else { throw expected("a column name") }
        let name: String
        switch token.kind {
        case .word(let w) where !Self.keywords.contains(w.lowercased()): name = w
        case .backticked(let w), .doubleQuoted(let w): name = w
        case .singleQuoted:
            throw FilterError(.syntax, "expected a column name, found the text '\(token.text)'",
                              hint: "quote column names with backticks or double quotes; the column comes first, "
                                  + "as in: country = 'France'", position: token.position, length: token.length)
        default:
            throw expected("a column name", hint: "a condition starts with a column, as in: price > 10")
        }
        index += 1
        let column = "'\(name)'"
        let operators = "an operator (=, !=, <, <=, >, >=, in, between, contains, is null)"
        let predicate: FilterPredicate
        if let op = peek, case .comparison(let comparison) = op.kind {
            index += 1
            predicate = .compare(comparison, try parseValue(after: "'\(op.text)'"))
        } else if accept(keyword: "is") {
            let negated = accept(keyword: "not")
            guard accept(keyword: "null") else { throw expected("'null'", after: negated ? "'is not'" : "'is'") }
            predicate = .isNull(negated: negated)
        } else {
            let negated = accept(keyword: "not")
            if accept(keyword: "in") {
                predicate = .oneOf(try parseList(), negated: negated)
            } else if accept(keyword: "between") {
                let low = try parseValue(after: "'between'")
                guard accept(keyword: "and") else {
                    throw expected("'and'", after: "the first value of 'between'",
                                   hint: "write: \(name) between LOW and HIGH")
                }
                predicate = .between(low, try parseValue(after: "'and'"), negated: negated)
            } else if accept(keyword: "contains") {
                predicate = .contains(try parseValue(after: "'contains'"), negated: negated)
            } else if negated {
                throw expected("'in', 'between' or 'contains'", after: "'not'")
            } else {
                throw expected(operators, after: column)
            }
        }
        return .comparison(column: name, position: token.position, length: token.length, predicate)
    }

    mutating func parseList() throws(FilterError) -> [FilterLiteral] {
        guard let open = peek, open.kind == .openParenthesis else {
            throw expected("'('", after: "'in'", hint: "write a list such as: in (\"FR\", \"DE\")")
        }
        index += 1
        var values = [try parseValue(after: "'('")]
        while let token = peek, token.kind == .comma {
            index += 1
            values.append(try parseValue(after: "','"))
        }
        guard let close = peek, close.kind == .closeParenthesis else {
            throw expected("',' or ')'", hint: "to close the list opened at character \(open.position + 1)")
        }
        _ = close
        index += 1
        return values
    }

    mutating func parseValue(after: String) throws(FilterError) -> FilterLiteral {
        guard let token = peek else { throw expected("a value", after: after) }
        let value: FilterLiteral.Value
        switch token.kind {
        case .number(let n): value = .number(n)
        case .date(let span): value = .time(start: span.start, seconds: span.seconds)
        case .singleQuoted(let s), .doubleQuoted(let s): value = .text(s)
        case .word(let w) where w.lowercased() == "null":
            throw FilterError(.syntax, "'null' cannot be compared with \(after)",
                              hint: "write 'is null' or 'is not null'", position: token.position, length: token.length)
        case .word(let w) where !Self.keywords.contains(w.lowercased()): value = .text(w)
        case .backticked:
            throw expected("a value", after: after, hint: "the right side of a comparison is a value; comparing "
                + "two columns is not supported")
        default:
            throw expected("a value", after: after, hint: "values are numbers (12.5, $50, 20%), dates "
                + "(2011-01-01), or text (\"France\")")
        }
        index += 1
        return FilterLiteral(value: value, source: token.text, position: token.position, length: token.length)
    }
}
