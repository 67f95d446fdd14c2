import Foundation
import Testing

/// Small files and short functions (STYLE.md): no source file over 400 lines, no function over 80 lines
/// unless it is a hot loop that says why (a comment with `hot loop:` on one of the three lines above its
/// signature, or in its first line).
@Suite struct SourceSizeTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    static func files() throws -> [(name: String, lines: [Substring])] {
        let names = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try names.sorted().map { ($0, try String(contentsOf: sources.appendingPathComponent($0), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)) }
    }

    @Test func noFileOver400Lines() throws {
        let files = try Self.files()
        #expect(files.count > 150, "sources not found under \(Self.sources.path)")
        let long = files.filter { $0.lines.count > 400 }.map { "\($0.name) (\($0.lines.count))" }
        #expect(long.isEmpty, "files over 400 lines: \(long)")
    }

    /// The length of every function body (signature to closing brace), by counting braces.
    static func functions(_ lines: [Substring]) -> [(line: Int, length: Int, explained: Bool)] {
        var found: [(Int, Int, Bool)] = []
        for (i, line) in lines.enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard !t.hasPrefix("//"), t.range(of: #"\b(func|init)\b[^=]*\("#, options: .regularExpression) != nil else { continue }
            var depth = 0, started = false, k = i
            scan: while k < lines.count {
                for ch in lines[k] {
                    if ch == "{" { depth += 1; started = true } else if ch == "}" { depth -= 1 }
                }
                if started && depth <= 0 { break scan }
                if !started && k > i + 5 { break scan }
                k += 1
            }
            guard started else { continue }
            let context = lines[max(0, i - 3)...min(lines.count - 1, i + 1)].joined(separator: "\n")
            found.append((i + 1, k - i + 1, context.contains("hot loop:")))
        }
        return found
    }

    @Test func noFunctionOver80LinesUnlessAHotLoopSaysWhy() throws {
        var long: [String] = []
        for (name, lines) in try Self.files() {
            for f in Self.functions(lines) where f.length > 80 && !f.explained { long.append("\(name):\(f.line) (\(f.length) lines)") }
        }
        #expect(long.isEmpty, "functions over 80 lines: \(long)")
    }
}
