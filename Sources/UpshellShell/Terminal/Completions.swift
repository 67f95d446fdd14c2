/// What the host offers when the user presses TAB: the word to replace and its possible completions.
///
/// Offsets count Swift `Character`s of the line. Candidates are complete replacement words, already
/// quoted by the host when they contain spaces (`"Crème brûlée"`).
public struct Completions: Sendable, Equatable {
    /// Character offset in the line where the word being completed starts (≤ the cursor).
    public var replaceFrom: Int
    /// Replacements for the text between ``replaceFrom`` and the cursor.
    public var candidates: [String]

    /// Completions replacing the text from `replaceFrom` to the cursor by one of `candidates`.
    public init(replaceFrom: Int, candidates: [String]) {
        self.replaceFrom = replaceFrom
        self.candidates = candidates
    }

    /// Nothing to offer (TAB rings the bell).
    public static func none(at cursor: Int) -> Completions { Completions(replaceFrom: cursor, candidates: []) }
}

/// What one TAB press does to the line, decided from the host's ``Completions`` (pure, testable).
public enum CompletionAction: Equatable, Sendable {
    /// Replace the characters `from..<to` of the line with `text` (cursor ends after `text`).
    case replace(from: Int, to: Int, text: String)
    /// Show these candidates below the prompt, then redraw the prompt and the line.
    case list([String])
    /// Nothing to do: ring the bell.
    case bell

    /// The action for a TAB at character offset `cursor` of `line`.
    ///
    /// One candidate is inserted with a trailing space (none after `/` or `=`, which expect more).
    /// Several insert their longest common prefix when it adds something; otherwise a repeated TAB
    /// (`isRepeatedTab`, same line and cursor as after the previous TAB) lists them, a first one rings.
    public static func plan(line: String, cursor: Int, completions: Completions, isRepeatedTab: Bool)
        -> CompletionAction
    {
        let length = line.count
        let to = min(max(cursor, 0), length)
        let from = min(max(completions.replaceFrom, 0), to)
        let candidates = uniqued(completions.candidates)
        guard let first = candidates.first else { return .bell }
        let word = String(line.dropFirst(from).prefix(to - from))
        if candidates.count == 1 {
            let suffix = first.hasSuffix("/") || first.hasSuffix("=") ? "" : " "
            return .replace(from: from, to: to, text: first + suffix)
        }
        let common = longestCommonPrefix(candidates)
        if common != word && common.count >= word.count && !common.isEmpty {
            return .replace(from: from, to: to, text: common)
        }
        return isRepeatedTab ? .list(candidates) : .bell
    }

    /// The longest string every element starts with (by `Character`); empty for an empty array.
    public static func longestCommonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            var matched = 0
            for (a, b) in zip(prefix, string) {
                if a != b { break }
                matched += 1
            }
            prefix.removeLast(prefix.count - matched)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }

    private static func uniqued(_ strings: [String]) -> [String] {
        var seen = Set<String>()
        return strings.filter { seen.insert($0).inserted }
    }
}

/// Lays out completion candidates in columns, filled top to bottom like `ls`.
public enum CompletionColumns {
    /// Rows of text (no trailing newline) fitting `width` columns; widths count `Character`s.
    /// Columns are separated by two spaces; one column when a candidate is wider than the terminal.
    public static func layout(_ candidates: [String], width: Int) -> [String] {
        guard !candidates.isEmpty else { return [] }
        let cellWidth = (candidates.map(\.count).max() ?? 0) + 2
        let columns = max(1, min(candidates.count, (max(width, 1) + 2) / cellWidth))
        let rows = (candidates.count + columns - 1) / columns
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < candidates.count else { break }
                let item = candidates[index]
                let isLast = column == columns - 1 || index + rows >= candidates.count
                line += isLast ? item : item + String(repeating: " ", count: cellWidth - item.count)
            }
            lines.append(line)
        }
        return lines
    }
}
