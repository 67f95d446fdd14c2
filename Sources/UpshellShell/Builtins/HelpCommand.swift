import UpshellCore

/// `help` and `help COMMAND`: commands by group; a command's usage, options, flags and examples.
public struct HelpCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "help", aliases: ["?", "man"], group: .shell,
        abstract: "list commands by group, or explain one command with its options and examples",
        positionals: [PositionalSpec("command", .text, optional: true, "the command to explain"),
                      PositionalSpec("form", .text, optional: true, "a form of it (help clv fit)")],
        examples: ["help", "help pairs", "help clv fit"])

    /// The command to explain, as typed; nil: the overview.
    let topic: String?
    /// The form of the command to explain (`help clv fit`), as typed.
    let form: String?
    let places: ArgumentPlaces

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 2)
        topic = arguments.positionals.first?.text
        form = arguments.positionals.count > 1 ? arguments.positionals[1].text : nil
        places = arguments.places
    }

    public func run(in session: Session) throws -> CommandOutput {
        guard let topic else { return Self.overview() }
        guard let type = CommandRegistry.command(named: topic) else {
            throw places.error("no help for '\(topic)': there is no such command", positional: 0,
                               hint: Suggestions.didYouMean(topic, in: CommandRegistry.all.map { $0.spec.name }) ?? "'help' lists the commands")
        }
        guard let form else { return Self.page(type.spec) }
        let forms = (type as? any CommandWithForms.Type)?.forms ?? []
        let words = forms.map { String($0.spec.name.split(separator: " ").dropFirst().joined(separator: " ")) }
        guard let index = words.firstIndex(where: { $0 == form.lowercased() }) else {
            throw places.error("'\(type.spec.name)' has no form '\(form)'", positional: 1,
                               hint: words.isEmpty ? "'help \(type.spec.name)' explains it" : Suggestions.didYouMean(form, in: words) ?? "forms: " + words.joined(separator: ", "))
        }
        return Self.page(forms[index].spec)
    }

    static func overview() -> CommandOutput {
        var text = "upshell — answers about orders, baskets, customers, prices and tests.\n"
        for group in CommandGroup.allCases {
            let specs = CommandRegistry.all.map { $0.spec }.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            text += "\n\(group.rawValue)\n"
            let width = specs.map(\.name.count).max() ?? 0
            for spec in specs {
                text += "  " + spec.name + String(repeating: " ", count: width - spec.name.count) + "  " + spec.abstract + "\n"
            }
        }
        text += "\n'help COMMAND' explains a command. Options are written name=value; shares as 0.5% or 0.005;"
        text += "\nmoney as $50; ranges as 20..100; cells as [7] or last. Ctrl-C cancels a running command."
        return .text(text)
    }

    /// Breaks a paragraph into lines of at most `width` characters at spaces.
    static func wrap(_ paragraph: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// The help page of one command.
    static func page(_ spec: CommandSpec) -> CommandOutput {
        var text = "\(spec.name) — \(spec.abstract)\n\nUsage:\n"
        for line in spec.usage { text += "  \(line)\n" }
        if !spec.aliases.isEmpty { text += "\nAliases: \(spec.aliases.joined(separator: ", "))\n" }
        if !spec.discussion.isEmpty {
            text += "\n" + spec.discussion.components(separatedBy: "\n").map { wrap($0, width: 100) }.joined(separator: "\n") + "\n"
        }
        if !spec.positionals.isEmpty {
            text += "\nArguments:\n"
            let width = spec.positionals.map { $0.name.count }.max() ?? 0
            for p in spec.positionals {
                text += "  \(p.name.uppercased())\(String(repeating: " ", count: width - p.name.count))  \(p.help)\n"
            }
        }
        if !spec.options.isEmpty {
            text += "\nOptions:\n"
            let labels = spec.options.map { "\($0.name)=\($0.kind.placeholder)" }
            let width = labels.map(\.count).max() ?? 0
            for (label, option) in zip(labels, spec.options) {
                var line = "  \(label)\(String(repeating: " ", count: width - label.count))  \(option.help)"
                if let d = option.defaultValue { line += " (default \(d))" }
                text += line + "\n"
            }
        }
        if !spec.flags.isEmpty {
            text += "\nFlags:\n"
            let width = spec.flags.map(\.name.count).max() ?? 0
            for f in spec.flags { text += "  \(f.name)\(String(repeating: " ", count: width - f.name.count))  \(f.help)\n" }
        }
        text += "\nExamples:\n"
        for e in spec.examples { text += "  \(e)\n" }
        return .text(String(text.dropLast()))
    }
}
