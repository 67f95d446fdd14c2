import Foundation
import Testing
@testable import UpshellShell

/// `bad-values=` on `load` and its settable default `set bad-values = null` (issue 14 item 1). The file has
/// quantity `NaN` on line 3; revenue by hand with it as a null (one unit): 2.50 + 3.00 + 4 × 1.00 = 9.50.
@Suite struct BadValuesSettingTests {
    static let file = "order_id,sku,quantity,unit_price\n1,A,1,2.50\n2,B,NaN,3.00\n3,D,4,1.00\n"

    func run(_ script: (String) -> String) throws -> (BufferConsole, Int) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv")
        try Self.file.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let console = BufferConsole()
        let failures = Interpreter(session: Session(console: console)).run(script("\"\(path.path)\""))
        return (console, failures)
    }

    @Test func theDefaultIsAnErrorNamingTheLine() throws {
        let (console, failures) = try run { "load \($0) as s" }
        #expect(failures == 1)
        #expect(console.stderr.contains(":3:") && console.stderr.contains("'NaN'"))
    }

    @Test func setBadValuesNullChangesLaterLoads() throws {
        for script in [{ (p: String) in "set bad-values = null\nload \(p) as s\naov" }, { "load \($0) as s bad-values=null\naov" }] {
            let (console, failures) = try run(script)
            #expect(failures == 0, "\(console.stderr)")
            #expect(console.stdout.contains("revenue                   $9.50"), "\(console.stdout)")
            #expect(console.stdout.contains("line 3 'NaN'"))
            #expect(console.stdout.contains("missing-values"))
        }
    }

    @Test func anUnknownSettingIsRefused() throws {
        let (console, failures) = try run { _ in "set bad-values = maybe" }
        #expect(failures == 1)
        #expect(console.stderr.contains("bad-values must be error or null"))
    }
}
