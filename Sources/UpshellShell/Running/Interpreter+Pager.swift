import Foundation
import UpshellCore

extension Interpreter {
    /// Writes a command's standard output: through the pager when ``PagerSettings/shouldPage(_:screenRows:)``
    /// says so, else to the console. A pager that cannot start is reported once (`pager off` silences
    /// it); the text is then printed directly.
    func show(_ text: String) {
        let settings = session.pager
        guard settings.shouldPage(text, screenRows: settings.onTerminal ? TerminalPager.screenRows() : nil) else {
            session.console.out(text)
            return
        }
        let command = PagerSettings.command(environment: ProcessInfo.processInfo.environment)
        do {
            try TerminalPager.show(text, command: command)
            // Ctrl-C or q in the pager ends the paging, not the command: the result is shown and kept
            Cancellation.reset()
        } catch {
            if !session.pager.failedOnce {
                session.pager.failedOnce = true
                session.console.err("warning: \(error.message); printing directly (set PAGER, or 'pager off' to stop trying)\n")
            }
            session.console.out(text)
        }
    }
}
