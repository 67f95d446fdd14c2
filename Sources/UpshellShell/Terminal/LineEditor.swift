#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibEdit
import UpshellCore

/// What one ``LineEditor/readLine(prompt:)`` call produced.
public enum LineEditorEvent: Equatable, Sendable {
    /// The user pressed Enter; the text without its newline.
    case line(String)
    /// Ctrl-C: the typed text was abandoned; the caller shows a fresh prompt.
    case interrupted
    /// Ctrl-D on an empty line (or input closed).
    case endOfInput
}

/// The interactive line editor: libedit with emacs keys, UTF-8, history, TAB completion and Ctrl-C.
///
/// Owns one `EditLine` and one `History`, released by ``close()`` (idempotent, also run on `deinit`).
/// The terminal is in raw mode only inside ``readLine(prompt:)``; libedit's signal handling
/// (`EL_SIGNAL`) restores it if SIGTERM, SIGHUP or SIGTSTP arrives while a line is edited, and redraws
/// after SIGCONT and SIGWINCH. Ctrl-C does not raise SIGINT while editing: the tty's `intr` character is
/// disabled in edit mode and `^C` is bound to a function that abandons the line.
///
/// Use only when standard input and output are terminals (``isInteractiveTerminal``); for pipes and
/// files read plain lines instead.
///
/// ```swift
/// let editor = try LineEditor(history: HistoryFile.standard())
/// if case .line(let text) = editor.readLine(prompt: "[1] upshell> ") { editor.recordHistory(text) }
/// ```
public final class LineEditor {
    private var editLine: OpaquePointer?
    private var historyList: OpaquePointer?
    private var promptText: UnsafeMutablePointer<CChar>?
    /// The persistent history this editor loads from and appends to, if any.
    public let historyFile: HistoryFile?
    /// The first error met while loading or appending history (the shell may mention it once).
    public private(set) var historyError: HistoryFileError?
    /// Whether ``historyError`` was handed out by ``takeHistoryError()``.
    private var historyErrorTaken = false

    /// The history error, the first time it is asked for after it happened; `nil` after that, so a
    /// history file that cannot be written gives one warning, not one per command.
    public func takeHistoryError() -> HistoryFileError? {
        guard let historyError, !historyErrorTaken else { return nil }
        historyErrorTaken = true
        return historyError
    }
    /// Called on TAB with the line and the cursor's character offset; `nil` rings the bell.
    public var completionProvider: ((_ line: String, _ cursor: Int) -> Completions)?

    /// Set by the `^C` key function during the current `readLine`.
    fileprivate var interruptPending = false
    /// Line and cursor right after the previous TAB, to recognise a second TAB in a row.
    fileprivate var lastTabState: (line: String, cursor: Int)?

    /// Whether standard input and standard output are both terminals.
    public static var isInteractiveTerminal: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// Starts libedit on the standard streams and loads `history` into the recall list.
    ///
    /// Calls `setlocale(LC_CTYPE, "")` first so that libedit decodes UTF-8 (without it every non-ASCII
    /// byte is dropped). A history file that cannot be read leaves ``historyError`` set; it is not fatal.
    public init(programName: String = "upshell", history: HistoryFile? = nil) throws(LineEditorError) {
        setlocale(LC_CTYPE, "")
        ups_unblock_shell_signals()
        guard let el = el_init(programName, ups_stdin(), ups_stdout(), ups_stderr()) else {
            throw LineEditorError(message: "cannot start the line editor on this terminal")
        }
        guard let list = ups_history_open(100_000) else {
            el_end(el)
            throw LineEditorError(message: "cannot allocate the line editor's history")
        }
        editLine = el
        historyList = list
        historyFile = history
        ups_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        ups_el_set_editor(el, "emacs")
        ups_el_set_history(el, list)
        ups_el_set_signal(el, 1)
        ups_el_set_prompt(el, lineEditorPrompt)
        // While a line is edited, Ctrl-C and Ctrl-Z reach the editor as keys instead of raising signals.
        ups_el_set_tty(el, "-d", "-isig")
        ups_el_add_function(el, "upshell-suspend", "suspend the shell (Ctrl-Z)", lineEditorSuspendKey)
        ups_el_bind(el, "^Z", "upshell-suspend")
        ups_el_add_function(el, "upshell-interrupt", "abandon the line (Ctrl-C)", lineEditorInterruptKey)
        ups_el_bind(el, "^C", "upshell-interrupt")
        ups_el_add_function(el, "upshell-complete", "complete the word before the cursor", lineEditorCompleteKey)
        ups_el_bind(el, "^I", "upshell-complete")
        if let history {
            do {
                for entry in try history.load() { ups_history_enter(list, entry) }
            } catch {
                historyError = error
            }
        }
    }

    deinit { close() }

    /// Releases libedit (restoring the terminal if needed). Safe to call more than once.
    public func close() {
        if let el = editLine {
            el_end(el)
            editLine = nil
        }
        if let list = historyList {
            history_end(list)
            historyList = nil
        }
        free(promptText)
        promptText = nil
    }

    /// Reads one line with `prompt`; the terminal is in raw mode only during this call.
    public func readLine(prompt: String) -> LineEditorEvent {
        guard let el = editLine else { return .endOfInput }
        free(promptText)
        promptText = strdup(prompt)
        interruptPending = false
        lastTabState = nil
        var count: Int32 = 0
        errno = 0
        let raw = el_gets(el, &count)
        if interruptPending {
            interruptPending = false
            return .interrupted
        }
        guard let raw, count > 0 else {
            if count < 0 && errno == EINTR {
                // A signal (for instance SIGINT sent by `kill`) stopped the read: start afresh.
                el_reset(el)
                writeToTerminal("\n")
                return .interrupted
            }
            writeToTerminal("\n")
            return .endOfInput
        }
        var text = String(cString: raw)
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" {
            text.unicodeScalars.removeLast()
        }
        return .line(text)
    }

    /// Adds an accepted entry to the recall list (Up arrow) and appends it to the history file.
    /// Blank entries and immediate repeats are skipped.
    /// A connection URL's password is removed first: it never reaches the history file or the recall list.
    public func recordHistory(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace) else { return }
        let entry = SecretRedaction.redact(entry)
        if let list = historyList { ups_history_enter(list, entry) }
        do {
            try historyFile?.append(entry)
        } catch {
            if historyError == nil { historyError = error }
        }
    }

    // MARK: Key functions

    /// `^C`: remember the interruption, show `^C` after the text, and end the line with a pushed newline
    /// (so libedit moves below the line exactly as for Enter).
    fileprivate func interruptKey(_ el: OpaquePointer) -> UInt8 {
        interruptPending = true
        if let info = el_wline(el) {
            let after = info.pointee.lastchar - info.pointee.cursor
            if after > 0 { el_cursor(el, Int32(after)) }
        }
        el_insertstr(el, "^C")
        el_push(el, "\n")
        return UInt8(CC_REFRESH)
    }

    /// TAB: ask the provider and insert, list, or ring the bell (see ``CompletionAction/plan``).
    fileprivate func completeKey(_ el: OpaquePointer) -> UInt8 {
        guard let provider = completionProvider, let (line, cursor) = currentLine(el) else {
            return UInt8(CC_REFRESH_BEEP)
        }
        let repeated = lastTabState.map { $0.line == line && $0.cursor == cursor } ?? false
        let action = CompletionAction.plan(
            line: line, cursor: cursor, completions: provider(line, cursor), isRepeatedTab: repeated)
        switch action {
        case .bell:
            lastTabState = (line, cursor)
            return UInt8(CC_REFRESH_BEEP)
        case .replace(let from, let to, let text):
            replace(el, line: line, cursor: cursor, from: from, to: to, with: text)
            lastTabState = currentLine(el).map { ($0.line, $0.cursor) }
            return UInt8(CC_REFRESH)
        case .list(let candidates):
            lastTabState = (line, cursor)
            let width = Int(ups_terminal_columns(1, 80))
            let rows = CompletionColumns.layout(candidates, width: width)
            writeToTerminal("\n" + rows.joined(separator: "\n") + "\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    /// The edited line and the cursor as a `Character` offset. libedit's wide buffer holds one Unicode
    /// scalar per `wchar_t` (UTF-32 on Linux).
    private func currentLine(_ el: OpaquePointer) -> (line: String, cursor: Int)? {
        guard let info = el_wline(el) else { return nil }
        let start = info.pointee.buffer!
        let scalarsBeforeCursor = info.pointee.cursor - start
        let total = info.pointee.lastchar - start
        var before = String.UnicodeScalarView()
        var after = String.UnicodeScalarView()
        for index in 0..<total {
            let scalar = Unicode.Scalar(UInt32(bitPattern: Int32(start[index]))) ?? "\u{FFFD}"
            if index < scalarsBeforeCursor { before.append(scalar) } else { after.append(scalar) }
        }
        let prefix = String(before)
        return (prefix + String(after), prefix.count)
    }

    /// Replaces characters `from..<to` (the cursor is at `cursor`) with `text`; libedit's
    /// `el_deletestr`/`el_cursor` count wide characters (scalars), so offsets are converted.
    private func replace(_ el: OpaquePointer, line: String, cursor: Int, from: Int, to: Int, with text: String) {
        let characters = Array(line)
        func scalars(_ range: Range<Int>) -> Int {
            characters[range].reduce(0) { $0 + $1.unicodeScalars.count }
        }
        let cursorScalars = scalars(0..<cursor)
        let toScalars = scalars(0..<to)
        if toScalars != cursorScalars { el_cursor(el, Int32(toScalars - cursorScalars)) }
        let deleted = scalars(from..<to)
        if deleted > 0 { el_deletestr(el, Int32(deleted)) }
        el_insertstr(el, text)
    }

    private func writeToTerminal(_ text: String) {
        fputs(text, ups_stdout())
        fflush(ups_stdout())
    }

    /// The editor registered as libedit client data on `el`.
    fileprivate static func from(_ el: OpaquePointer?) -> LineEditor? {
        guard let el, let data = ups_el_get_clientdata(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// The prompt string for libedit's callback (valid until the next `readLine`).
    fileprivate var promptPointer: UnsafeMutablePointer<CChar>? { promptText }
}

/// The line editor could not start (no terminal, or libedit failed).
public struct LineEditorError: UserFacingError {
    /// What failed.
    public let message: String
    public var hint: String? { "run upshell with a script (-f FILE) or pipe commands on standard input" }
}

/// libedit's prompt callback.
nonisolated(unsafe) private let emptyPrompt: UnsafeMutablePointer<CChar> = strdup("")!
private func lineEditorPrompt(_ el: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    LineEditor.from(el)?.promptPointer ?? emptyPrompt
}

/// libedit key callbacks (C function pointers cannot capture context: the editor comes from client data).
private func lineEditorInterruptKey(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let el, let editor = LineEditor.from(el) else { return UInt8(CC_NEWLINE) }
    return editor.interruptKey(el)
}

/// `^Z`: raise SIGTSTP; libedit's handler restores the terminal before the stop and redraws on SIGCONT.
private func lineEditorSuspendKey(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
    kill(0, SIGTSTP)
    return UInt8(CC_REDISPLAY)
}

private func lineEditorCompleteKey(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let el, let editor = LineEditor.from(el) else { return UInt8(CC_REFRESH_BEEP) }
    return editor.completeKey(el)
}
