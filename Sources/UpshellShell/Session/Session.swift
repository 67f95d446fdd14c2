import Foundation
import UpshellCore
import UpshellAnalytics
import UpshellData

/// One numbered answer of the session, kept so later commands can refer to it (`export [7] …`).
public struct Cell: Sendable {
    public var number: Int
    public var command: String
    public var output: CommandOutput
}

/// The state of one shell session: loaded data, variables, numbered results, output settings.
///
/// Commands read and change it; the REPL and the script runner own it. Nothing here prints.
public final class Session {
    /// Loaded datasets.
    public var datasets = DatasetStore() {
        didSet {
            // Orders rebuilt (map, clean) or dropped: their segmentations no longer line up.
            for name in segments.datasetNames where !datasets.contains(name) || datasets.generation(of: name) != segmentGenerations[name] {
                segments.invalidate(name)
            }
            if let key = scopeViews.key, datasets.generation(of: key.dataset) != key.generation { scopeViews.clear() }
        }
    }
    /// Segmentations per dataset.
    public var segments = SegmentStore() {
        didSet {
            for name in segments.datasetNames { segmentGenerations[name] = datasets.generation(of: name) }
            segmentsVersion += 1
        }
    }
    private var segmentGenerations: [String: Int] = [:]
    /// Bumped whenever the segmentations change (a `where segment = …` view made before is stale).
    private(set) var segmentsVersion = 0
    /// The last filtered view an ``OrderScope`` made (see ``resolve(_:)``).
    var scopeViews = ScopeViewCache()
    /// Lifetime-model fits per dataset (`clv fit`, reused by `clv predict`).
    public var lifetimeFits = LifetimeFitStore()
    /// Offer models (item–item, frequently bought together, popularity) per dataset and scope.
    var offerModels = OfferModelStore()
    /// The offer rules every recommend command applies (`policy`).
    public var offerPolicy = OfferPolicy()
    /// How often each experiment was analysed in this session (`abtest analyze`), keyed by its variants
    /// or its dataset and variant column: a second look makes the fixed-sample p-value invalid.
    public var experimentLooks: [String: Int] = [:]
    /// Script variables (`set name = value`, `-D name=value`), expanded as `$name`.
    public var variables: [String: String] = [:]
    /// Variables given with `upshell run … -D`: a notebook's `set` of one of them keeps the given value.
    public var parameters: Set<String> = []
    /// Called with every successful command's output (the HTML report of `upshell run … -o` collects them).
    public var resultObserver: ((ReportResult) -> Void)?
    /// Results by cell number.
    public private(set) var cells: [Int: Cell] = [:]
    /// The number the next command gets (shown in the prompt).
    public private(set) var nextCellNumber = 1
    /// The most recent cell with a result.
    public private(set) var lastResultCell: Int?
    /// How results print.
    public var format: OutputFormat = .table
    public var renderSettings = RenderSettings()
    /// Whether long results go through a pager (`pager on|off`; only on a terminal).
    public var pager = PagerSettings()
    /// Print the time each command took.
    public var timer = false
    /// Whether a person is typing at a terminal (progress bars, colour, no file:line prefixes).
    public let interactive: Bool
    /// Transcript tests set `UPSHELL_DETERMINISTIC=1`: elapsed times print as 0 and process memory is
    /// not shown, so output is the same on every machine.
    public var deterministic = ProcessInfo.processInfo.environment["UPSHELL_DETERMINISTIC"] == "1"
    /// Where output goes.
    public let console: Console
    /// Scripts being sourced, innermost last (real paths), to detect `source` loops.
    var sourceStack: [String] = []
    /// Whether the remaining commands of a script run after an error.
    public var keepGoing = false
    /// Commands that ran successfully, in order, with their cell numbers (for `save session`).
    public private(set) var journal: [JournalEntry] = []
    /// Cells whose command failed, with the command and its error message.
    public private(set) var failedCells: [Int: FailedCell] = [:]
    /// Set by `quit`.
    public var quitRequested = false
    /// Reports progress of long work; silent unless on a terminal.
    public var progress: any ProgressReporter = SilentProgress()
    /// The default random seed for bootstraps and simulations (`set seed = N`).
    public var seed: UInt64 { UInt64(variables["seed"] ?? "") ?? 20_261_125 }

    public init(console: Console = StandardConsole(), interactive: Bool = false) {
        self.console = console
        self.interactive = interactive
    }

    /// Takes the next cell number for a command.
    func takeCellNumber() -> Int {
        defer { nextCellNumber += 1 }
        return nextCellNumber
    }

    /// Keeps a command's output under its cell number.
    func store(_ output: CommandOutput, command: String, cell: Int) {
        cells[cell] = Cell(number: cell, command: SecretRedaction.redact(command), output: output)
        lastResultCell = cell
    }

    /// Journals a successful command under its cell (`save session` writes it back); `save`, `skip` and
    /// `source` are left out (a sourced script's own commands are journaled one by one).
    func recordSuccess(_ command: String, name: String, cell: Int) {
        guard !Self.unjournaled.contains(name) else { return }
        // a connection URL is kept without its password (`save session` writes the journal)
        journal.append(JournalEntry(cell: cell, command: SecretRedaction.redact(command)))
    }

    /// Commands that `save session` does not write back: their cells are kept by `skip`.
    static let unjournaled: Set<String> = ["save", "skip", "source"]

    /// Notes that the command of `cell` failed, so a reference to it says so.
    func recordFailure(_ command: String, error: Error, cell: Int) {
        let message = (error as? UserFacingError)?.message ?? "\(error)"
        failedCells[cell] = FailedCell(command: SecretRedaction.redact(command), message: SecretRedaction.redact(message))
    }

    /// Leaves the next `count` cell numbers empty (`skip`).
    func skipCells(_ count: Int) { nextCellNumber += max(0, count) }

    /// The cell a reference points at, or an error saying which cells exist.
    public func cell(_ reference: CellReference) throws -> Cell {
        switch reference {
        case .last:
            guard let n = lastResultCell, let cell = cells[n] else {
                throw SessionError("there is no result yet to refer to with 'last'", hint: "run a command that prints a table first")
            }
            return cell
        case .number(let n):
            guard let cell = cells[n] else {
                if let failed = failedCells[n] {
                    throw SessionError("cell [\(n)] has no result: its command '\(LongText.cutMessage(failed.command))' failed (\(LongText.cutMessage(failed.message)))",
                                       hint: "run the command again once it is fixed; 'cells' lists the results")
                }
                if n >= nextCellNumber - 1 {
                    let current = nextCellNumber - 1
                    throw SessionError("there is no cell [\(n)] yet: this command is cell [\(current)]",
                                       hint: current > 1 ? "cells run so far are [1] to [\(current - 1)]; 'cells' lists those with results" : "no command has run before this one")
                }
                let known = cells.keys.sorted().suffix(10).map { "[\($0)]" }.joined(separator: " ")
                throw SessionError("cell [\(n)] has no result", hint: known.isEmpty ? "no cell has a result yet" : "cells with results: \(known)")
            }
            return cell
        }
    }
}

/// A successful command and the cell it ran in (``Session/journal``).
public struct JournalEntry: Sendable, Equatable {
    public var cell: Int
    public var command: String
}

/// A command that failed, kept so a reference to its cell explains why it holds no result.
public struct FailedCell: Sendable, Equatable {
    public var command: String
    public var message: String
}

/// A problem with the session's state (unknown cell, name in use, …).
public struct SessionError: UserFacingError {
    public let message: String
    public let hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
