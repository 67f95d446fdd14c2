import Foundation
import Testing
@testable import UpshellData

/// Issue 14 item 1: with `bad-values=null` an unreadable cell among numbers or dates is a null — counted in
/// the cleaning report's missing-values with its line named — not an error and never a reason to drop the
/// column's role; and the day/month order of ambiguous dates is stated with its evidence.
@Suite struct BadValuesTests {
    func load(_ text: String, _ configure: (inout LoadOptions) -> Void = { _ in }) throws -> Dataset {
        var o = LoadOptions()
        configure(&o)
        return try DatasetLoader.load(text: text, name: "bad.csv", options: o)
    }

    /// Four orders; line 3 has quantity `NaN`, line 4 unit price `1e400`. Revenue worked out by hand: a null
    /// quantity counts one unit and a null price nothing, so 1×2.50 + 1×3.00 + 0 + 4×1.00 = 9.50 over 4
    /// orders (what the default would refuse with an error at line 3).
    static let numbers = "order_id,sku,quantity,unit_price\n1,A,1,2.50\n2,B,NaN,3.00\n3,C,2,1e400\n4,D,4,1.00\n"

    @Test func unreadableNumbersBecomeNullsCountedWithTheirLines() throws {
        #expect(throws: LoadError.self) { _ = try load(Self.numbers) }
        let d = try load(Self.numbers) { $0.badValues = .null }
        #expect(d.roles[.quantity] != nil && d.roles[.unitPrice] != nil)
        #expect(d.cleaning.missingValueLines == 2)
        #expect(d.cleaning.entries.contains { $0.category == "missing-values" && $0.count == 2 && $0.action == "keep" })
        let notes = d.summary.notes.filter { $0.hasPrefix("bad-values=null") }
        #expect(notes.count == 2)
        #expect(notes.contains { $0.contains("'quantity'") && $0.contains("line 3 'NaN'") })
        #expect(notes.contains { $0.contains("'unit_price'") && $0.contains("line 4 '1e400'") })
        let orders = try #require(d.orders)
        #expect(orders.orders.count == 4)
        #expect(abs(orders.orders.value.reduce(0, +) - 9.50) < 1e-9)
    }

    /// `clean missing-values=drop`: the two lines (orders 2 and 3) leave the model; 2.50 + 4.00 = 6.50.
    @Test func missingValuesCanBeDropped() throws {
        let d = try load(Self.numbers) { $0.badValues = .null; _ = $0.cleaning.set("missing-values", .drop) }
        let orders = try #require(d.orders)
        #expect(orders.orders.count == 2)
        #expect(abs(orders.orders.value.reduce(0, +) - 6.50) < 1e-9)
        #expect(d.cleaning.droppedLines == 2)
    }

    /// Empty cells were counted nowhere before: a line without a price added 0 to revenue silently. They are
    /// missing-values now (the default keeps them, so the numbers do not move).
    @Test func emptyCellsAreMissingValues() throws {
        let d = try load("order_id,sku,quantity,unit_price\n1,A,1,2.50\n2,B,,3.00\n3,C,2,\n")
        #expect(d.cleaning.missingValueLines == 2)
        #expect(abs((d.orders?.orders.value.reduce(0, +) ?? 0) - 5.50) < 1e-9)  // 2.50 + 1×3.00 + 0
    }

    /// A time column with one unreadable value among 40 dates: with bad-values=null its other 39 values stay
    /// dates (the time role kept; order 28 is the first, on 2024-01-01 since 28 % 28 + 1 = 1) and line 5 (`soon`, order 4) is named.
    @Test func anUnreadableDateBecomesANull() throws {
        var csv = "order_id,created_at,sku,quantity,unit_price\n"
        for i in 1...40 { csv += "\(i),\(i == 4 ? "soon" : "2024-01-\(String(format: "%02d", i % 28 + 1))"),A,1,2\n" }
        #expect(throws: LoadError.self) { _ = try load(csv) }
        let d = try load(csv) { $0.badValues = .null }
        #expect(d.roles[.time] != nil)
        #expect(d.table.columns[d.roles[.time]!].type == .timestamp)
        #expect(d.cleaning.missingValueLines == 1)
        #expect(d.summary.notes.contains { $0.contains("'created_at' (time)") && $0.contains("line 5 'soon'") })
        #expect(d.summary.dateRange?.lowerBound == Int64(CivilTime.days(year: 2024, month: 1, day: 1)) * 86_400)
    }

    /// Only a file with decimal commas reads `1,5` as one and a half; elsewhere it is not a number.
    @Test func commasAreDecimalPointsOnlyInDecimalCommaFiles() {
        #expect(DatasetLoader.usableNumbers(["1,5", "2.5"], decimalComma: true) == [1.5, 2.5])
        #expect(DatasetLoader.usableNumbers(["1,5", "2.5"], decimalComma: false) == [nil, 2.5])
    }

    /// Day/month order: `13/01/2024` on line 2 can only be day-first, the evidence the note names; dates that
    /// read both ways are a stated guess with the option that reads them the other way; a forced order is
    /// silent.
    @Test func theDayMonthReadingIsStatedWithItsEvidence() throws {
        let dayFirst = try load("order,product,date,price\n1,a,13/01/2024,5\n2,b,02/03/2024,6\n3,c,04/05/2024,7\n")
        let note = try #require(dayFirst.summary.notes.first { $0.hasPrefix("dates in 'date'") })
        #expect(note.contains("day first (D/M/YYYY): 1 of 3 values") && note.contains("line 2"))
        // 02/03/2024 read day first is 2 March
        #expect(dayFirst.summary.dateRange?.upperBound == Int64(CivilTime.days(year: 2024, month: 5, day: 4)) * 86_400)

        let either = "order,product,date,price\n1,a,01/02/2024,5\n2,b,02/03/2024,6\n"
        let guessed = try #require(try load(either).summary.notes.first { $0.hasPrefix("dates in 'date'") })
        #expect(guessed.contains("month first") && guessed.contains("guess") && guessed.contains("dates=dmy"))
        let forced = try load(either) { $0.dateFormat = .dayMonthYear }
        #expect(!forced.summary.notes.contains { $0.hasPrefix("dates in") })
        #expect(forced.summary.dateRange?.lowerBound == Int64(CivilTime.days(year: 2024, month: 2, day: 1)) * 86_400)
    }
}
