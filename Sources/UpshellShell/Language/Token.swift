import Foundation

/// One word of a command line after quoting is resolved.
///
/// `"espresso beans 1kg","paper filters"` is one token whose ``text`` is
/// `espresso beans 1kg,paper filters` and whose ``segments`` remember which commas were quoted, so
/// ``listItems`` can split it correctly.
public struct Token: Sendable, Equatable {
    /// A run of characters that was either quoted or not.
    public struct Segment: Sendable, Equatable {
        public var text: String
        public var quoted: Bool
    }

    /// The token's characters with quotes removed and escapes applied.
    public var text: String { segments.map(\.text).joined() }
    /// The quoted and unquoted runs that make up the token.
    public var segments: [Segment]
    /// Character offsets of the token in the command text (for carets under errors).
    public var range: Range<Int>

    public init(segments: [Segment], range: Range<Int>) {
        self.segments = segments
        self.range = range
    }

    /// A bare token built from text (for tests and programmatic calls).
    public init(_ text: String, quoted: Bool = false, at offset: Int = 0) {
        self.segments = [Segment(text: text, quoted: quoted)]
        self.range = offset..<(offset + text.count)
    }

    /// Whether any part of the token was quoted.
    public var wasQuoted: Bool { segments.contains { $0.quoted } }

    /// `key=value` split at the first unquoted `=` when the key is a plain option name
    /// (letters, digits, `-`, `_`), else `nil`.
    public var keyValue: (key: String, value: Token)? {
        guard let first = segments.first, !first.quoted, let eq = first.text.firstIndex(of: "=") else { return nil }
        let key = String(first.text[..<eq])
        guard !key.isEmpty, key.first!.isLetter,
              key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        var rest = segments
        rest[0].text = String(first.text[first.text.index(after: eq)...])
        if rest[0].text.isEmpty && rest.count > 1 { rest.removeFirst() }
        let valueStart = range.lowerBound + key.count + 1
        return (key.lowercased(), Token(segments: rest, range: valueStart..<max(valueStart, range.upperBound)))
    }

    /// The token split at unquoted commas: `a,"b, c",d` → `["a", "b, c", "d"]`. Empty items are dropped.
    public var listItems: [String] {
        var items: [String] = []
        var current = ""
        for segment in segments {
            if segment.quoted { current += segment.text; continue }
            for ch in segment.text {
                if ch == "," {
                    items.append(current)
                    current = ""
                } else {
                    current.append(ch)
                }
            }
        }
        items.append(current)
        return items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
