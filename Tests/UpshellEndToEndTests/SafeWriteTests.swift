import Foundation
import Testing

/// Issue 15: a write that cannot finish (here a file-size limit, `ulimit -f`, standing in for a full disk)
/// is a plain error, the old file stays intact and no temporary file is left; the shell is not killed
/// by SIGXFSZ.
@Suite struct SafeWriteTests {
    @Test func aFailedExportLeavesTheOldFileIntact() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let out = home.appendingPathComponent("pairs.csv").path
        try "old\n".write(toFile: out, atomically: false, encoding: .utf8)
        let demo = UpshellBinary.packageRoot.appendingPathComponent("Datasets/demo").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // 1 block of 512 bytes (dash) or 1 KiB (bash): far less than 300 pairs as CSV
        process.arguments = ["-c", "ulimit -f 1; exec \"$0\" \"$@\"", UpshellBinary.path, "--no-rc", "-c",
                             "load \"\(demo)\" as d brief; pairs top=300; export last \"\(out)\" --force; echo not-reached"]
        process.environment = UpshellBinary.environment(home: home)
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        process.waitUntilExit()
        let stdout = String(decoding: outPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("cannot write '\(out)': the file would exceed the size limit"), "\(stderr)")
        #expect(!stdout.contains("not-reached"))
        #expect((try? String(contentsOfFile: out, encoding: .utf8)) == "old\n")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: home.path)) ?? []
        #expect(!left.contains { $0.contains(".upshell-") }, "\(left)")
    }
}
