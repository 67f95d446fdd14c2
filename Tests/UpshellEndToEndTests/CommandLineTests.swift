import Foundation
import Testing

/// The executable's flags, exit codes and non-interactive input, through the real binary.
@Suite struct CommandLineTests {
    let here = FileManager.default.temporaryDirectory

    func run(_ args: [String], stdin: String = "") throws -> UpshellBinary.Result {
        try UpshellBinary.run(args, in: here, stdin: Data(stdin.utf8))
    }

    @Test func versionAndHelpExitZero() throws {
        let version = try run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--keep-going"))
        #expect(help.stdout.contains("-c, --command"))
    }

    @Test func usageErrorsExitTwo() throws {
        for args in [["--bogus"], ["--format", "xml", "-c", "help"], ["-f", "/nonexistent/script.ups"], ["-f", "/tmp"], ["-D", "novalue", "-c", "help"]] {
            let r = try run(args)
            #expect(r.status == 2, "\(args) gave \(r.status)")
            #expect(r.stderr.hasPrefix("error: "), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func commandsFromDashC() throws {
        let r = try run(["-c", "set x = 2; echo \"x=$x\"", "-D", "y=3"])
        #expect(r.status == 0)
        #expect(r.stdout == "x=2\n")
        let failing = try run(["-c", "echo a; bogus; echo b"])
        #expect(failing.status == 1)
        #expect(failing.stdout == "a\n")
        #expect(failing.stderr.hasPrefix("-c:1: unknown command 'bogus'"))
    }

    @Test func definitionsReachTheScript() throws {
        let r = try run(["-D", "threshold=50", "-Dname=Crème brûlée", "-c", "echo $threshold $name"])
        #expect(r.stdout == "50 Crème brûlée\n")
    }

    @Test func formatFlagMakesCSVAndJSONParseable() throws {
        let csv = try run(["--format", "csv", "-c", "set a = 1; vars"])
        #expect(csv.stdout == "name,value\na,1\n")
        let json = try run(["--format", "json", "-c", "set a = 1; vars"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let tables = object?["tables"] as? [[String: Any]]
        let rows = tables?.first?["rows"] as? [[String: Any]]
        #expect(rows?.first?["value"] as? String == "1")
    }

    @Test func pipedStdinRunsWithoutALineEditor() throws {
        let r = try run([], stdin: "echo piped\nset v = 1\necho $v\n")
        #expect(r.status == 0)
        #expect(r.stdout == "piped\n1\n")
        #expect(!r.stdout.contains("upshell>"), "no prompt when stdin is not a terminal")
    }

    @Test func aOneMegabyteLineIsHandled() throws {
        let long = String(repeating: "x", count: 1_000_000)
        let r = try run([], stdin: "echo \(long)\necho done\n" + long + "\n")
        #expect(r.status == 1)
        #expect(r.stdout.hasSuffix("done\n"))
        #expect(r.stdout.count == 1_000_006)
        #expect(r.stderr.contains("unknown command 'xxxxxxxx"))
        #expect(r.stderr.count < 500, "the error must not repeat the whole line")
    }

    @Test func keepGoingRunsEverythingAndStillFails() throws {
        let r = try run(["--keep-going", "-c", "bogus; echo after"])
        #expect(r.status == 1)
        #expect(r.stdout == "after\n")
    }

    @Test func noColorWhenPiped() throws {
        let r = try run(["-c", "bogus"])
        #expect(!r.stderr.contains("\u{1B}["))
    }
}
