import Foundation
import Testing

/// Ctrl-C (SIGINT) stops a long itemset search promptly in a script, reporting "cancelled"; the script
/// stops there (the next command never runs) with exit status 130, as shells report an interrupt.
@Suite struct BasketCancellationTests {
    @Test func interruptStopsAnExplodingSearch() throws {
        let folder = UpshellBinary.packageRoot.appendingPathComponent("Tests/UpshellEndToEndTests/Transcripts")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: UpshellBinary.path)
        // two baskets of 40 items: 2^40 itemsets; 'force' skips the estimate, so only Ctrl-C ends it
        process.arguments = ["--no-rc", "-c", "load bad/long_baskets.csv as long format=baskets brief; itemsets min-support=50% force; echo after-the-interrupt"]
        process.currentDirectoryURL = folder
        process.environment = UpshellBinary.environment(home: home)
        let errPipe = Pipe()
        process.standardError = errPipe
        let outPipe = Pipe()
        process.standardOutput = outPipe
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning, "the search should still be running")
        let sent = Date()
        process.interrupt()
        process.waitUntilExit()
        let took = Date().timeIntervalSince(sent)
        let stderr = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(took < 2, "took \(took) s to stop")
        #expect(stderr.contains("cancelled"))
        let stdout = String(decoding: outPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!stdout.contains("after-the-interrupt"))
        #expect(process.terminationStatus == 130)
    }

    /// Issue 15: the interrupt flag was reset before the next command, so a Ctrl-C that arrived between
    /// commands (here while the script is still being read from stdin) was swallowed and the script ran on
    /// to exit 0. Now no command runs after it and the exit status is 130.
    @Test func anInterruptBetweenCommandsIsNotSwallowed() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: UpshellBinary.path)
        process.arguments = ["--no-rc"]
        process.environment = UpshellBinary.environment(home: home)
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        Thread.sleep(forTimeInterval: 0.5)
        process.interrupt()
        Thread.sleep(forTimeInterval: 0.2)
        inPipe.fileHandleForWriting.write(Data("echo one\necho two\n".utf8))
        try inPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        let stdout = String(decoding: outPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!stdout.contains("one") && !stdout.contains("two"), "\(stdout)")
        #expect(stderr.contains("cancelled"))
        #expect(process.terminationStatus == 130)
    }

    /// Issue 15 item 4: with force, the 2^40-itemset search used to run until memory ran out. Under a memory
    /// cap (UPSHELL_MEMORY_LIMIT=64M: 0.8 × 64 MiB / 21 B ≈ 2.6 million itemsets) it is refused with the memory
    /// it needs, the session goes on, and a load that would not fit is refused the same way.
    @Test func theMemoryGuardRefusesWhatWouldNotFit() throws {
        let folder = UpshellBinary.packageRoot.appendingPathComponent("Tests/UpshellEndToEndTests/Transcripts")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: UpshellBinary.path)
        process.arguments = ["--no-rc", "--keep-going", "-c",
                             "load bad/long_baskets.csv as long format=baskets brief; itemsets min-support=50% force; echo still-here"]
        process.currentDirectoryURL = folder
        var environment = UpshellBinary.environment(home: home)
        environment["UPSHELL_MEMORY_LIMIT"] = "64M"
        process.environment = environment
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        let started = Date()
        try process.run()
        process.waitUntilExit()
        let stdout = String(decoding: outPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(stderr.contains("needing about") && stderr.contains("of memory; 67 MB is available"), "\(stderr)")
        #expect(stdout.contains("still-here"))
        #expect(process.terminationStatus == 1)
    }
}

