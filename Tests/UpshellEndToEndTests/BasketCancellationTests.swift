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
}
