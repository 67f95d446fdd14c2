import Foundation
import UpshellCore

/// What `upshell run NOTEBOOK.md` was asked to do.
public struct NotebookOptions: Sendable {
    /// The notebook file.
    public var path: String
    /// `-D name=value`, in order: variables the blocks read as `$name`; a block's `set` of the same name
    /// keeps the given value (the notebook's `set` is the default).
    public var definitions: [(String, String)] = []
    /// `--check`: write nothing to the notebook; exit 1 when an output would change.
    public var check = false
    /// `-o FILE.html`: also write the run as a self-contained HTML report (with `--check` too).
    public var report: String?
    /// Turns the notebook's Markdown prose into HTML (the executable passes Ink's parser); without it prose
    /// is shown as preformatted text.
    public var markdown: (@Sendable (String) -> String)?
    public init(path: String) { self.path = path }
}

/// Runs a Markdown notebook: every ```` ```upshell ```` block in order, in one session, each block's output
/// written back in the ```` ```output ```` block under it (see ``NotebookDocument``).
///
/// Outputs are made for a file, not a terminal: no colour, no progress, 100 columns, and elapsed times and
/// memory shown as in transcripts (0 s, none), so a run on unchanged data writes the same bytes. A failing
/// block stops the run; the outputs so far are written, the failing block's output holding the error, and
/// the exit code is 1. Relative paths in the blocks start from the folder upshell was started in, as in
/// scripts (`upshell -f`).
public enum NotebookRun {
    /// Runs the notebook and returns the process exit code; messages go to `console`'s standard error,
    /// the `--check` diff to its standard output.
    public static func run(_ options: NotebookOptions, console: Console = StandardConsole()) -> Int32 {
        let name = (options.path as NSString).lastPathComponent
        let document: NotebookDocument
        let original: [UInt8]
        do {
            original = try ScriptRunner.read(path: (options.path as NSString).expandingTildeInPath)
            document = try NotebookDocument(bytes: original)
        } catch let error as InvalidUTF8Error {
            return fail(console, "\(options.path):\(error.line):\(error.column): \(error.message)",
                        hint: "save the notebook as UTF-8", code: ExitCode.failure)
        } catch let error as NotebookError {
            return fail(console, "\(options.path): \(error.message)", hint: error.hint, code: ExitCode.failure)
        } catch {
            let e = error as? UserFacingError
            return fail(console, e?.message ?? "\(error)", hint: e?.hint, code: ExitCode.usage)
        }
        let result = execute(document, name: name, definitions: options.definitions)
        // Ctrl-C: the outputs are incomplete, so neither the notebook nor a report is written
        if Cancellation.wasInterrupted {
            console.err("\(options.path): interrupted; nothing was written\n")
            return CancelledError.exitCode
        }
        let text = document.text(withOutputs: result.outputs)
        let changed = text != String(decoding: original, as: UTF8.self)
        if let report = options.report {
            let html = NotebookReport.html(document, outcome: result, name: name, markdown: options.markdown)
            do {
                _ = try SafeFile.write(Array(html.utf8), to: (report as NSString).expandingTildeInPath, overwrite: true)
                console.err("wrote the report to \(report)\n")
            } catch {
                return fail(console, "cannot write the report to '\(report)': \(error.message)", hint: error.hint ?? "choose a folder you can write to", code: ExitCode.failure)
            }
        }
        if let failed = result.failedCell {
            let cell = document.cells[failed]
            console.err("\(options.path):\(cell.open + 1): block \(failed + 1) of \(document.cells.count) failed; the run stopped there\n"
                        + (result.outputs[failed] ?? ""))
        }
        if options.check {
            if changed, let diff = UnifiedDiff.firstHunk(old: document.lines, new: NotebookDocument.splitLines(text),
                                                        oldName: options.path, newName: options.path + " (this run)") {
                console.out(diff)
                console.err("\(options.path): the outputs differ from this run (first difference above); nothing was written\n")
            }
            return changed || result.failedCell != nil ? ExitCode.failure : ExitCode.success
        }
        if changed {
            do {
                _ = try SafeFile.write(Array(text.utf8), to: (options.path as NSString).expandingTildeInPath, overwrite: true)
            } catch {
                return fail(console, "cannot write the outputs to '\(options.path)': \(error.message)", hint: error.hint, code: ExitCode.failure)
            }
        }
        let ran = result.outputs.compactMap { $0 }.count
        console.err("ran \(ran) of \(document.cells.count) block\(document.cells.count == 1 ? "" : "s") of \(options.path); "
                    + (changed ? "outputs written" : "no output changed") + "\n")
        return result.failedCell == nil ? ExitCode.success : ExitCode.failure
    }

    /// The outputs of the blocks that ran (`nil` for those after a failure) and the failing block, if any.
    struct Outcome {
        var outputs: [String?]
        var failedCell: Int?
        /// Per block: the results of its commands, and the error text of a failing block.
        var results: [[ReportResult]] = []
        var errors: [String?] = []
    }

    /// Runs the blocks of `document` in one session.
    static func execute(_ document: NotebookDocument, name: String, definitions: [(String, String)]) -> Outcome {
        let capture = InterleavedConsole()
        let session = Session(console: capture, interactive: false)
        session.deterministic = true
        for (key, value) in definitions {
            session.variables[key] = value
            session.parameters.insert(key)
        }
        let runner = ScriptRunner(interpreter: Interpreter(session: session))
        var outcome = Outcome(outputs: Array(repeating: nil, count: document.cells.count))
        outcome.results = Array(repeating: [], count: document.cells.count)
        outcome.errors = Array(repeating: nil, count: document.cells.count)
        var current = 0
        session.resultObserver = { outcome.results[current].append($0) }
        defer { session.resultObserver = nil }
        for (index, cell) in document.cells.enumerated() {
            capture.clear()
            current = index
            let failures = runner.run(lines: cell.code, name: name, firstLine: cell.open + 2)
            outcome.outputs[index] = capture.text
            if failures > 0 { outcome.errors[index] = capture.errors }
            if failures > 0 {
                outcome.failedCell = index
                break
            }
            if session.quitRequested { break }
        }
        return outcome
    }

    private static func fail(_ console: Console, _ message: String, hint: String?, code: Int32) -> Int32 {
        console.err("error: \(message)\n" + (hint.map { "  hint: \($0)\n" } ?? ""))
        return code
    }
}

/// Collects standard output and standard error in the order they were written (a block's output in a
/// notebook shows both, as a terminal would).
final class InterleavedConsole: Console {
    private(set) var text = ""
    /// Standard error alone (errors and warnings), for the report.
    private(set) var errors = ""
    func out(_ text: String) { self.text += text }
    func err(_ text: String) {
        self.text += text
        errors += text
    }
    func clear() {
        text = ""
        errors = ""
    }
}
