import Foundation
import Testing
@testable import UpshellData

/// A numeric role column whose values are mostly numbers but include text is an error at the text's
/// position, even when the sample already saw the text; a column of text is only left unmapped.
@Suite struct NumericRoleTextTests {
    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "upshell-numeric-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func textAmongNumbersIsAnErrorWithItsPosition() throws {
        let path = try write("order_id,sku,quantity,unit_price\n1,A,1,2.5\n2,B,two,3\n3,C,4,1\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try DatasetLoader.load(path: path)
            Issue.record("expected an error")
        } catch let e as LoadError {
            // Line 3 (header is line 1), field 3 starts at character 5: "2,B,two".
            #expect(e.message == "\(path):3:5: column 'quantity' (quantity) has text 'two', expected a number")
        }
    }

    @Test func aTextColumnIsLeftUnmappedWithANote() throws {
        let path = try write("order_id,sku,quantity\n1,A,pcs\n2,B,box\n3,C,1\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let d = try DatasetLoader.load(path: path)
        #expect(d.roles[.quantity] == nil)
        #expect(d.summary.notes.contains { $0.contains("holds text: not used as quantity") })
    }

    /// Issue 14 item 1: one out-of-range quantity or price (`99999999999999999999`, `1e400`, `NaN`, `inf`)
    /// used to turn the whole column into "text: not used", so every line counted one unit and revenue fell
    /// silently. It is an error at its position, in a file where every other value is a number. Positions
    /// worked out by hand: line 3, field 3 (quantity) starts at character 5, field 4 (unit_price) at 7.
    @Test(arguments: ["99999999999999999999", "1e400", "NaN", "inf"])
    func anOutOfRangeNumberIsAnErrorNotATextColumn(_ bad: String) throws {
        let quantity = try write("order_id,sku,quantity,unit_price\n1,A,1,2.5\n2,B,\(bad),3\n3,C,4,1\n")
        let price = try write("order_id,sku,quantity,unit_price\n1,A,1,2.5\n2,B,2,\(bad)\n3,C,4,1\n")
        defer { try? FileManager.default.removeItem(atPath: quantity); try? FileManager.default.removeItem(atPath: price) }
        for (path, column, at) in [(quantity, "quantity", 5), (price, "unit_price", 7)] {
            do {
                let d = try DatasetLoader.load(path: path)
                Issue.record("'\(bad)' in \(column) loaded; roles: \(d.roleNames.map(\.column))")
            } catch let e as LoadError {
                #expect(e.message.hasPrefix("\(path):3:\(at): column '\(column)'"), "\(e.message)")
                #expect(e.message.contains("'\(bad)'"))
            }
        }
    }

    /// Issue 14 item 1: a time column with a few unreadable values among dates used to stop being the time
    /// role ("holds no dates", no line named). It is an error at the first unreadable value. Position by
    /// hand: line 4, field 2 (created_at) starts at character 3.
    @Test func anUnreadableDateAmongDatesIsAnErrorWithItsPosition() throws {
        var csv = "order_id,created_at,sku,quantity,unit_price\n"
        for i in 1...40 { csv += "\(i),\(i == 3 || i == 17 || i == 25 || i == 31 ? "soon" : "2024-01-\(String(format: "%02d", i % 28 + 1))"),A,1,2\n" }
        let path = try write(csv)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let d = try DatasetLoader.load(path: path)
            Issue.record("loaded; time role: \(String(describing: d.roles[.time]))")
        } catch let e as LoadError {
            #expect(e.message == "\(path):4:3: column 'created_at' (time) has 'soon', not a date (expected YYYY-MM-DD, the layout of the other values)")
        }
    }
}
