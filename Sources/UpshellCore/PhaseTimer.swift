import Foundation

/// Wall-clock times of the phases of long work, written to standard error when the environment
/// variable `UPSHELL_PROFILE` is set — a developer's aid for finding where a load spends its time:
///
/// ```sh
/// UPSHELL_PROFILE=1 upshell -c 'load orders.csv'
/// # profile load: parse 1.412 s
/// # profile load: merge columns 1.851 s …
/// ```
///
/// Each mark prints the time since the timer was made. Off (the default) it costs one branch.
public struct PhaseTimer: Sendable {
    /// Whether `UPSHELL_PROFILE` is set.
    public static let enabled = ProcessInfo.processInfo.environment["UPSHELL_PROFILE"] != nil

    private let label: String
    private let start = ContinuousClock.now

    /// A timer for the work called `label` (shown before each phase), started now.
    public init(_ label: String) { self.label = label }

    /// Reports that `phase` has ended.
    public func mark(_ phase: @autoclosure () -> String) {
        guard PhaseTimer.enabled else { return }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(Data("profile \(label): \(phase()) \(String(format: "%.3f", seconds)) s\n".utf8))
    }
}
