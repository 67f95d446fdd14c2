import Foundation
import Testing
@testable import UpshellCore

/// Issue 15: exports overwrote without a word, reset mode 0600 to 0644, replaced a symbolic link by a plain
/// file and failed with "NSCocoaErrorDomain error 512". ``SafeFile`` refuses, keeps, writes through and
/// says plainly.
@Suite struct SafeFileTests {
    let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("safefile-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
    func mode(_ path: String) -> Int? { (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int }
    func leftovers() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".upshell-") }
    }

    @Test func aNewFileIsWrittenWholeWithTheUsualMode() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new.csv").path
        let written = try SafeFile.write(Array("a,b\n".utf8), to: path, overwrite: false)
        #expect(contents(path) == "a,b\n")
        #expect(written == SafeFile.Written(file: path, throughLink: false, replaced: false))
        let mask = umask(0o022); umask(mask)
        #expect(mode(path) == Int(0o666 & ~mask))
        #expect(leftovers().isEmpty)
    }

    @Test func anExistingFileNeedsOverwriteAndKeepsItsMode() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.csv").path
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        #expect(throws: SafeFileError.exists(path: path)) { try SafeFile.write(Array("new\n".utf8), to: path, overwrite: false) }
        #expect(contents(path) == "old\n")
        let written = try SafeFile.write(Array("new\n".utf8), to: path, overwrite: true)
        #expect(written.replaced && contents(path) == "new\n")
        #expect(mode(path) == 0o600)
        #expect(SafeFileError.exists(path: path).hint?.contains("--force") == true)
    }

    @Test func aSymbolicLinkIsWrittenThroughAndStaysALink() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.csv").path
        let link = folder.appendingPathComponent("link.csv").path
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let written = try SafeFile.write(Array("new\n".utf8), to: link, overwrite: true)
        #expect(written.throughLink && written.file.hasSuffix("/target.csv"))
        #expect(contents(target) == "new\n")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == target)
    }

    @Test func plainErrorsForFoldersAndMissingFolders() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: SafeFileError.isDirectory(path: folder.path)) { try SafeFile.write([1], to: folder.path, overwrite: true) }
        let missing = folder.appendingPathComponent("no/such/x.csv").path
        do {
            try SafeFile.write([1], to: missing, overwrite: false)
            Issue.record("wrote into a missing folder")
        } catch {
            #expect(error.message == "cannot write '\(missing)': there is no folder '\(folder.path)/no/such'")
        }
    }
}

/// `UPSHELL_MEMORY_LIMIT`'s spelling: 64M is 64 × 2^20 bytes, 2G 2 × 2^30, a bare number bytes.
@Suite struct MemoryGuardTests {
    @Test func capsAreReadInBinaryUnits() {
        #expect(MemoryGuard.parseBytes("64M") == 67_108_864)
        #expect(MemoryGuard.parseBytes("2g") == 2_147_483_648)
        #expect(MemoryGuard.parseBytes("1.5K") == 1_536)
        #expect(MemoryGuard.parseBytes("1048576") == 1_048_576)
        #expect(MemoryGuard.parseBytes("lots") == nil && MemoryGuard.parseBytes("-5") == nil)
        #expect(MemoryGuard.describe(67_108_864) == "67 MB" && MemoryGuard.describe(7.7e9) == "7.7 GB")
    }
}
