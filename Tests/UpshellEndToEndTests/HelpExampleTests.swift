import Foundation
import Testing
@testable import UpshellShell

/// Every example that `help` shows, run through the real binary on the demo store: a failing example is a
/// broken promise. Each command's examples run in order in one session, after a prelude that gives them what
/// they refer to (result cells, the variables `threshold` and `product`, a segmentation, a script file),
/// in a fresh folder holding `Datasets/` and an `orders.csv` (examples that write files write there).
@Suite struct HelpExampleTests {
    /// Every command and every form, by name.
    static var commands: [String] {
        commandTypes.map { $0.spec.name }
    }

    static var commandTypes: [any ShellCommand.Type] {
        CommandRegistry.all + CommandRegistry.all.flatMap { ($0 as? any CommandWithForms.Type)?.forms ?? [] }
    }

    /// What examples may refer to: cells [4] (aov by month), [5] (pairs), [6] (orders by month) — [1]–[3] are the
    /// demo load and the two sets, which keep no result —, `$threshold`, `$product`, an RFM segmentation, weekly.ups.
    static let prelude = """
        set threshold = 50
        set product = "Crème brûlée torch"
        aov by month
        pairs top=5
        orders by month
        segment rfm
        """

    /// Examples that end or hold the session by design, and those that need a database server (`explain load
    /// postgres://…`: UpshellPostgresTests/PushdownTests runs it against the test server).
    static let notRun = Set(["quit", "exit"] + ExplainCommand.spec.examples)

    /// The files examples name, as a user in the project folder has them: `Datasets/` (the demo store and the
    /// public datasets) and an `orders.csv` (the demo's first 200 order lines).
    static func writeDataFiles(in folder: URL) throws {
        let datasets = UpshellBinary.packageRoot.appendingPathComponent("Datasets")
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("Datasets"), withDestinationURL: datasets)
        let orders = try String(contentsOf: datasets.appendingPathComponent("demo/orders.csv"), encoding: .utf8)
        let head = orders.split(separator: "\n", omittingEmptySubsequences: false).prefix(201).joined(separator: "\n") + "\n"
        try head.write(to: folder.appendingPathComponent("orders.csv"), atomically: true, encoding: .utf8)
    }

    @Test func everyCommandHasExamples() {
        #expect(Self.commands.count >= 47)
        for type in Self.commandTypes { #expect(!type.spec.examples.isEmpty, "\(type.spec.name) has no example") }
    }

    @Test(arguments: HelpExampleTests.commands)
    func examplesRun(_ command: String) throws {
        let type = try #require(Self.commandTypes.first { $0.spec.name == command })
        let examples = type.spec.examples.filter { !Self.notRun.contains($0) }
        guard !examples.isEmpty else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "aov\n".write(to: folder.appendingPathComponent("weekly.ups"), atomically: true, encoding: .utf8)
        try Self.writeDataFiles(in: folder)
        let script = Self.prelude + "\n" + examples.map { "echo \"example: \($0.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "$", with: "$$"))\"\n\($0)" }.joined(separator: "\n") + "\n"
        try script.write(to: folder.appendingPathComponent("examples.ups"), atomically: true, encoding: .utf8)
        let result = try UpshellBinary.run(["--no-rc", "--demo", "-f", "examples.ups"], in: folder)
        let failed = result.stdout.components(separatedBy: "example: ").last?.components(separatedBy: "\n").first ?? "?"
        #expect(result.status == 0, "'\(command)': example '\(failed)' failed:\n\(result.stderr)")
    }

    /// The README's sample session runs on the demo store (its `load orders.csv` stands for the analyst's own
    /// file: the demo store is loaded instead), every command succeeds, and the `rules … then=` line finds rules.
    @Test func readmeSessionRunsOnTheDemoStore() throws {
        let readme = try String(contentsOf: UpshellBinary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = readme.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("["), let prompt = line.range(of: "upshell> ") else { return nil }
            let command = line[prompt.upperBound...].components(separatedBy: "   #").first!.trimmingCharacters(in: .whitespaces)
            return command.hasPrefix("load ") ? nil : command
        }
        #expect(commands.count >= 8, "README sample session not found")
        #expect(commands.contains { $0.hasPrefix("rules ") && $0.contains("then=") })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try (commands.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("readme.ups"), atomically: true, encoding: .utf8)
        let result = try UpshellBinary.run(["--no-rc", "--demo", "-f", "readme.ups"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("no rule passes"), "the README's rules example finds no rule on the demo store")
        #expect(result.stdout.contains("Laptop sleeve 14in"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("pairs.csv").path))
    }
}
