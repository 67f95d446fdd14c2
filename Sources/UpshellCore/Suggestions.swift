/// Finds the closest names to a misspelt one, for "did you mean" hints.
public enum Suggestions {
    /// Levenshtein distance between two strings, compared case-insensitively by Unicode scalar.
    ///
    /// - Complexity: O(*m* × *n*) time, O(*n*) memory.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidates within `maxDistance` edits of `name` (or that contain it, case-insensitively),
    /// closest first, at most `limit`.
    public static func closest(to name: String, in candidates: some Sequence<String>,
                               maxDistance: Int = 3, limit: Int = 3) -> [String] {
        let needle = name.lowercased()
        var scored: [(Int, String)] = []
        for candidate in candidates {
            let d = editDistance(name, candidate)
            if d <= maxDistance {
                scored.append((d, candidate))
            } else if needle.count >= 3, candidate.lowercased().contains(needle) {
                scored.append((maxDistance + 1, candidate))
            }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return Array(scored.prefix(limit).map(\.1))
    }

    /// "did you mean 'a' or 'b'?" for the closest candidates, or `nil` when none is close.
    public static func didYouMean(_ name: String, in candidates: some Sequence<String>) -> String? {
        // Short words get fewer edits: 'nope' should not suggest 'save'.
        let found = closest(to: name, in: candidates, maxDistance: min(3, max(1, (name.count + 1) / 2)))
        guard !found.isEmpty else { return nil }
        let quoted = found.map { "'\($0)'" }
        if quoted.count == 1 { return "did you mean \(quoted[0])?" }
        return "did you mean \(quoted.dropLast().joined(separator: ", ")) or \(quoted.last!)?"
    }
}
