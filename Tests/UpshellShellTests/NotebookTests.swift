import Foundation
import Testing
@testable import UpshellShell

/// Markdown notebooks (`upshell run notebook.md`): fences, outputs written back byte for byte, `--check`,
/// a failing block, bad input.
@Suite struct NotebookTests {
    static func document(_ text: String) throws -> NotebookDocument { try NotebookDocument(bytes: Array(text.utf8)) }

    static func temporaryNotebook(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("book.md").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func contents(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(unreadable)" }

    @Test func findsUpshellBlocksAndTheOutputUnderThem() throws {
        let doc = try Self.document("""
            # Title
            ```sh
            upshell run x.md
            ```
            ```upshell
            echo one
            ```

            ```output
            old
            ```
            ~~~~ upshell extra words
            echo two
            ~~~~
            text
            ```output
            not this block's: text between
            ```

            """)
        #expect(doc.cells.map(\.code) == [["echo one"], ["echo two"]])
        #expect(doc.currentOutput(of: doc.cells[0]) == "old\n")
        #expect(doc.currentOutput(of: doc.cells[1]) == nil)
    }

    @Test func sameOutputsGiveTheFileBackByteForByte() throws {
        for text in ["a\r\n```upshell\r\necho x\r\n```\r\n```output\r\nx\r\n```\r\nend", "```upshell\necho x\n```\n\n```output\nx\n```\n"] {
            let doc = try Self.document(text)
            #expect(doc.text(withOutputs: ["x\n"]) == text)
            #expect(doc.text(withOutputs: [nil]) == text)
        }
    }

    @Test func newOutputGoesRightUnderTheBlockAndASecondRunChangesNothing() throws {
        let text = "intro\n```upshell\necho x\n```\nafter"
        let once = try Self.document(text).text(withOutputs: ["x\n"])
        #expect(once == "intro\n```upshell\necho x\n```\n```output\nx\n```\nafter")
        #expect(try Self.document(once).text(withOutputs: ["x\n"]) == once)
        // at the very end of a file without a final newline
        let end = try Self.document("```upshell\necho x\n```").text(withOutputs: ["x\n"])
        #expect(end == "```upshell\necho x\n```\n```output\nx\n```")
        #expect(try Self.document(end).text(withOutputs: ["x\n"]) == end)
        // an empty output is an empty block
        #expect(try Self.document(once).text(withOutputs: [""]) == "intro\n```upshell\necho x\n```\n```output\n```\nafter")
    }

    @Test func printedFencesCannotCloseTheOutputBlock() throws {
        let out = try Self.document("```upshell\nformat markdown\n```\n").text(withOutputs: ["```\ncode\n```\n"])
        #expect(out == "```upshell\nformat markdown\n```\n````output\n```\ncode\n```\n````\n")
        #expect(try Self.document(out).currentOutput(of: Self.document(out).cells[0]) == "```\ncode\n```\n")
    }

    @Test func anUnterminatedFenceNamesItsLine() {
        #expect {
            try Self.document("# t\n\n```upshell\necho x\n")
        } throws: { error in
            (error as? NotebookError)?.message == "the fence ```upshell opened on line 3 is never closed"
        }
    }

    @Test func aNotebookThatIsNotUTF8NamesLineAndColumn() {
        #expect {
            try NotebookDocument(bytes: Array("# t\n```upshell\necho ".utf8) + [0xE9, 0x0A] + Array("```\n".utf8))
        } throws: { error in
            guard let e = error as? InvalidUTF8Error else { return false }
            return e.line == 3 && e.column == 6 && e.byte == 0xE9
        }
    }

    @Test func referencesAndVariablesWorkAcrossBlocks() throws {
        let path = try Self.temporaryNotebook("```upshell\nset who = world\ncells\n```\n```upshell\necho hello $who\nshow [2]\nshow last\n```\n")
        let console = BufferConsole()
        #expect(NotebookRun.run(NotebookOptions(path: path), console: console) == 0, "\(console.stderr)")
        let text = Self.contents(path)
        #expect(text.contains("```upshell\necho hello $who\nshow [2]\nshow last\n```\n```output\nhello world\nnote: [2] cells\n"), "\(text)")
        #expect(text.components(separatedBy: "note: [2] cells").count == 3, "show [2] and show last both show cell [2]: \(text)")
    }

    @Test func aFailingBlockStopsTheRunAndShowsItsError() throws {
        let original = "```upshell\necho one\n```\n```upshell\necho two\npairs top=abc\necho never\n```\n```upshell\necho three\n```\n```output\nkept\n```\n"
        let path = try Self.temporaryNotebook(original)
        let console = BufferConsole()
        #expect(NotebookRun.run(NotebookOptions(path: path), console: console) == 1)
        let text = Self.contents(path)
        #expect(text.hasPrefix("```upshell\necho one\n```\n```output\none\n```\n"), "\(text)")
        // the error names the notebook's line (6: 'pairs top=abc'); the block after it keeps its old output
        #expect(text.contains("```output\ntwo\nbook.md:6: "), "\(text)")
        #expect(!text.contains("never".uppercased()) && !text.contains("\nnever\n"))
        #expect(text.hasSuffix("```upshell\necho three\n```\n```output\nkept\n```\n"), "\(text)")
        #expect(console.stderr.contains("book.md:4: block 2 of 3 failed; the run stopped there"), "\(console.stderr)")
    }

    @Test func checkWritesNothingAndPrintsTheFirstDifference() throws {
        let original = "# t\n```upshell\necho new\n```\n```output\nold\n```\n"
        let path = try Self.temporaryNotebook(original)
        let console = BufferConsole()
        #expect({ var o = NotebookOptions(path: path); o.check = true; return NotebookRun.run(o, console: console) }() == 1)
        #expect(Self.contents(path) == original)
        #expect(console.stdout == """
            --- \(path)
            +++ \(path) (this run)
            @@ -3,5 +3,5 @@
             echo new
             ```
             ```output
            -old
            +new
             ```

            """, "\(console.stdout)")
        // after a real run the check passes
        #expect(NotebookRun.run(NotebookOptions(path: path), console: BufferConsole()) == 0)
        let again = BufferConsole()
        #expect({ var o = NotebookOptions(path: path); o.check = true; return NotebookRun.run(o, console: again) }() == 0, "\(again.stdout)")
    }

    @Test func definitionsWinOverTheNotebooksDefaults() throws {
        let path = try Self.temporaryNotebook("```upshell\nset month = 2026-01\necho $month\n```\n")
        var options = NotebookOptions(path: path)
        options.definitions = [("month", "2026-03")]
        #expect(NotebookRun.run(options, console: BufferConsole()) == 0)
        #expect(Self.contents(path).contains("```output\nnote: month = 2026-03 from -D (this notebook's default is 2026-01)\n2026-03\n```"), "\(Self.contents(path))")
    }

    @Test func badNotebooksAreReportedWithoutWriting() throws {
        let path = try Self.temporaryNotebook("text\n~~~upshell\necho x\n```\n")
        let console = BufferConsole()
        #expect(NotebookRun.run(NotebookOptions(path: path), console: console) == 1)
        #expect(console.stderr.contains("the fence ~~~upshell opened on line 2 is never closed"), "\(console.stderr)")
        #expect(Self.contents(path) == "text\n~~~upshell\necho x\n```\n")
        let missing = BufferConsole()
        #expect(NotebookRun.run(NotebookOptions(path: path + ".nope"), console: missing) == 2)
        #expect(missing.stderr.contains("does not exist"))
    }

    /// The fuzz target's seeds and every input that once broke it (Fuzz/notebook/corpus).
    @Test func theFuzzCorpusKeepsTheRoundTripPromises() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/notebook/corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 7, "the seed corpus is missing")
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(NotebookRoundTrip.problem(bytes) == nil, "\(name): \(NotebookRoundTrip.problem(bytes) ?? "")")
        }
    }

    @Test func unifiedDiffResynchronisesAfterTheChange() {
        let old = ["a\n", "b\n", "c\n", "d\n", "e\n", "f\n", "g\n", "h\n"]
        let new = ["a\n", "b\n", "c\n", "d\n", "X\n", "Y\n", "f\n", "g\n", "h\n"]
        #expect(UnifiedDiff.firstHunk(old: old, new: new, oldName: "o", newName: "n") == """
            --- o
            +++ n
            @@ -2,7 +2,8 @@
             b
             c
             d
            -e
            +X
            +Y
             f
             g
             h

            """)
        #expect(UnifiedDiff.firstHunk(old: old, new: old, oldName: "o", newName: "n") == nil)
        #expect(UnifiedDiff.firstHunk(old: ["a\n"], new: ["a\n", "b\n"], oldName: "o", newName: "n") == "--- o\n+++ n\n@@ -1 +1,2 @@\n a\n+b\n", "as diff -u writes it")
    }
}
