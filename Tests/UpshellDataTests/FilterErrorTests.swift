import Testing
@testable import UpshellData

/// Errors carry the character offset of the offending token (counted by hand in each expression).
@Suite struct FilterErrorTests {
    let data = FilterTestProvider()

    @Test func parsesIntoTheExpectedTree() throws {
        let tree = try FilterExpression("a = 1 or b = x and not c is null").root
        let one = FilterLiteral(value: .number(1), source: "1", position: 4, length: 1)
        let x = FilterLiteral(value: .text("x"), source: "x", position: 13, length: 1)
        #expect(tree == .or(
            .comparison(column: "a", position: 0, length: 1, .compare(.equal, one)),
            .and(.comparison(column: "b", position: 9, length: 1, .compare(.equal, x)),
                 .not(.comparison(column: "c", position: 23, length: 1, .isNull(negated: false))))))
    }

    @Test func typeErrorsPointAtTheValue() throws {
        let text = try #require(data.error("price > \"abc\""))
        #expect(text.kind == .typeMismatch)
        #expect(text.position == 8 && text.length == 5)
        #expect(text.message == "'price' is a number column; 'abc' is not a number")
        #expect(text.caretLine == "        ^~~~~")

        let number = try #require(data.error("country > 5"))
        #expect(number.kind == .typeMismatch)
        #expect(number.position == 10)
        #expect(number.message == "'country' is a text column and cannot be compared with the number '5' by '>'")

        let time = try #require(data.error("time > 5"))
        #expect(time.kind == .typeMismatch && time.position == 7)
        let dateOnNumber = try #require(data.error("price < 2011-01-01"))
        #expect(dateOnNumber.message == "'price' is a number column; '2011-01-01' is a date")
        let contains = try #require(data.error("price contains \"1\""))
        #expect(contains.kind == .typeMismatch && contains.position == 0 && contains.length == 5)
    }

    @Test func unknownColumnsSuggestAndList() throws {
        let error = try #require(data.error("contry = France"))
        #expect(error.kind == .unknownColumn)
        #expect(error.position == 0 && error.length == 6)
        #expect(error.message == "unknown column 'contry'")
        #expect(error.hint == "did you mean 'country'? columns: country, price, time, customer, Customer ID, sku")
        // Positions count characters, not bytes: "Crème brûlée" is 12 characters.
        let later = try #require(data.error("country = \"Crème brûlée\" and prce > 1"))
        #expect(later.position == 29)
        // 'price' is 1 edit away; 'time' (3 edits) is too far for a 4-letter word to be a useful suggestion.
        #expect(later.hint?.hasPrefix("did you mean 'price'?") == true)
    }

    @Test(arguments: [
        ("price >", 7, "expected a value after '>', found the end of the expression"),
        ("price 5", 6, "expected an operator (=, !=, <, <=, >, >=, in, between, contains, is null) after 'price', "
            + "found '5'"),
        ("(price > 5", 10, "expected ')', found the end of the expression"),
        ("price > 5 country = x", 10, "unexpected 'country'"),
        ("country = \"France", 10, "unterminated text starting with \""),
        ("price between 1 or 5", 16, "expected 'and' after the first value of 'between', found 'or'"),
        ("", 0, "empty filter expression"),
        ("price ! 5", 6, "unexpected '!'"),
        ("price = null", 8, "'null' cannot be compared with '='"),
        ("country = `sku`", 10, "expected a value after '=', found the column 'sku'"),
        ("'country' = x", 0, "expected a column name, found the text 'country'"),
        ("price in 1, 2", 9, "expected '(' after 'in', found '1'"),
        ("price in (1 2)", 12, "expected ',' or ')', found '2'"),
        ("country not like x", 12, "expected 'in', 'between' or 'contains' after 'not', found 'like'"),
        ("price > 1 and", 13, "expected a column name, found the end of the expression"),
        ("country is nul", 11, "expected 'null' after 'is', found 'nul'"),
    ] as [(String, Int, String)])
    func syntaxErrors(expression: String, position: Int, message: String) throws {
        let error = try #require(data.error(expression))
        #expect(error.kind == .syntax)
        #expect(error.position == position)
        #expect(error.message == message)
    }

    @Test func unquotedTextWithSpacesSuggestsQuotes() throws {
        let error = try #require(data.error("country = United Kingdom"))
        #expect(error.position == 17 && error.message == "unexpected 'Kingdom'")
        #expect(error.hint == "quote text that has spaces, as in \"United Kingdom\"; or expected 'and', 'or' or "
            + "the end of the expression")
    }

    @Test func impossibleDatesAreInvalidLiterals() throws {
        let bare = try #require(data.error("time > 2011-02-30"))
        #expect(bare.kind == .invalidLiteral && bare.position == 7 && bare.length == 10)
        let quoted = try #require(data.error("time > \"2011-13-01\""))
        #expect(quoted.kind == .invalidLiteral && quoted.position == 7)
    }

    @Test func validateReportsWithoutEvaluating() throws {
        let filter = try FilterExpression("price > 1 and contry = x")
        #expect(throws: FilterError.self) { try filter.validate(against: data) }
        try FilterExpression("price > 1").validate(against: data)
    }

    /// Issue 15: 20,000 nested parentheses (or `not`s) overflowed the stack and killed the shell. More than
    /// 256 levels is a syntax error at the 257th opening; 256 still parse.
    @Test func deepNestingIsAnErrorNotACrash() throws {
        let n = 20_000
        for text in [String(repeating: "(", count: n) + "quantity > 1" + String(repeating: ")", count: n),
                     String(repeating: "not ", count: n) + "quantity > 1"] {
            let error = try #require(data.error(text))
            #expect(error.kind == .syntax)
            #expect(error.message.contains("deeper than 256 levels"))
            #expect(error.position == (text.hasPrefix("(") ? 256 : 256 * 4))
        }
        let deepest = String(repeating: "(", count: 256) + "price > 1" + String(repeating: ")", count: 256)
        #expect(data.error(deepest) == nil)
    }

    /// A chain of 20,000 conditions is no nesting: it parses, into a tree of depth ⌈log₂ 20,000⌉ + 1 = 16.
    @Test func longChainsParseIntoShallowTrees() throws {
        let chain = Array(repeating: "price > 1", count: 20_000).joined(separator: " and ")
        let tree = try FilterExpression(chain).root
        func depth(_ node: FilterNode) -> Int {
            switch node {
            case .and(let a, let b), .or(let a, let b): 1 + max(depth(a), depth(b))
            case .not(let a): 1 + depth(a)
            default: 1
            }
        }
        #expect(depth(tree) == 16)
        #expect(data.error(chain) == nil)
    }
}
