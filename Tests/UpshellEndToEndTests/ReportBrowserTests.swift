import Foundation
import Testing

/// The HTML report of the example notebook (`upshell run … -o report.html`) opened in headless Chromium
/// (Debian's `chromium`, installed by Scripts/test and .ci/run): it renders with no console error, one `<svg>`
/// per chart, and names no http:// or https:// URL. A missing chromium fails the test, never skips it. The
/// screenshots are kept as artefacts in `.build/artefacts/`.
@Suite(.serialized) struct ReportBrowserTests {
    static let artefacts = UpshellBinary.packageRoot.appendingPathComponent(".build/artefacts")

    /// `chromium` on PATH, or nil.
    static var chromium: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/chromium" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Browser {
        var status: Int32
        var log: String
        /// Lines where the page wrote to its console (Chromium logs them as `…:INFO:CONSOLE…`).
        var consoleLines: [String] { log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") } }
    }

    /// Runs headless Chromium on `page`, writing a screenshot at a phone's width.
    static func screenshot(_ chromium: String, page: URL, to png: URL) throws -> Browser {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["120", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                             "--enable-logging=stderr", "--v=0", "--window-size=412,2400", "--screenshot=\(png.path)", page.absoluteString]
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = profile.path
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Browser(status: process.terminationStatus, log: String(decoding: data, as: UTF8.self))
    }

    @Test func theExampleReportOpensInChromiumWithoutErrors() throws {
        try FileManager.default.createDirectory(at: Self.artefacts, withIntermediateDirectories: true)
        let report = Self.artefacts.appendingPathComponent("demo_store.html")
        try? FileManager.default.removeItem(at: report)
        let run = try UpshellBinary.run(["run", "Scripts/examples/demo_store.md", "--check", "-o", report.path], in: UpshellBinary.packageRoot)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(!html.contains("http://") && !html.contains("https://"), "the report names an external URL")
        #expect(!html.contains("<script"), "the report needs no script")
        // the notebook draws two charts: 'chart [3] value=aov' and the threshold sweep's curve (its output blocks
        // show them as terminal bars)
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.contains("<td class=\"num\">$102.91</td>"), "numbers right-aligned, money with its currency")
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("@media print"))

        guard let chromium = Self.chromium else {
            Issue.record("chromium is not installed: apt-get install -y chromium (Scripts/test installs it)")
            return
        }
        // the console check works: a page that writes an error to it is caught
        let probe = Self.artefacts.appendingPathComponent("console_probe.html")
        try "<!doctype html><script>console.error('probe')</script>".write(to: probe, atomically: true, encoding: .utf8)
        let control = try Self.screenshot(chromium, page: probe, to: Self.artefacts.appendingPathComponent("console_probe.png"))
        #expect(control.consoleLines.contains { $0.contains("probe") }, "chromium's console log was not seen:\n\(control.log)")

        let png = Self.artefacts.appendingPathComponent("demo_store-phone.png")
        try? FileManager.default.removeItem(at: png)
        let browser = try Self.screenshot(chromium, page: report, to: png)
        #expect(browser.status == 0, "chromium exited with \(browser.status):\n\(browser.log)")
        #expect(browser.consoleLines.isEmpty, "console messages:\n\(browser.consoleLines.joined(separator: "\n"))")
        let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        #expect(size > 10_000, "no screenshot at \(png.path)")
    }

    @Test func anUnwritableReportIsAClearErrorAndLeavesNoFile() throws {
        let target = "/nonexistent-folder/report.html"
        let run = try UpshellBinary.run(["run", "Scripts/examples/demo_store.md", "--check", "-o", target], in: UpshellBinary.packageRoot)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: cannot write the report to '\(target)'"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
