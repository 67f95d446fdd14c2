import Testing
@testable import UpshellShell

/// The XDG Base Directory Specification: an absolute `$XDG_*_HOME` wins, a relative one is ignored, else
/// `$HOME` + the default (`.config`, `.local/state`).
@Suite struct XDGPathsTests {
    @Test func absoluteVariableWinsRelativeIsIgnored() {
        let env = ["XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "relative/state", "HOME": "/h"]
        #expect(XDGPaths.directory(.config, lookup: { env[$0] }) == "/c")
        #expect(XDGPaths.directory(.state, lookup: { env[$0] }) == "/h/.local/state")
    }

    @Test func homeFallbackAndNothing() {
        #expect(XDGPaths.directory(.config, lookup: { ["HOME": "/h"][$0] }) == "/h/.config")
        #expect(XDGPaths.directory(.state, lookup: { _ in nil }) == nil)
        #expect(XDGPaths.directory(.state, lookup: { ["HOME": ""][$0] }) == nil)
    }
}
