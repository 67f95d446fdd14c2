/// How commands find a product (or item, category, brand) the analyst typed: one rule for every command.
///
/// Order of tries: exact key or name (case-insensitive); else the only name containing the text; else
/// nothing, with suggestions: names and keys within a few edits, then names whose beginning is a
/// misspelling of the text (`laptop sleve` → `Laptop sleeve 14in`), then names sharing the most words
/// with it (`Laptpo sleeve` → the sleeves).
public enum NameMatch {
    /// What a lookup found.
    public enum Outcome: Equatable, Sendable {
        /// The index of the one match.
        case found(Int)
        /// Several names contain the text: their indices, in catalogue order.
        case ambiguous([Int])
        /// No match: the closest names (or keys), best first.
        case none(suggestions: [String])
    }

    /// Finds `text` among entries `0..<names.count` with display `names` and identifying `keys`
    /// (same length; a key may equal its name).
    public static func find(_ text: String, names: [String], keys: [String], limit: Int = 3) -> Outcome {
        let needle = text.lowercased()
        if let k = keys.firstIndex(of: text) ?? names.firstIndex(of: text) { return .found(k) }
        if let k = keys.firstIndex(where: { $0.lowercased() == needle }) ?? names.firstIndex(where: { $0.lowercased() == needle }) {
            return .found(k)
        }
        let containing = names.indices.filter { !names[$0].isEmpty && names[$0].lowercased().contains(needle) }
        if containing.count == 1 { return .found(containing[0]) }
        if containing.count > 1 { return .ambiguous(containing) }
        return .none(suggestions: suggestions(for: text, names: names, keys: keys, limit: limit))
    }

    /// The closest names to `text` that did not match it, best first (see the type's rule).
    public static func suggestions(for text: String, names: [String], keys: [String], limit: Int = 3) -> [String] {
        let shown = names.filter { !$0.isEmpty }
        let close = Suggestions.closest(to: text, in: shown + keys.filter { !shown.contains($0) },
                                        maxDistance: min(3, max(1, (text.count + 1) / 2)), limit: limit)
        if !close.isEmpty { return close }
        if text.count >= 4 {
            let allowed = max(1, text.count / 4)
            let starts = shown.filter { Suggestions.editDistance(text, String($0.prefix(text.count + 1))) <= allowed }
            if !starts.isEmpty { return Array(starts.prefix(limit)) }
        }
        let words = Set(text.lowercased().split(separator: " ").map(String.init).filter { $0.count >= 3 })
        guard !words.isEmpty else { return [] }
        let scored = shown.map { name -> (String, Int) in
            let nameWords = name.lowercased().split(separator: " ").map(String.init)
            let hits = words.filter { w in nameWords.contains { $0 == w || Suggestions.editDistance($0, w) <= (w.count >= 5 ? 2 : 1) } }.count
            return (name, hits)
        }
        return Array(scored.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(limit).map(\.0))
    }
}
