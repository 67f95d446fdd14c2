import Foundation
import Testing

/// `upshell run` through the real binary: the example notebook under `Scripts/examples/` re-runs to the outputs
/// committed with it (`--check`), and the command line's usage errors.
@Suite struct NotebookExampleTests {
    static let example = "Scripts/examples/demo_store.md"

    @Test func theExampleNotebookMatchesItsCommittedOutputs() throws {
        let path = UpshellBinary.packageRoot.appendingPathComponent(Self.example).path
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("\(Self.example) is missing")
            return
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let r = try UpshellBinary.run(["run", Self.example, "--check"], in: UpshellBinary.packageRoot)
        #expect(r.status == 0, "the notebook's outputs changed (re-run: upshell run \(Self.example)):\n\(r.stdout)\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "--check must write nothing")
        // the notebook walks what the issue asks for: AOV, pairs, rules, segments, a threshold sweep, tiers
        let text = String(decoding: before, as: UTF8.self)
        for command in ["aov by month", "pairs top=", "rules ", "segment rfm", "sweep threshold", "tiers "] {
            #expect(text.contains("\n" + command), "the example notebook has no '\(command)' block")
        }
    }

    @Test func aParameterChangesTheOutputsAndCheckSaysWhere() throws {
        let r = try UpshellBinary.run(["run", Self.example, "--check", "-D", "since=2026-03-01"], in: UpshellBinary.packageRoot)
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("--- \(Self.example)\n+++ \(Self.example) (this run)\n@@ "), "\(r.stdout)")
        #expect(r.stdout.contains("+note: since = 2026-03-01 from -D"), "\(r.stdout)")
        #expect(r.stderr.contains("nothing was written"))
    }

    @Test func usageErrorsExitTwo() throws {
        for args in [["run"], ["run", "/nonexistent/book.md"], ["run", "x.md", "-D", "novalue"], ["run", "x.md", "--bogus"]] {
            let r = try UpshellBinary.run(args, in: FileManager.default.temporaryDirectory)
            #expect(r.status == 2, "\(args) gave \(r.status): \(r.stderr)")
            #expect(r.stderr.hasPrefix("error: "), "\(args): \(r.stderr)")
        }
    }
}
