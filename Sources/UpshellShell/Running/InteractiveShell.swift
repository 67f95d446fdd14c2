import Foundation
import UpshellCore

/// The interactive shell on a terminal. (Plain line reading until the libedit layer is wired in.)
final class InteractiveShell {
    let interpreter: Interpreter
    init(interpreter: Interpreter) { self.interpreter = interpreter }

    func run() {
        let session = interpreter.session
        session.console.out("upshell \(UpshellVersion.string) — 'help' lists commands, Ctrl-D leaves\n")
        var pending = ""
        while !session.quitRequested {
            session.console.out(pending.isEmpty ? "[\(session.nextCellNumber)] upshell> " : "   ...> ")
            guard let line = readLine() else { break }
            pending += pending.isEmpty ? line : "\n" + line
            guard Lexer.isComplete(pending) else { continue }
            interpreter.run(pending)
            pending = ""
        }
    }
}
