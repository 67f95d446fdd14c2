import Foundation

/// Names the completer offers from the session's data (datasets, columns, products).
public protocol CompletionVocabulary {
    var datasetNames: [String] { get }
    var columnNames: [String] { get }
    var productNames: [String] { get }
    /// The commonest values of column `name` (case-insensitive), for completion after `where name =`;
    /// empty for a column without a dictionary (numbers, dates) or an unknown one.
    func values(ofColumn name: String) -> [String]
    /// Names of the current dataset's segmentations (`rfm`, `lifecycle`, …), offered after `by`.
    var segmentationNames: [String] { get }
}

extension CompletionVocabulary {
    /// By default a vocabulary knows no values.
    public func values(ofColumn name: String) -> [String] { [] }
    /// By default a vocabulary knows no segmentations.
    public var segmentationNames: [String] { [] }
}

/// Completes command words, option names, option values, flags, subcommands, dataset, column and
/// product names, and file paths, from the command registry and the session.
public struct Completer {
    public var vocabulary: CompletionVocabulary?
    public init(vocabulary: CompletionVocabulary?) { self.vocabulary = vocabulary }

    /// Completions for the word that ends at `cursor` (a character offset) in `line`.
    public func complete(line: String, cursor: Int) -> Completions {
        let prefix = Array(line.prefix(cursor))
        // Find the start of the current word, honouring quotes.
        var quote: Character?
        var wordStart = 0
        var commandStart = 0
        for (i, c) in prefix.enumerated() {
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            if c == "\"" || c == "'" { quote = c } else if c == " " || c == "\t" { wordStart = i + 1 } else if c == ";" { wordStart = i + 1; commandStart = i + 1 }
        }
        let word = String(prefix[wordStart...])
        let before = String(prefix[commandStart..<wordStart]).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let commandName = before.first else {
            return Completions(replaceFrom: wordStart, candidates: matching(CommandRegistry.names.filter { !$0.hasPrefix(".") && $0 != "?" }, word))
        }
        guard let type = CommandRegistry.command(named: commandName) else { return Completions(replaceFrom: wordStart, candidates: []) }
        let spec = type.spec

        // An option value: `name=partial`.
        if let eq = word.firstIndex(of: "="), !word.hasPrefix("\""), let option = spec.options.first(where: { $0.name == word[..<eq].lowercased() }) {
            let valueStart = wordStart + word.distance(from: word.startIndex, to: eq) + 1
            let partial = String(word[word.index(after: eq)...])
            return Completions(replaceFrom: valueStart, candidates: values(of: option.kind, partial))
        }

        var candidates: [String] = []
        let positionalIndex = before.dropFirst().filter { !$0.contains("=") && !spec.flags.map(\.name).contains($0) }.count
        let kinds = positionalKinds(spec, index: positionalIndex)
        // a quoted path, dataset or column is the command's own; elsewhere the context decides
        let quotedName = word.hasPrefix("\"") && kinds.contains { [.path, .dataset, .column].contains($0) }
        if !quotedName, let context = contextual(before: before, word: word) {
            return Completions(replaceFrom: wordStart, candidates: Array(Set(matching(context, word))).sorted())
        }
        if positionalIndex == 0, !spec.subcommands.isEmpty {
            candidates += spec.subcommands
        }
        for kind in kinds { candidates += values(of: kind, word, quoteAlways: false) }
        if !word.hasPrefix("\"") {
            candidates += spec.options.map { $0.name + "=" }.filter { c in !before.contains { $0.hasPrefix(c) } }
            candidates += spec.flags.map(\.name).filter { !before.contains($0) }
        }
        return Completions(replaceFrom: wordStart, candidates: Array(Set(matching(candidates, word, alreadyFiltered: kinds.contains(.path)))).sorted())
    }

    private func positionalKinds(_ spec: CommandSpec, index: Int) -> [ValueKind] {
        let offset = spec.subcommands.isEmpty ? 0 : 1
        let i = index - offset
        guard i >= 0 else { return [] }
        if i < spec.positionals.count { return [spec.positionals[i].kind] }
        if let last = spec.positionals.last, last.repeats { return [last.kind] }
        return []
    }

    private func values(of kind: ValueKind, _ partial: String, quoteAlways: Bool = false) -> [String] {
        switch kind {
        case .choice(let words): return matching(words, partial)
        case .boolean: return matching(["on", "off"], partial)
        case .cell: return matching(["last"], partial)
        case .dataset: return matching(vocabulary?.datasetNames ?? [], partial)
        case .column: return matching(vocabulary?.columnNames.map(Self.quoteIfNeeded) ?? [], partial)
        case .product: return matching((vocabulary?.productNames ?? []).map(Self.quoteIfNeeded), partial)
        case .path: return paths(partial)
        default: return []
        }
    }

    /// Candidates that start with `word` (case-insensitive; a leading quote in `word` is matched too).
    private func matching(_ candidates: [String], _ word: String, alreadyFiltered: Bool = false) -> [String] {
        let needle = word.lowercased()
        let bare = needle.hasPrefix("\"") ? String(needle.dropFirst()) : needle
        return candidates.filter { c in
            if alreadyFiltered && c.hasSuffix("/") { return true }
            let lc = c.lowercased()
            return lc.hasPrefix(needle) || (lc.hasPrefix("\"") && lc.dropFirst().hasPrefix(bare)) || (!lc.hasPrefix("\"") && needle.hasPrefix("\"") && lc.hasPrefix(bare))
        }
    }

    /// File names in the directory of `partial` that start with its last component; folders end in `/`.
    private func paths(_ partial: String) -> [String] {
        var raw = partial
        if raw.hasPrefix("\"") { raw.removeFirst() }
        let expanded = (raw as NSString).expandingTildeInPath
        let dir: String, stem: String, shownDir: String
        if raw.hasSuffix("/") {
            dir = expanded; stem = ""; shownDir = raw
        } else if raw.contains("/") {
            dir = (expanded as NSString).deletingLastPathComponent
            stem = (raw as NSString).lastPathComponent
            shownDir = String(raw[...raw.lastIndex(of: "/")!])
        } else {
            dir = "."; stem = raw; shownDir = ""
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "/" : dir) else { return [] }
        return entries.filter { $0.hasPrefix(stem) && (!$0.hasPrefix(".") || stem.hasPrefix(".")) }.sorted().prefix(200).map { name in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent(name), isDirectory: &isDir)
            let full = shownDir + name + (isDir.boolValue ? "/" : "")
            return full.contains(" ") ? "\"" + full + (isDir.boolValue ? "" : "\"") : full
        }
    }

    /// `"Crème brûlée torch"` for names with spaces or commas; others unchanged.
    public static func quoteIfNeeded(_ name: String) -> String {
        name.contains(where: { $0 == " " || $0 == "," || $0 == "=" || $0 == "'" }) ? "\"" + name.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : name
    }
}
