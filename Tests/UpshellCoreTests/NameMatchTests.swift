import Testing
import UpshellCore

/// One rule for finding products by what the analyst typed (every command uses it).
@Suite struct NameMatchTests {
    static let names = ["Laptop sleeve 14in", "Laptop sleeve 16in", "USB-C laptop 14in", "Phone case clear", "Espresso tamper 58mm", ""]
    static let keys = ["CMP-005", "CMP-006", "CMP-004", "ACC-001", "COF-020", "X-1"]

    @Test func exactKeyOrNameIgnoringCase() {
        #expect(NameMatch.find("cmp-004", names: Self.names, keys: Self.keys) == .found(2))
        #expect(NameMatch.find("phone CASE clear", names: Self.names, keys: Self.keys) == .found(3))
        #expect(NameMatch.find("X-1", names: Self.names, keys: Self.keys) == .found(5))
    }

    @Test func oneNameContainingTheTextIsAMatchSeveralAreAmbiguous() {
        #expect(NameMatch.find("tamper", names: Self.names, keys: Self.keys) == .found(4))
        #expect(NameMatch.find("sleeve", names: Self.names, keys: Self.keys) == .ambiguous([0, 1]))
    }

    @Test func suggestionsByEditsByMisspeltStartAndBySharedWords() {
        // one edit from a key
        #expect(NameMatch.find("CMP-04", names: Self.names, keys: Self.keys) == .none(suggestions: ["CMP-004", "CMP-005", "CMP-006"]))
        #expect(NameMatch.suggestions(for: "Phone case claer", names: Self.names, keys: Self.keys) == ["Phone case clear"])
        // misspelt beginning of a longer name
        #expect(NameMatch.suggestions(for: "laptop sleve", names: Self.names, keys: Self.keys) == ["Laptop sleeve 14in", "Laptop sleeve 16in"])
        // a misspelt word shared with names
        #expect(NameMatch.suggestions(for: "Laptpo", names: Self.names, keys: Self.keys).sorted()
                == ["Laptop sleeve 14in", "Laptop sleeve 16in", "USB-C laptop 14in"])
        #expect(NameMatch.suggestions(for: "zzz", names: Self.names, keys: Self.keys).isEmpty)
    }
}
