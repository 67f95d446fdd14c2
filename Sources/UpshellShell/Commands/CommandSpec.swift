/// The groups `help` lists commands under, in this order.
public enum CommandGroup: String, CaseIterable, Sendable {
    case data = "Data"
    case metrics = "Metrics"
    case baskets = "Baskets"
    case offers = "Offers and recommendations"
    case segments = "Segments and lifetime value"
    case pricing = "Pricing what-ifs"
    case experiments = "Experiments"
    case output = "Results and output"
    case shell = "Shell"
}

/// A `name=value` option of a command.
public struct OptionSpec: Sendable {
    public var name: String
    public var kind: ValueKind
    /// The default shown in help (`nil` when the option is optional without a default).
    public var defaultValue: String?
    public var help: String

    public init(_ name: String, _ kind: ValueKind, default defaultValue: String? = nil, _ help: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
    }
}

/// A bare word that switches something on (`closed`, `relative`).
public struct FlagSpec: Sendable {
    public var name: String
    public var help: String
    public init(_ name: String, _ help: String) {
        self.name = name
        self.help = help
    }
}

/// A positional argument, for help and completion.
public struct PositionalSpec: Sendable {
    public var name: String
    public var kind: ValueKind
    public var help: String
    public var optional: Bool
    /// Whether it may repeat (`load FILE…`).
    public var repeats: Bool

    public init(_ name: String, _ kind: ValueKind, optional: Bool = false, repeats: Bool = false, _ help: String) {
        self.name = name
        self.kind = kind
        self.help = help
        self.optional = optional
        self.repeats = repeats
    }
}

/// Everything the shell knows about a command without running it: help, completion and argument
/// checking all read this.
public struct CommandSpec: Sendable {
    public var name: String
    public var aliases: [String] = []
    public var group: CommandGroup
    /// One line: what the command answers.
    public var abstract: String
    /// Usage line(s), e.g. `pairs [top=N] [min-support=SHARE] …`. Derived from the options when empty.
    public var synopsis: [String] = []
    /// Longer explanation: definitions, formulas, assumptions.
    public var discussion: String = ""
    /// First words that select a form of the command (`abtest size`, `segment rfm`).
    public var subcommands: [String] = []
    public var positionals: [PositionalSpec] = []
    public var options: [OptionSpec] = []
    public var flags: [FlagSpec] = []
    /// At least one runnable example.
    public var examples: [String]
    /// Whether the command takes the rest of its line as free text (an expression) that must not be
    /// checked for options: the tokens from this index on are left to the command.
    public var freeTextFrom: Int?

    public init(name: String, aliases: [String] = [], group: CommandGroup, abstract: String,
                synopsis: [String] = [], discussion: String = "", subcommands: [String] = [],
                positionals: [PositionalSpec] = [], options: [OptionSpec] = [], flags: [FlagSpec] = [],
                examples: [String], freeTextFrom: Int? = nil) {
        self.name = name
        self.aliases = aliases
        self.group = group
        self.abstract = abstract
        self.synopsis = synopsis
        self.discussion = discussion
        self.subcommands = subcommands
        self.positionals = positionals
        self.options = options
        self.flags = flags
        self.examples = examples
        self.freeTextFrom = freeTextFrom
    }

    /// The usage lines, written or derived.
    public var usage: [String] {
        if !synopsis.isEmpty { return synopsis }
        var parts = [name]
        if !subcommands.isEmpty { parts.append(subcommands.joined(separator: "|")) }
        for p in positionals {
            var s = p.name.uppercased() + (p.repeats ? "…" : "")
            if p.optional { s = "[\(s)]" }
            parts.append(s)
        }
        for o in options { parts.append("[\(o.name)=\(o.kind.placeholder)]") }
        for f in flags { parts.append("[\(f.name)]") }
        return [parts.joined(separator: " ")]
    }

    func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
}
