import Foundation
import Testing
@testable import UpshellShell

/// The command layer's structure: every command type is registered and no `run` reads raw arguments.
/// (That every help example runs is checked end to end, by `HelpExampleTests`.)
@Suite struct CommandLayerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shellSources = root.appendingPathComponent("Sources/UpshellShell")

    /// Every Swift file of UpshellShell with its text.
    static func sources() throws -> [(name: String, text: String)] {
        let files = FileManager.default.enumerator(atPath: shellSources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try files.sorted().map { ($0, try String(contentsOf: shellSources.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Every command type: the registry's and their forms.
    static var allCommandTypes: [any ShellCommand.Type] {
        CommandRegistry.all + CommandRegistry.all.flatMap { ($0 as? any CommandWithForms.Type)?.forms ?? [] }
    }

    @Test func sourcesAreFound() throws {
        #expect(try Self.sources().count > 50, "UpshellShell sources not found under \(Self.shellSources.path)")
    }

    /// A type declared `: ShellCommand` (or a protocol refining it) that neither the registry nor a parent's
    /// forms list is dead code or a forgotten registration.
    @Test func everyCommandTypeIsRegistered() throws {
        let pattern = try Regex(#"(?:struct|final class|class|enum)\s+(\w+)\s*:\s*(?:ShellCommand|CommandWithForms|ScopedCommand|PricingForm|DiscountForm|MetricQueryCommand)\b"#)
        var declared: Set<String> = []
        for (_, text) in try Self.sources() {
            for match in text.matches(of: pattern) { declared.insert(String(text[match.output[1].range!])) }
        }
        let registered = Set(Self.allCommandTypes.map { String(describing: $0) })
        #expect(declared.count >= 40, "found only \(declared.count) command declarations")
        #expect(declared.subtracting(registered).isEmpty, "declared but not registered: \(declared.subtracting(registered).sorted())")
    }

    /// Commands that read orders (they take `data=`) get them from the interpreter's scope stage: they are
    /// `ScopedCommand`s, so no command resolves datasets, filters or segments itself. The exceptions read a
    /// dataset for something other than its orders.
    @Test func commandsThatReadOrdersAreScoped() throws {
        let notOrders: Set<String> = [
            // Their data is optional (they work without any dataset when daily= and sd= are given), which the
            // scope stage does not express yet: 'abtest size' reads the daily order volume, 'abtest size aov'
            // also the order values of data= or segment= (its own segment lookup, a twin of Session.resolve).
            "abtest size aov",
            "abtest size",
        ]
        var unscoped: [String] = []
        for type in Self.allCommandTypes where !(type is any CommandWithForms.Type) {
            let spec = type.spec
            guard spec.options.contains(where: { $0.name == "data" }), !notOrders.contains(spec.name) else { continue }
            if !(type is any ScopedCommand.Type) { unscoped.append(spec.name) }
        }
        #expect(unscoped.isEmpty, "take data= but resolve it themselves: \(unscoped)")
        #expect(Self.allCommandTypes.filter { $0 is any ScopedCommand.Type }.count >= 25)
    }

    /// `run` works on the typed fields `init` filled: the body of `func run(in session:` never names
    /// `arguments` (errors found while running use `ArgumentPlaces`).
    @Test func noRunReadsRawArguments() throws {
        var offenders: [String] = []
        for (name, text) in try Self.sources() {
            var rest = Substring(text)
            while let start = rest.range(of: "func run(in session: Session") {
                // the body: from the first `{` after the signature to its matching `}`
                guard let open = rest[start.upperBound...].firstIndex(of: "{") else { break }
                var depth = 0, index = open
                repeat {
                    if rest[index] == "{" { depth += 1 } else if rest[index] == "}" { depth -= 1 }
                    index = rest.index(after: index)
                } while depth > 0 && index < rest.endIndex
                if rest[open..<index].contains("arguments") { offenders.append(name) }
                rest = rest[index...]
            }
        }
        #expect(offenders.isEmpty, "run reads raw arguments in: \(offenders)")
    }

    /// No type keeps the raw `Arguments` to read later: `init` turns them into typed fields.
    @Test func noTypeKeepsRawArguments() throws {
        let keepers = try Self.sources().filter { $0.text.contains("let arguments: Arguments") || $0.text.contains("var arguments: Arguments") }
        #expect(keepers.isEmpty, "keeps raw Arguments: \(keepers.map(\.name))")
    }

    /// Help cites only files the project ships (a user has no `../shared/`): every `NAME.md`, `.csv`, `.out`
    /// or `.txt` named in a command's help exists under the project root.
    @Test func helpCitesOnlyShippedFiles() throws {
        let pattern = try Regex(#"[\w./-]+\.(?:md|csv|out|txt)\b"#)
        var missing: [String] = []
        var cited = 0
        for type in Self.allCommandTypes {
            let spec = type.spec
            let text = ([spec.abstract, spec.discussion] + spec.synopsis).joined(separator: " ")
            for match in text.matches(of: pattern) {
                let path = String(text[match.range])
                // a bare data file name is an example argument (orders.csv); documents are always citations
                guard path.contains("/") || path.hasSuffix(".md") else { continue }
                cited += 1
                if !FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(path).path) { missing.append("\(spec.name): \(path)") }
            }
        }
        #expect(cited >= 5, "the pricing commands cite docs/MODELS.md; found \(cited) citations")
        #expect(missing.isEmpty, "help cites files the project does not ship: \(missing)")
    }

    static let interactiveOnly: Set<String> = ["quit", "exit", "sleep 1"]
}
