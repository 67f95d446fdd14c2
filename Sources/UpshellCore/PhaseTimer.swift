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
/// Each mark prints the wall time since the timer was made and the process's CPU time (user + system,
/// all threads) over the same span, so a phase's parallelism is their ratio, and the process's resident
/// memory at the mark (`/proc/self/statm`, where there is one). Off (the default) it costs one branch.
public struct PhaseTimer: Sendable {
    /// Whether `UPSHELL_PROFILE` is set.
    public static let enabled = ProcessInfo.processInfo.environment["UPSHELL_PROFILE"] != nil

    private let label: String
    private let start = ContinuousClock.now
    private let startCPU = PhaseTimer.processCPUSeconds()

    /// A timer for the work called `label` (shown before each phase), started now.
    public init(_ label: String) { self.label = label }

    /// Reports that `phase` has ended.
    public func mark(_ phase: @autoclosure () -> String) {
        guard PhaseTimer.enabled else { return }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpu = PhaseTimer.processCPUSeconds() - startCPU
        FileHandle.standardError.write(Data("profile \(label): \(phase()) \(String(format: "%.3f", seconds)) s (cpu \(String(format: "%.2f", cpu)) s\(PhaseTimer.residentNote()))\n".utf8))
    }

    /// `, rss N MiB`: the process's resident memory now, or nothing where it is unknown.
    static func residentNote() -> String {
        ProcessMemory.residentBytes().map { ", rss \($0 >> 20) MiB" } ?? ""
    }

    /// User plus system CPU seconds of the whole process so far.
    static func processCPUSeconds() -> Double {
        guard enabled else { return 0 }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
