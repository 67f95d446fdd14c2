/// Control characters from data (an ESC sequence in a product name can clear a terminal or change its title)
/// shown as visible text, `\u{1B}`, wherever output is for people: tables, charts, reports, and csv or Markdown
/// printed to a terminal. Line feeds and tabs stay as they are; csv and json written to a pipe or a file keep
/// the data exactly.
enum ControlCharacters {
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(s.value)
    }

    /// `text` with every control character but line feed and tab written as `\u{HEX}`.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if isControl(s) { out += "\\u{\(String(s.value, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(s) }
        }
        return out
    }
}
