import Testing
@testable import UpshellShell

@Suite struct RegistryTests {
    @Test func namesAndAliasesAreUnique() {
        let names = CommandRegistry.names
        #expect(Set(names).count == names.count, "duplicate command names or aliases")
    }

    @Test func everyCommandHasHelpWithAnExample() {
        for type in CommandRegistry.all {
            let spec = type.spec
            #expect(!spec.abstract.isEmpty, "\(spec.name) has no abstract")
            #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
            let showsCommand = spec.examples.contains { example in example.hasPrefix(spec.name) || spec.aliases.contains { example.hasPrefix($0) } }
            #expect(showsCommand, "\(spec.name): an example should show the command")
            let page = HelpCommand.page(spec).blocks
            guard case .text(let text) = page.first else { Issue.record("no help text"); continue }
            for option in spec.options { #expect(text.contains(option.name + "="), "\(spec.name) help misses \(option.name)") }
        }
    }

    @Test func unknownCommandSuggestsTheClosest() {
        let session = Session(console: BufferConsole())
        let console = session.console as! BufferConsole
        let failures = Interpreter(session: session).run("vras")
        #expect(failures == 1)
        #expect(console.stderr.contains("unknown command 'vras'"))
        #expect(console.stderr.contains("did you mean 'vars'?"))
    }
}

@Suite struct ArgumentsTests {
    enum Method: String, CaseIterable, Sendable { case pooled, arcsine }
    static let minSupport = TypedOption.share("min-support", default: "1%", "minimum support")
    static let top = TypedOption.integer("top", "how many")
    static let method = TypedOption<Method>.choice("method", default: "pooled", "formula")
    static let spec = CommandSpec(
        name: "demo", group: .shell, abstract: "test", subcommands: ["size", "analyze"],
        options: [minSupport.spec, top.spec, method.spec],
        flags: [FlagSpec("closed", "closed itemsets only")],
        examples: ["demo size"])

    func parse(_ text: String) throws -> Arguments {
        try Arguments(spec: Self.spec, command: Lexer.commands(in: text)[0])
    }

    @Test func splitsOptionsFlagsAndPositionals() throws {
        let args = try parse("demo size min-support=0.5% closed top=10 extra")
        #expect(try args.value(Self.minSupport) == 0.005)
        #expect(try args.value(Self.top) == 10)
        #expect(args.flags == ["closed"])
        #expect(args.positionals.map(\.text) == ["size", "extra"])
        #expect(try args.subcommand() == "size")
        #expect(try args.value(Self.method) == .pooled)
    }

    /// One declaration gives the help text and the value: the spec shows "1%", reading gives 0.01.
    @Test func defaultsComeFromTheDeclaration() throws {
        #expect(Self.spec.options[0].defaultValue == "1%")
        #expect(try parse("demo size").value(Self.minSupport) == 0.01)
        #expect(try parse("demo size").value(Self.top) == nil)
        #expect(try parse("demo size min-support=2%").text(Self.minSupport) == "2%")
    }

    @Test func badValuesNameTheOptionTheValueAndTheForm() {
        for (text, needle) in [("demo min-support=abc", "option 'min-support' got 'abc': expected a share such as 0.5% or 0.005"),
                               ("demo min-support=0.5%%", "got '0.5%%'"),
                               ("demo top=1.5", "expected a whole number"),
                               ("demo method=exact", "expected one of pooled, arcsine")] {
            do {
                _ = try parse(text)
                Issue.record("no error for \(text)")
            } catch let e as LanguageError {
                #expect(e.message.contains(needle), "\(e.message)")
                #expect(e.range != nil)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func unknownOptionSuggests() {
        do {
            _ = try parse("demo min-suport=1%")
            Issue.record("no error")
        } catch let e as LanguageError {
            #expect(e.message == "unknown option 'min-suport' for 'demo'")
            #expect(e.hint == "did you mean 'min-support'?")
            #expect(e.caretLines == "  demo min-suport=1%\n       ^^^^^^^^^^")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func unknownSubcommandSuggests() throws {
        #expect(throws: LanguageError.self) { try parse("demo sise").subcommand() }
    }

    enum Form: String, CaseIterable { case size, analyze }

    /// The subcommand word as an enum case: the spec's subcommands are the cases' raw values.
    @Test func subcommandAsACase() throws {
        #expect(try parse("demo analyze top=3").subcommand(Form.self) == .analyze)
        #expect(try parse("demo top=3").subcommand(Form.self, default: .size) == .size)
        do {
            _ = try parse("demo sise").subcommand(Form.self)
            Issue.record("no error for 'demo sise'")
        } catch let e as LanguageError {
            #expect(e.message == "'demo' has no form 'sise'")
            #expect(e.hint == "did you mean 'size'?")
        }
    }
}

@Suite struct CompleterTests {
    struct Vocabulary: CompletionVocabulary {
        var datasetNames = ["demo", "retail"]
        var columnNames = ["country", "unit price"]
        var productNames = ["Crème brûlée torch", "mug"]
    }

    @Test func completesCommandsOptionsAndValues() {
        let c = Completer(vocabulary: Vocabulary())
        #expect(c.complete(line: "hel", cursor: 3).candidates == ["help"])
        #expect(c.complete(line: "format c", cursor: 8).candidates == ["csv"])
        #expect(c.complete(line: "format table max", cursor: 16).candidates == ["max-rows="])
        let r = c.complete(line: "help form", cursor: 9)
        #expect(r.replaceFrom == 5)
    }

    /// Completion in context (issue 17): dimensions after `by`, columns → operators → values → and/or inside
    /// `where`, product names after an opening quote.
    @Test func completesFromTheContext() {
        let c = Completer(vocabulary: Vocabulary())
        #expect(c.complete(line: "aov by m", cursor: 8).candidates == ["month"])
        #expect(c.complete(line: "aov by ", cursor: 7).candidates.contains("segment"))
        #expect(c.complete(line: "aov by ", cursor: 7).candidates.contains("week"))
        #expect(c.complete(line: "filter where ", cursor: 13).candidates == Vocabulary().columnNames.map(Completer.quoteIfNeeded).sorted())
        #expect(c.complete(line: "filter where country ", cursor: 21).candidates.contains("between"))
        #expect(c.complete(line: "filter where country = FR ", cursor: 26).candidates == ["and", "or"])
        #expect(c.complete(line: "filter where product = \"Cr", cursor: 26).candidates == ["\"Crème brûlée torch\""])
        #expect(c.complete(line: "pairs for=mug; echo \"m", cursor: 22).candidates == ["\"mug\""])
    }

    @Test func quotesNamesWithSpaces() {
        #expect(Completer.quoteIfNeeded("Crème brûlée torch") == "\"Crème brûlée torch\"")
        #expect(Completer.quoteIfNeeded("mug") == "mug")
    }
}
