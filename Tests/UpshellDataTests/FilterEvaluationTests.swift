import Testing
@testable import UpshellData

/// Each expected row list is read off the table in ``FilterTestProvider``.
@Suite struct FilterEvaluationTests {
    let data = FilterTestProvider()

    @Test func andBindsTighterThanOr() throws {
        #expect(try data.rows("country = France or country = Germany and price > 20") == [0, 1])
        #expect(try data.rows("(country = France or country = Germany) and price > 20") == [1])
    }

    @Test func notBindsTighterThanAnd() throws {
        #expect(try data.rows("not country = France and price > 0") == [1, 2, 4])
        #expect(try data.rows("not (country = France and price > 0)") == [1, 2, 3, 4, 5])
        #expect(try data.rows("not not country = France") == [0])
    }

    @Test func keywordsIgnoreCase() throws {
        #expect(try data.rows("COUNTRY = France AND NOT price > 20") == [0])
        #expect(try data.rows("price Between 0 And 10") == [0, 4])
    }

    @Test(arguments: [
        ("price = 50", [2]), ("price == 50", [2]), ("price != 50", [0, 1, 4, 5]), ("price <> 50", [0, 1, 4, 5]),
        ("price < 10", [4, 5]), ("price <= 10", [0, 4, 5]), ("price > 25.5", [2]), ("price >= 25.5", [1, 2]),
        ("price in (10, 50)", [0, 2]), ("price not in (10, 50)", [1, 4, 5]),
        ("price between 0 and 25.5", [0, 1, 4]), ("price not between 0 and 25.5", [2, 5]),
        ("price = $50", [2]), ("price = 20%", [4]), ("price = -3", [5]), ("price > -$5", [0, 1, 2, 4, 5]),
        ("price = \"50\"", [2]), ("price>=50", [2]),
    ] as [(String, [Int32])])
    func numberOperators(expression: String, expected: [Int32]) throws {
        #expect(try data.rows(expression) == expected)
    }

    @Test(arguments: [
        ("country = france", [0]), ("country = 'United Kingdom'", [2]), ("country = \"United Kingdom\"", [2]),
        ("country != Germany", [0, 2, 5]), ("country in (France, eire)", [0, 5]),
        ("country not in (France, eire)", [1, 2, 4]),
        ("country contains \"AN\"", [0, 1, 4]), ("country not contains 'an'", [2, 5]),
        ("country < \"F\"", [5]), ("country between e and g", [0, 5]), ("country >= 'u'", [2]),
        ("sku = 85123A", [3]), ("customer = 17850", [0, 1]), ("\"Customer ID\" = 12583", [2, 4]),
        ("`Customer ID` in (17850, 1)", [0, 1]), ("customer contains 583", [2, 4]),
    ] as [(String, [Int32])])
    func textOperators(expression: String, expected: [Int32]) throws {
        #expect(try data.rows(expression) == expected)
    }

    @Test(arguments: [
        ("country is null", [3]), ("country is not null", [0, 1, 2, 4, 5]), ("price is null", [3]),
        ("time is null", [3]), ("customer is null", [3, 5]), ("price is not null", [0, 1, 2, 4, 5]),
        // A null never satisfies a comparison; `not` inverts the whole result.
        ("not (price > 5)", [3, 4, 5]), ("price <= 5", [4, 5]), ("customer != 17850", [2, 4]),
    ] as [(String, [Int32])])
    func nulls(expression: String, expected: [Int32]) throws {
        #expect(try data.rows(expression) == expected)
    }

    @Test(arguments: [
        ("time = 2011-01-01", [0, 1]), ("time < 2011-01-01", [4]), ("time <= 2011-01-01", [0, 1, 4]),
        ("time > 2011-01-01", [2, 5]), ("time >= 2011-01-02", [2, 5]), ("time != 2011-01-01", [2, 4, 5]),
        ("time between 2011-01-01 and 2011-01-02", [0, 1, 2]), ("time >= 2011-01-01T10:00", [1, 2, 5]),
        ("time = 2011-01-01T09:00", [0]), ("time = 2011-01-01T23:59", [1]),
        ("time < \"2011-01-01 09:00:01\"", [0, 4]), ("time in (2011-01-02, 2011-02-01)", [2, 5]),
        ("time = \"2010-12-31\"", [4]), ("time > 2010-12-31T23:59:58", [0, 1, 2, 4, 5]),
    ] as [(String, [Int32])])
    func dates(expression: String, expected: [Int32]) throws {
        #expect(try data.rows(expression) == expected)
    }

    @Test func maskMatchesSelectedRows() throws {
        let filter = try FilterExpression("country = Germany or price < 0")
        #expect(try filter.mask(over: data) == [false, true, false, false, true, true])
        #expect(try filter.selectedRows(over: data) == [1, 4, 5])
        #expect(filter.referencedColumns == ["country", "price"])
    }

    @Test func dateLiteralsAreUTCSeconds() throws {
        // 2011-01-01 is 14,975 days after 1970-01-01 (40 years × 365 + 10 leap days − … = 14,975; also
        // `date -u -d 2011-01-01 +%s` = 1293840000).
        let filter = try FilterExpression("time = 2011-01-01")
        guard case .comparison(_, _, _, .compare(.equal, let literal)) = filter.root else {
            Issue.record("unexpected tree \(filter.root)")
            return
        }
        #expect(literal.value == .time(start: 1_293_840_000, seconds: 86_400))
        #expect(FilterTime.daysFromCivil(2000, 3, 1) == 11_017)  // `date -u -d 2000-03-01 +%s` / 86400
        #expect(FilterTime.parse("2012-02-29", allowSpace: false) != .invalid)
        #expect(FilterTime.parse("2011-02-29", allowSpace: false) == .invalid)
    }
}
