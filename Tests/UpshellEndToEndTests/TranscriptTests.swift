import Foundation
import Testing

/// Transcript tests: each `Transcripts/NAME.ups` runs through the real binary as
/// `upshell --no-rc -f NAME.ups [ARGS]` (ARGS from a first line `#! args: …`) with the Transcripts
/// folder as working directory, a fixed environment (no colour, UTC), and its standard output, standard
/// error and exit code are compared with `NAME.expected`.
///
/// Set `UPSHELL_RECORD=1` to rewrite the expected files from the current output; the run then fails so
/// every change of output is reviewed as a diff.
@Suite struct TranscriptTests {
    static let folder = UpshellBinary.packageRoot.appendingPathComponent("Tests/UpshellEndToEndTests/Transcripts")

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".ups") }.sorted()
    }

    static func render(_ r: UpshellBinary.Result) -> String {
        "--- stdout\n\(r.stdout)--- stderr\n\(r.stderr)--- exit \(r.status)\n"
    }

    @Test func transcriptsExist() {
        #expect(Self.scripts.count >= 5, "expected transcript scripts in \(Self.folder.path)")
    }

    @Test(arguments: TranscriptTests.scripts)
    func transcript(_ script: String) throws {
        let scriptURL = Self.folder.appendingPathComponent(script)
        let text = String(decoding: try Data(contentsOf: scriptURL), as: UTF8.self)
        // `#! requires: PATH` (relative to the Transcripts folder) names a data file the script reads; a missing
        // file fails the transcript with its name — never a silent pass.
        if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("#! requires:") }) {
            let path = String(line.dropFirst("#! requires:".count)).trimmingCharacters(in: .whitespaces)
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : Self.folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                Issue.record("transcript \(script) requires \(url.standardizedFileURL.path), which is missing")
                return
            }
        }
        var args = ["--no-rc", "-f", script]
        if let first = text.split(separator: "\n", omittingEmptySubsequences: false).first, first.hasPrefix("#! args:") {
            args += first.dropFirst("#! args:".count).split(separator: " ").map(String.init)
        }
        var stdin = Data()
        if let stdinLine = text.split(separator: "\n").first(where: { $0.hasPrefix("#! stdin:") }) {
            // `#! stdin: FILE` feeds FILE on standard input and runs without -f.
            let file = String(stdinLine.dropFirst("#! stdin:".count)).trimmingCharacters(in: .whitespaces)
            stdin = try Data(contentsOf: Self.folder.appendingPathComponent(file))
            args.removeAll { $0 == "-f" || $0 == script }
        }
        let result = try UpshellBinary.run(args, in: Self.folder, stdin: stdin)
        let actual = Self.render(result)
        let expectedURL = Self.folder.appendingPathComponent(script.replacingOccurrences(of: ".ups", with: ".expected"))
        if ProcessInfo.processInfo.environment["UPSHELL_RECORD"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(expectedURL.lastPathComponent); review the diff and run again without UPSHELL_RECORD")
            return
        }
        let expected = (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? "(missing \(expectedURL.lastPathComponent); record with UPSHELL_RECORD=1)"
        #expect(actual == expected, "transcript \(script) differs")
    }
}
