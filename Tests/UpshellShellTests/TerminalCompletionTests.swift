import Testing

@testable import UpshellShell

@Suite("TAB completion")
struct TerminalCompletionTests {
    @Test("one candidate replaces the word and adds a space, except after / and =")
    func singleCandidate() {
        #expect(
            CompletionAction.plan(
                line: "hel", cursor: 3, completions: Completions(replaceFrom: 0, candidates: ["help"]),
                isRepeatedTab: false) == .replace(from: 0, to: 3, text: "help "))
        #expect(
            CompletionAction.plan(
                line: "baskets min-s", cursor: 13,
                completions: Completions(replaceFrom: 8, candidates: ["min-support="]), isRepeatedTab: false)
                == .replace(from: 8, to: 13, text: "min-support="))
        #expect(
            CompletionAction.plan(
                line: "load Dat", cursor: 8, completions: Completions(replaceFrom: 5, candidates: ["Datasets/"]),
                isRepeatedTab: false) == .replace(from: 5, to: 8, text: "Datasets/"))
    }

    @Test("offsets count characters, so accented words complete in place")
    func characterOffsets() {
        // "echo Crè|me" with the cursor after "è": the word starts at character 5.
        let action = CompletionAction.plan(
            line: "echo Crème", cursor: 8,
            completions: Completions(replaceFrom: 5, candidates: ["\"Crème brûlée\""]), isRepeatedTab: false)
        #expect(action == .replace(from: 5, to: 8, text: "\"Crème brûlée\" "))
    }

    @Test("several candidates insert their common prefix, then list on a repeated TAB")
    func severalCandidates() {
        let offer = Completions(replaceFrom: 5, candidates: ["\"Crème brûlée\"", "\"Crème fraîche\""])
        #expect(
            CompletionAction.plan(line: "echo \"Cr", cursor: 8, completions: offer, isRepeatedTab: false)
                == .replace(from: 5, to: 8, text: "\"Crème "))
        #expect(
            CompletionAction.plan(line: "echo \"Crème ", cursor: 12, completions: offer, isRepeatedTab: false)
                == .bell)
        #expect(
            CompletionAction.plan(line: "echo \"Crème ", cursor: 12, completions: offer, isRepeatedTab: true)
                == .list(["\"Crème brûlée\"", "\"Crème fraîche\""]))
    }

    @Test("no candidate rings the bell")
    func noCandidate() {
        #expect(CompletionAction.plan(line: "zz", cursor: 2, completions: .none(at: 2), isRepeatedTab: true) == .bell)
    }

    @Test("longest common prefix compares whole characters")
    func commonPrefix() {
        #expect(CompletionAction.longestCommonPrefix(["sleep", "set", "source"]) == "s")
        #expect(CompletionAction.longestCommonPrefix(["Crème", "Crèpe"]) == "Crè")
        #expect(CompletionAction.longestCommonPrefix(["e\u{301}a", "e"]) == "", "é (e + combining accent) ≠ e")
        #expect(CompletionAction.longestCommonPrefix([]) == "")
    }

    @Test("candidates are listed in columns filled top to bottom")
    func columns() {
        let rows = CompletionColumns.layout(["aa", "bb", "cc", "dd", "ee"], width: 12)
        // Cell width 4 ("aa" + 2 spaces); (12 + 2) / 4 = 3 columns; 2 rows.
        #expect(rows == ["aa  cc  ee", "bb  dd"])
        #expect(CompletionColumns.layout(["a-very-long-name"], width: 5) == ["a-very-long-name"])
        #expect(CompletionColumns.layout([], width: 80) == [])
    }

    @Test("the continuation prompt lines up with the main prompt")
    func continuationPrompt() {
        #expect(ReplLoop<NoHost>.continuationPrompt(alignedWith: "[3] upshell> ") == "        ...> ")
        #expect(ReplLoop<NoHost>.continuationPrompt(alignedWith: "> ") == "...> ")
        #expect(NoHost().continuationPrompt() == "         ...> ")
    }
}

/// A host that only gives a prompt, to test the protocol's default continuation prompt.
private final class NoHost: ReplHost {
    func prompt() -> String { "[12] upshell> " }
    func isComplete(_ text: String) -> Bool { true }
    func execute(_ text: String) -> ReplControl { .continue }
    func completions(line: String, cursor: Int) -> Completions { .none(at: cursor) }
}
