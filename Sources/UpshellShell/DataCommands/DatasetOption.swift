import UpshellData

/// The `data=NAME` option analytics commands share: which dataset to use (default: the current one).
enum DatasetOption {
    static let option = TypedOption.text("data", .dataset, "the dataset to use (default: the last one loaded or chosen with 'use')")
    static var spec: OptionSpec { option.spec }
}

extension Session {
    /// Runs `work` with the session's progress reporter, always finishing it; `unit` names what the work
    /// counts, for the rate beside the bar; `estimated` when the total is a guess (the time left shows `≈`).
    func withProgress<T>(unit: String = "", estimated: Bool = false, _ work: (any UpshellCore.ProgressReporter) throws -> T) rethrows -> T {
        (progress as? TerminalProgress)?.begin(unit: unit, estimated: estimated)
        defer { progress.finish() }
        return try work(progress)
    }
}

import UpshellCore
