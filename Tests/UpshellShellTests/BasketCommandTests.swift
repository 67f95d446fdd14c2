import Testing
@testable import UpshellShell

@Suite struct BasketCommandTests {
    func parse(_ text: String, _ spec: CommandSpec) throws -> Arguments {
        try Arguments(spec: spec, command: Lexer.commands(in: text)[0])
    }

    @Test func forceIsAFlagWithOrWithoutDashes() throws {
        #expect(try parse("itemsets force", ItemsetsCommand.spec).flags == ["force"])
        #expect(try parse("itemsets --force closed", ItemsetsCommand.spec).flags == ["force", "closed"])
        #expect(try parse("rules --FORCE", RulesCommand.spec).flags == ["force"])
        // a quoted word is never a flag
        #expect(try parse("itemsets \"--force\"", ItemsetsCommand.spec).positionals.count == 1)
    }

    @Test func thresholdsOutsideTheirRangeAreRefusedBeforeRunning() throws {
        for text in ["rules min-support=0", "rules min-support=100.5%", "pairs min-support=-1%", "rules min-confidence=120%",
                     "pairs top=0", "rules max-size=1", "itemsets closed maximal"] {
            let spec = CommandRegistry.command(named: String(text.split(separator: " ")[0]))!.spec
            let args = try parse(text, spec)
            #expect(throws: LanguageError.self, "\(text)") { _ = try CommandRegistry.command(named: spec.name)!.init(arguments: args) }
        }
        // 100% is a valid support
        _ = try RulesCommand(arguments: parse("rules min-support=100%", RulesCommand.spec))
    }
}
