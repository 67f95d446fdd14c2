import Foundation
import Testing
@testable import UpshellShell

/// A stream that ends early: the server goes away mid-stream, or the user presses Ctrl-C (the server's query is
/// cancelled too).
@Suite(.serialized) struct InterruptionTests {
    /// The backend terminates itself (pg_terminate_backend of its own pid, SQLSTATE 57P01) after the first rows.
    @Test func serverGoneMidStreamRegistersNothing() throws {
        guard let url = TestServer.url() else { return }
        let query = "SELECT o.*, CASE WHEN o.order_id = 110000 THEN pg_terminate_backend(pg_backend_pid()) END AS stop FROM orders o"
        let err = PostgresBadInputTests.failure("load \(url) query=\"\(query)\"")
        #expect(err.contains("ended after"), "\(err)")
        #expect(err.contains("nothing was loaded"))
    }

    /// The real binary, SIGINT 1.5 s into a query that sleeps 30 s on the server: exit 130 within seconds, and the
    /// server no longer runs the query (pg_stat_activity, read with psql).
    @Test func ctrlCCancelsTheServerQuery() throws {
        guard let url = TestServer.url() else { return }
        let marker = "upshell_cancel_\(UInt32.random(in: 0..<UInt32.max))"
        let query = "SELECT o.*, '\(marker)' AS mark FROM orders o, pg_sleep(30)"
        let (status, stderr, elapsed) = try Self.interrupted("load \(url) query=\"\(query)\" as slow", after: 1.5) {
            #expect(Self.serverRuns(marker, url: url), "the query runs on the server before Ctrl-C")
        }
        #expect(status == 130, "\(stderr)")
        #expect(stderr.contains("cancelled"), "\(stderr)")
        #expect(elapsed < 15, "stopped after \(elapsed) s, not after the 30 s sleep")
        #expect(!Self.serverRuns(marker, url: url), "the server still runs the query")
    }

    /// Runs the real binary with `-c commands`, calls `beforeInterrupt` after `seconds`, sends SIGINT and waits:
    /// the exit status, standard error and seconds from start to exit.
    static func interrupted(_ commands: String, after seconds: Double, beforeInterrupt: () -> Void) throws
        -> (status: Int32, stderr: String, elapsed: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-c", commands]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        beforeInterrupt()
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let elapsed = Date().timeIntervalSince(started)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, stderr, elapsed)
    }

    /// Whether a backend other than psql's runs a query containing `marker` (psql on PATH).
    static func serverRuns(_ marker: String, url: String) -> Bool {
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        psql.arguments = ["psql", url, "-X", "-At", "-c",
                          "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%\(marker)%' AND pid <> pg_backend_pid()"]
        let out = Pipe()
        psql.standardOutput = out
        do { try psql.run() } catch {
            Issue.record("psql is needed for this test: \(error)")
            return false
        }
        psql.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (Int(text) ?? 0) > 0
    }

    /// The built `upshell` beside the test bundle.
    static var binary: String {
        if let env = ProcessInfo.processInfo.environment["UPSHELL_BINARY"] { return env }
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("upshell").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return TestServer.root.appendingPathComponent(".build/debug/upshell").path
    }
}
