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
}
