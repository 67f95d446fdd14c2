import Foundation
import UpshellCore

/// Runs command text against a session: splits it into commands, dispatches each through the registry,
/// numbers and keeps results, renders them in the session's format, and reports errors.
public final class Interpreter {
    public let session: Session

    public init(session: Session) { self.session = session }

    /// Runs all commands in `text`. Stops at the first failing command unless the session keeps going.
    ///
    /// - Returns: the number of commands that failed (0 = success).
    @discardableResult
    public func run(_ text: String, at location: SourceLocation = .prompt) -> Int {
        let texts: [String]
        do {
            texts = try Lexer.commandTexts(in: text)
        } catch {
            report(error, at: location)
            return 1
        }
        var failures = 0
        for text in texts {
            do {
                // Variables expand when the command runs, after earlier commands have set them.
                for command in try Lexer.commands(in: text, variables: { self.session.variables[$0] }) {
                    try execute(command)
                }
            } catch {
                failures += 1
                report(error, at: location)
                if !session.keepGoing || Cancellation.wasInterrupted { break }
            }
            if session.quitRequested { break }
        }
        return failures
    }

    /// Runs one command; throws what it throws.
    public func execute(_ command: CommandText) throws {
        guard let nameToken = command.tokens.first else { return }
        guard let type = CommandRegistry.command(named: nameToken.text), !nameToken.wasQuoted else {
            throw CommandRegistry.unknown(nameToken, source: command.source)
        }
        let cell = session.takeCellNumber()
        // freed memory stays in the heap while a command works (HeapPolicy.reuseFreedMemory); hand it back after,
        // but not after Ctrl-C: trimming gigabytes delays the prompt by up to a second; the next command trims
        defer { if !Cancellation.isRequested { HeapPolicy.releaseFreedMemory() } }
        // after Ctrl-C no further command of a script (or of one entry) runs; the REPL clears the
        // interrupt when the next entry is typed
        if Cancellation.wasInterrupted { throw CancelledError() }
        Cancellation.reset()
        let started = DispatchTime.now().uptimeNanoseconds
        let output: CommandOutput
        do {
            let arguments = try Arguments(spec: type.spec, command: command)
            let instance = try type.init(arguments: arguments)
            output = try session.run(instance)
        } catch {
            // kept so that `[n]` naming this cell says it failed, and `save session` keeps its number
            session.recordFailure(command.source, error: error, cell: cell)
            throw error
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        session.recordSuccess(command.source, name: type.spec.name, cell: cell)
        // what is shown or kept of the command names no password (`load postgres://USER:PASSWORD@…`)
        let source = SecretRedaction.redact(command.source)
        if let observer = session.resultObserver, !output.blocks.isEmpty {
            observer(ReportResult(command: source, output: output, currency: session.renderSettings.for(output).currency))
        }
        if output.isResult { session.store(output, command: source, cell: cell) }
        var rendered = session.format.renderer(session.renderSettings.for(output)).render(output, cell: output.isResult ? cell : nil, command: source)
        // csv and Markdown keep data exactly in a pipe or a file; a terminal shows control characters escaped
        if session.renderSettings.escapeControls && (session.format == .csv || session.format == .markdown) {
            rendered.stdout = ControlCharacters.escaped(rendered.stdout)
        }
        // renderers and the console stop early at Ctrl-C (4 M rows of CSV take seconds); the result is kept
        if !Cancellation.isRequested { show(rendered.stdout) }
        if Cancellation.isRequested { throw OutputCancelledError(cell: output.isResult ? cell : nil) }
        session.console.err(rendered.stderr)
        if session.timer {
            let line = "time: \(String(format: "%.3f", session.deterministic ? 0 : elapsed)) s\n"
            if session.format == .table || session.format == .markdown { session.console.out(line) } else { session.console.err(line) }
        }
    }

    /// Prints an error: `file:line: message` in scripts, `error: message` at the prompt; then the caret
    /// and the hint.
    public func report(_ error: Error, at location: SourceLocation) {
        let color = session.renderSettings.color
        var text = ""
        var underlying = error
        var prefix = location.name == nil ? "" : "\(location): "
        if let failure = error as? CommandFailure {
            underlying = failure.error
            prefix = "\(failure.location): "
        }
        let label = color ? "\u{1B}[31merror:\u{1B}[0m " : "error: "
        if let e = underlying as? UserFacingError {
            // a message can quote a value of any length (a 10 MB "header"): cut, saying how long it was
            let (full, fullHint) = AnalyticsErrorHints.text(for: e)
            let message = LongText.cutMessage(full), hint = fullHint.map { LongText.cutMessage($0) }
            text += prefix.isEmpty ? label + message + "\n" : prefix + message + "\n"
            if let language = underlying as? LanguageError, let caret = language.caretLines {
                text += caret.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { LongText.cut(String($0), to: LongText.messageLimit) }.joined(separator: "\n") + "\n"
            }
            if let hint { text += "  hint: " + hint.replacingOccurrences(of: "\n", with: "\n        ") + "\n" }
        } else {
            text += (prefix.isEmpty ? label : prefix) + "internal error: \(error)\n  hint: this is a bug in upshell; please report it with the command that caused it\n"
        }
        // an echoed command line or a server's message never shows a connection password
        session.console.err(SecretRedaction.redact(text))
    }
}

/// Ctrl-C while a finished command's output was formatted or written: the rest is not shown, and the
/// result, when there is one, stays in its cell.
public struct OutputCancelledError: UserFacingError {
    /// The cell holding the result, if the command made one.
    public let cell: Int?
    public var message: String { "cancelled while writing the output" + (cell.map { "; the result is kept as [\($0)]" } ?? "") }
    public var hint: String? { cell.map { "export [\($0)] FILE.csv writes it all; 'format table' shows its first rows" } }
}
