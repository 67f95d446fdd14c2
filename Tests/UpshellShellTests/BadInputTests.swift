import Foundation
import Testing
@testable import UpshellShell

/// Issue 15 item 6: one small file per malformed input named in any issue (`Tests/BadInput/`), and the exact
/// text `load` prints for it, in `NAME.expected` beside it: an error naming the file, line and column, what
/// was expected and a hint; or, for input that loads, the notes and warnings that say what was done.
/// `UPSHELL_RECORD=1` rewrites the expected files (check the diff).
@Suite struct BadInputTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BadInput")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasSuffix(".expected") && !$0.hasPrefix(".") }.sorted()
    }

    /// The corpus is there: a missing folder must fail, not pass with no cases.
    @Test func theCorpusHasEveryCase() {
        let names = Set(Self.cases)
        for required in ["ragged_rows.csv", "unterminated_quote.csv", "invalid_utf8.csv", "utf16_bom.csv",
                         "impossible_date.csv", "binary.csv", "empty.csv", "header_only.csv", "huge_line.csv",
                         "overflowing_number.csv", "nan_quantity.csv", "inf_price.csv", "crlf.csv", "utf8_bom.csv",
                         "duplicate_headers.csv", "random_bytes.txt", "text_after_quote.csv"] {
            #expect(names.contains(required), "missing Tests/BadInput/\(required)")
        }
    }

    @Test(arguments: BadInputTests.cases)
    func loadSaysExactlyWhatItDid(_ name: String) throws {
        let console = BufferConsole()
        let path = Self.folder.appendingPathComponent(name).path
        _ = Interpreter(session: Session(console: console)).run("load \"\(path)\" as bad")
        var actual = "--- stdout\n" + console.stdout + "--- stderr\n" + console.stderr
        actual = actual.replacingOccurrences(of: Self.folder.path, with: "BadInput")
        actual = actual.replacingOccurrences(of: #"· \d+\.\d\d s"#, with: "· 0.00 s", options: .regularExpression)
        // a message cut at 1,000 characters holds the absolute path first: how many x's remain, and the length
        // it states, depend on where the checkout is
        actual = actual.replacingOccurrences(of: #"x{20,}…? \(\d+ bytes in all\)"#, with: "x…x… (N bytes in all)", options: .regularExpression)
        let expectedURL = Self.folder.appendingPathComponent(name + ".expected")
        if ProcessInfo.processInfo.environment["UPSHELL_RECORD"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected, "\(name): got\n\(actual)")
    }
}
