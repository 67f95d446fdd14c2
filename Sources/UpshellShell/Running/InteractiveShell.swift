import Foundation
import UpshellCore

/// The interactive shell on a terminal: the libedit loop (``ReplLoop``) with this session as its host.
final class InteractiveShell: ReplHost {
    let interpreter: Interpreter
    var session: Session { interpreter.session }

    init(interpreter: Interpreter) { self.interpreter = interpreter }

    /// Runs until Ctrl-D or `quit`. Falls back to plain line reading if the line editor cannot start.
    func run() {
        let editor: LineEditor
        do {
            editor = try LineEditor(programName: "upshell", history: HistoryFile.standard())
        } catch {
            interpreter.report(error, at: .prompt)
            runPlain()
            return
        }
        if let problem = editor.takeHistoryError() { warn(history: problem) }
        session.console.out("upshell \(UpshellVersion.string) — 'help' lists commands, Tab completes, Ctrl-C cancels, Ctrl-D leaves\n")
        ReplLoop(host: self, editor: editor).run()
    }

    /// Reads plain lines (no editing) when libedit is unavailable.
    private func runPlain() {
        var pending = ""
        while !session.quitRequested {
            session.console.out(pending.isEmpty ? prompt() : continuationPrompt())
            guard let line = Swift.readLine() else { break }
            pending += pending.isEmpty ? line : "\n" + line
            guard Lexer.isComplete(pending) else { continue }
            SignalHandling.runCommand { _ = interpreter.run(pending) }
            pending = ""
        }
    }

    func warn(history error: HistoryFileError) {
        session.console.err("warning: \(error.message) (history is not saved; the session goes on)\n")
    }

    func prompt() -> String { "[\(session.nextCellNumber)] upshell> " }

    func isComplete(_ text: String) -> Bool { Lexer.isComplete(text) }

    func execute(_ text: String) -> ReplControl {
        interpreter.run(text)
        return session.quitRequested ? .quit : .continue
    }

    func completions(line: String, cursor: Int) -> Completions {
        Completer(vocabulary: SessionVocabulary(session: session)).complete(line: line, cursor: cursor)
    }
}
