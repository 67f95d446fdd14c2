import Foundation
import Testing
@testable import UpshellShell

/// Completion in context (issue 17, item 6): inside `where`, after a column and an operator, the column's
/// commonest values from its dictionary; segment names for `segment`; product names after `"`.
@Suite struct ContextCompletionTests {
    struct Vocabulary: CompletionVocabulary {
        var datasetNames = ["demo"]
        var columnNames = ["country", "channel", "product_name", "segment"]
        var productNames = ["Crème brûlée torch", "mug"]
        func values(ofColumn name: String) -> [String] {
            switch name {
            case "country": ["US", "GB", "United Kingdom"]
            case "segment": ["Champions", "At risk"]
            default: []
            }
        }
    }

    @Test func offersTheValuesOfTheColumnJustTyped() {
        let c = Completer(vocabulary: Vocabulary())
        #expect(c.complete(line: "aov where country = ", cursor: 20).candidates == ["\"United Kingdom\"", "GB", "US"])
        #expect(c.complete(line: "aov where country = U", cursor: 21).candidates == ["\"United Kingdom\"", "US"])
        #expect(c.complete(line: "aov where country != \"Un", cursor: 24).candidates == ["\"United Kingdom\""])
        #expect(c.complete(line: "aov by month where segment = A", cursor: 30).candidates == ["\"At risk\""])
        #expect(c.complete(line: "aov where channel = ", cursor: 20).candidates.isEmpty, "no dictionary: nothing to offer")
        #expect(c.complete(line: "aov where product_name = \"Cr", cursor: 28).candidates == ["\"Crème brûlée torch\""])
        #expect(c.complete(line: "aov where country = US a", cursor: 24).candidates == ["and"])
        #expect(c.complete(line: "aov where country = US and ch", cursor: 29).candidates == ["channel"])
    }

    @Test func commonestValuesComeFirstFromTheDictionaryCodes() {
        // codes per row: 2 appears 3×, 0 twice, 1 once, 3 never; -1 is a null
        let codes: [Int32] = [2, 0, 2, -1, 1, 2, 0]
        let top = SessionVocabulary.commonest(dictionary: ["a", "b", "c", "d"], rows: codes.count, code: { codes[$0] }, limit: 2)
        #expect(top == ["c", "a"])
        #expect(SessionVocabulary.commonest(dictionary: ["a", "b", "c", "d"], rows: codes.count, code: { codes[$0] }) == ["c", "a", "b"])
        #expect(SessionVocabulary.commonest(dictionary: [], rows: 3, code: { _ in 0 }).isEmpty)
    }

    @Test func sessionOffersSegmentNamesAndColumnValues() throws {
        let console = BufferConsole()
        let session = Session(console: console)
        let interpreter = Interpreter(session: session)
        let csv = NSTemporaryDirectory() + "upshell-completion-\(getpid()).csv"
        try "order_id,customer_id,date,product,price,country\n1,c1,2025-01-03,mug,5,FR\n2,c2,2025-01-05,tea,3,DE\n3,c1,2025-02-01,mug,5,FR\n4,c3,2025-03-01,tea,3,FR\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: csv) }
        #expect(interpreter.run("load \"\(csv)\" as shop") == 0, "\(console.stderr)")
        let vocabulary = SessionVocabulary(session: session)
        #expect(vocabulary.values(ofColumn: "Country") == ["FR", "DE"], "FR on three rows, DE on one")
        #expect(vocabulary.values(ofColumn: "price").isEmpty, "numbers have no dictionary")
        #expect(vocabulary.values(ofColumn: "segment").isEmpty, "no segmentation yet")
        #expect(interpreter.run("segment first-repeat") == 0, "\(console.stderr)")
        let labels = vocabulary.values(ofColumn: "segment")
        #expect(!labels.isEmpty && labels == session.segments.active(for: "shop")?.labels)
        let c = Completer(vocabulary: vocabulary)
        #expect(c.complete(line: "aov where country = ", cursor: 20).candidates == ["DE", "FR"])
    }
}
