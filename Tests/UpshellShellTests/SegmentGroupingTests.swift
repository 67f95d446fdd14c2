import Foundation
import Testing
@testable import UpshellShell

/// `by rfm`, `by lifecycle`, `by first-repeat`…: grouping by a segmentation named, not only the active one
/// (issue 17, item 6: segment names after `by`, offered by completion too).
@Suite struct SegmentGroupingTests {
    /// Four orders: c1 buys mug $5 on 01-03 and mug $5 on 02-01; c2 tea $3; c3 tea $3.
    /// Hand count: first orders are 1, 2 and 4 → AOV (5 + 3 + 3) / 3 = $3.67; the repeat order 3 → $5.00.
    static let csv = "order_id,customer_id,date,product,price\n1,c1,2025-01-03,mug,5\n2,c2,2025-01-05,tea,3\n3,c1,2025-02-01,mug,5\n4,c3,2025-03-01,tea,3\n"

    private func session() throws -> (Interpreter, BufferConsole, Session, String) {
        let console = BufferConsole()
        let session = Session(console: console)
        let interpreter = Interpreter(session: session)
        let path = NSTemporaryDirectory() + "upshell-segment-grouping-\(getpid())-\(UUID().uuidString).csv"
        try Self.csv.write(toFile: path, atomically: true, encoding: .utf8)
        return (interpreter, console, session, path)
    }

    /// What one command printed.
    private func output(_ command: String, _ interpreter: Interpreter, _ console: BufferConsole) -> (Int, String) {
        let before = console.stdout.count
        let status = interpreter.run(command)
        return (status, String(console.stdout.dropFirst(before)))
    }

    @Test func groupsByASegmentationThatIsNotTheActiveOne() throws {
        let (interpreter, console, session, path) = try session()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(interpreter.run("load \"\(path)\" as shop") == 0, "\(console.stderr)")
        #expect(interpreter.run("segment first-repeat") == 0, "\(console.stderr)")
        let name = try #require(session.segments.active(for: "shop")?.name)
        let (_, viaActive) = output("aov by segment", interpreter, console)
        #expect(interpreter.run("segment value") == 0, "\(console.stderr)")
        #expect(session.segments.active(for: "shop")?.name == "value", "value is now the active one")
        let (status, viaName) = output("aov by \(name)", interpreter, console)
        #expect(status == 0, "\(console.stderr)")
        // The same rows as `by segment` gave while first-repeat was active (the second method); only the
        // group column's header names the segmentation.
        let rows = { (text: String) in text.split(separator: "\n").filter { $0.contains("$") } }
        #expect(rows(viaName) == rows(viaActive) && !rows(viaName).isEmpty, "\(viaName)\n---\n\(viaActive)")
        #expect(viaName.contains("$3.67") && viaName.contains("$5.00"), "hand count: first orders $3.67, the repeat $5.00\n\(viaName)")
    }

    @Test func aSegmentationKindNotMadeYetSaysHowToMakeIt() throws {
        let (interpreter, console, _, path) = try session()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(interpreter.run("load \"\(path)\" as shop") == 0, "\(console.stderr)")
        #expect(interpreter.run("aov by lifecycle") != 0)
        #expect(console.stderr.contains("no 'lifecycle' segmentation yet") && console.stderr.contains("segment lifecycle"), "\(console.stderr)")
    }

    @Test func completionAfterByOffersTheSegmentations() throws {
        let (interpreter, console, _, path) = try session()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(interpreter.run("load \"\(path)\" as shop") == 0, "\(console.stderr)")
        let c = Completer(vocabulary: SessionVocabulary(session: interpreter.session))
        #expect(!c.complete(line: "aov by ", cursor: 7).candidates.contains("value"), "no segmentation yet")
        #expect(interpreter.run("segment value") == 0, "\(console.stderr)")
        #expect(c.complete(line: "aov by va", cursor: 9).candidates == ["value"])
    }
}
