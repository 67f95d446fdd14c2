/// The first difference between two texts as a unified diff hunk (`diff -u` style, three lines of context),
/// for `upshell run --check`.
public enum UnifiedDiff {
    /// Lines that must agree after a change before the two texts count as back in step.
    static let resync = 3
    static let context = 3

    /// The hunk of the first difference between `old` and `new` (lines with their endings), or `nil` when
    /// they are equal.
    ///
    /// - Complexity: O(d²) line comparisons for a difference spanning d lines (a notebook's outputs).
    public static func firstHunk(old: [String], new: [String], oldName: String, newName: String) -> String? {
        guard let start = (0..<min(old.count, new.count)).first(where: { old[$0] != new[$0] }) ?? (old.count == new.count ? nil : min(old.count, new.count)) else {
            return nil
        }
        let (oldEnd, newEnd) = backInStep(old, new, from: start)
        let before = max(0, start - context)
        let oldAfter = min(old.count, oldEnd + context), newAfter = min(new.count, newEnd + context)
        func range(_ from: Int, _ to: Int) -> String { to - from == 1 ? "\(from + 1)" : "\(to > from ? from + 1 : from),\(to - from)" }
        var text = "--- \(oldName)\n+++ \(newName)\n@@ -\(range(before, oldAfter)) +\(range(before, newAfter)) @@\n"
        func line(_ mark: String, _ s: String) -> String { mark + NotebookDocument.content(of: s) + "\n" }
        for i in before..<start { text += line(" ", old[i]) }
        for i in start..<oldEnd { text += line("-", old[i]) }
        for i in start..<newEnd { text += line("+", new[i]) }
        for i in oldEnd..<oldAfter { text += line(" ", old[i]) }
        return text
    }

    /// The first lines `(i, j)` after `start` where `old[i...]` and `new[j...]` agree for ``resync`` lines (or
    /// to their ends), with the smallest `i + j`.
    static func backInStep(_ old: [String], _ new: [String], from start: Int) -> (Int, Int) {
        let total = (old.count - start) + (new.count - start)
        for sum in 0...total {
            let low = max(start, 2 * start + sum - new.count), high = min(old.count, start + sum)
            guard low <= high else { continue }
            for i in low...high {
                let j = 2 * start + sum - i
                guard j >= start, j <= new.count else { continue }
                if agree(old, i, new, j) { return (i, j) }
            }
        }
        return (old.count, new.count)
    }

    private static func agree(_ old: [String], _ i: Int, _ new: [String], _ j: Int) -> Bool {
        let n = min(resync, old.count - i, new.count - j)
        // at the end of one text both must end together
        if n < resync && (old.count - i != new.count - j) { return false }
        return (0..<n).allSatisfy { old[i + $0] == new[j + $0] }
    }
}
