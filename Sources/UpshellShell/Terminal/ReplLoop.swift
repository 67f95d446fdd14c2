import Foundation
/// Whether the shell keeps reading commands after one ran.
public enum ReplControl: Equatable, Sendable {
    /// Show the next prompt.
    case `continue`
    /// Leave the loop (the `quit` command).
    case quit
}

/// The shell behind the interactive loop: prompts, when input is complete, running it, completing words.
public protocol ReplHost: AnyObject {
    /// The main prompt, e.g. `"[3] upshell> "`.
    func prompt() -> String
    /// The prompt for continuation lines; by default `...> ` right-aligned under ``prompt()``.
    func continuationPrompt() -> String
    /// Whether `text` (lines joined by `\n`) is a whole command: `false` after a trailing `\` or inside
    /// an open quote, so the loop reads another line.
    func isComplete(_ text: String) -> Bool
    /// Runs one complete entry (possibly several lines joined by `\n`, backslash-newlines included as
    /// typed) and says whether to continue. Runs with Ctrl-C mapped to ``Cancellation``.
    func execute(_ text: String) -> ReplControl
    /// Completions for the word before `cursor` (a `Character` offset into `line`).
    func completions(line: String, cursor: Int) -> Completions
    /// Says once that the history file cannot be read or written (the session goes on without it).
    func warn(history error: HistoryFileError)
}

extension ReplHost {
    /// By default the warning goes to standard error.
    public func warn(history error: HistoryFileError) {
        FileHandle.standardError.write(Data("warning: \(error.message) (history is not saved)\n".utf8))
    }

    /// `...> ` right-aligned to the width of ``prompt()``: `"[3] upshell> "` gives `"        ...> "`.
    public func continuationPrompt() -> String { ReplLoop<Self>.continuationPrompt(alignedWith: prompt()) }
}

/// The interactive read–execute loop over a ``LineEditor``.
///
/// Each turn: read a line with the host's prompt; while the host says the text is incomplete, read
/// continuation lines; record the entry in history; reset cancellation and execute it. Ctrl-C while
/// typing abandons the entry (also in continuation lines); Ctrl-D on an empty first line or
/// ``ReplControl/quit`` ends the loop, closing the editor (the terminal is restored). Ctrl-D on an empty
/// continuation line submits the text as it is, so the host can report what is unbalanced.
/// Blank entries are not executed.
public final class ReplLoop<Host: ReplHost> {
    /// The shell that runs the commands.
    public let host: Host
    /// The terminal editor used for reading.
    public let editor: LineEditor

    /// A loop reading with `editor` and running commands on `host`; TAB completion asks `host`.
    public init(host: Host, editor: LineEditor) {
        self.host = host
        self.editor = editor
        editor.completionProvider = { [unowned host] line, cursor in
            host.completions(line: line, cursor: cursor)
        }
    }

    /// Runs until Ctrl-D or ``ReplControl/quit``, then closes the editor. Installs the SIGINT handler.
    public func run() {
        SignalHandling.installForCommands()
        defer { editor.close() }
        while true {
            switch readEntry() {
            case .endOfInput:
                return
            case .interrupted:
                continue
            case .entry(let text):
                guard !text.allSatisfy(\.isWhitespace) else { continue }
                editor.recordHistory(text)
                if let problem = editor.takeHistoryError() { host.warn(history: problem) }
                let control = SignalHandling.runCommand { host.execute(text) }
                if control == .quit { return }
            }
        }
    }

    private enum Entry {
        case entry(String)
        case interrupted
        case endOfInput
    }

    /// One possibly multi-line entry.
    private func readEntry() -> Entry {
        var text: String
        switch editor.readLine(prompt: host.prompt()) {
        case .line(let line): text = line
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        }
        while !host.isComplete(text) {
            switch editor.readLine(prompt: host.continuationPrompt()) {
            case .line(let line): text += "\n" + line
            case .interrupted: return .interrupted
            case .endOfInput: return .entry(text)
            }
        }
        return .entry(text)
    }

    /// `...> ` right-aligned to the width (in `Character`s) of `prompt`; just `...> ` for short prompts.
    public static func continuationPrompt(alignedWith prompt: String) -> String {
        let marker = "...> "
        return String(repeating: " ", count: max(0, prompt.count - marker.count)) + marker
    }
}
