import Foundation

/// The text of a progress bar: `[████████░░░░] 48%  1.2 M baskets/s  ETA 3 s  (Ctrl-C cancels)`.
///
/// Pure arithmetic, so it is tested with made-up times: the rate is work done over the time since the task
/// started, and the time left is the work left at that rate (`(total − done) / rate`, the constant-rate
/// estimate of `pv`, `tqdm` and DuckDB's progress bar).
public enum ProgressLine {
    /// The bar for `done` of `total` after `elapsed` seconds, counting `unit` (`"bytes"` shows MB/s);
    /// `estimated` when `total` is a guess, which marks the time left `≈`.
    public static func text(done: Int, total: Int, elapsed: Double, unit: String, barWidth: Int = 30, estimated: Bool = false) -> String {
        let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 0
        let filled = Int(fraction * Double(barWidth))
        var line = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) + "] \(Int(fraction * 100))%"
        if let rate = rate(done: done, elapsed: elapsed) {
            line += "  " + Self.rateText(rate, unit: unit)
            if let left = secondsLeft(done: done, total: total, elapsed: elapsed) { line += "  ETA " + (estimated ? "≈ " : "") + duration(left) }
        }
        return line + "  (Ctrl-C cancels)"
    }

    /// Units of work per second, or `nil` before any work or time has passed.
    public static func rate(done: Int, elapsed: Double) -> Double? {
        guard done > 0, elapsed > 0 else { return nil }
        return Double(done) / elapsed
    }

    /// Seconds left at the rate so far, or `nil` when it cannot be estimated yet.
    public static func secondsLeft(done: Int, total: Int, elapsed: Double) -> Double? {
        guard let rate = rate(done: done, elapsed: elapsed), total >= done else { return nil }
        return Double(total - done) / rate
    }

    /// `12.4 MB/s` for bytes; `1.2 M baskets/s`, `34.5 k draws/s`, `120 draws/s` otherwise.
    public static func rateText(_ rate: Double, unit: String) -> String {
        if unit == "bytes" {
            if rate >= 1e9 { return String(format: "%.1f GB/s", rate / 1e9) }
            if rate >= 1e6 { return String(format: "%.1f MB/s", rate / 1e6) }
            if rate >= 1e3 { return String(format: "%.1f kB/s", rate / 1e3) }
            return String(format: "%.0f B/s", rate)
        }
        let name = unit.isEmpty ? "steps" : unit
        if rate >= 1e6 { return String(format: "%.1f M %@/s", rate / 1e6, name) }
        if rate >= 1e4 { return String(format: "%.1f k %@/s", rate / 1e3, name) }
        if rate >= 10 { return String(format: "%.0f %@/s", rate, name) }
        return String(format: "%.1f %@/s", rate, name)
    }

    /// `3 s`, `2 min 05 s`, `1 h 07 min` (seconds rounded up, so the last second does not show 0 s).
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return String(format: "%d min %02d s", s / 60, s % 60) }
        return String(format: "%d h %02d min", s / 3600, (s % 3600) / 60)
    }
}
