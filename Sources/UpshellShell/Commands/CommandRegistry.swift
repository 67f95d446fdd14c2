import UpshellCore

/// The one list of commands. `help`, completion, "did you mean" and dispatch all read it.
public enum CommandRegistry {
    /// Every command, in the order `help` lists them within a group.
    public static let all: [any ShellCommand.Type] = [
        // Data
        LoadCommand.self, ExplainCommand.self, DatasetsCommand.self, DescribeCommand.self, HeadCommand.self, UseCommand.self,
        DropCommand.self, MapCommand.self, CleanCommand.self, FilterCommand.self, JoinCommand.self,
        // Metrics
        OrdersCommand.self, RevenueCommand.self, AOVCommand.self, UnitsCommand.self, MarginCommand.self,
        DistributionCommand.self, AttachCommand.self, CompareCommand.self, OffersCommand.self,
        // Baskets
        PairsCommand.self, ItemsetsCommand.self, RulesCommand.self, BundlesCommand.self,
        // Offers and recommendations
        RecommendCommand.self, UpsellCommand.self, NextCommand.self, EvaluateCommand.self, PolicyCommand.self,
        // Segments
        SegmentCommand.self, SegmentsCommand.self,
        // Customer lifetime value
        CLVCommand.self,
        // Experiments
        ABTestCommand.self,
        // Pricing what-ifs
        TiersCommand.self, DiscountCommand.self, ThresholdCommand.self, UpsellStepCommand.self, SweepCommand.self,
        // Shell
        HelpCommand.self, SetCommand.self, UnsetCommand.self, VarsCommand.self, FormatCommand.self,
        TimerCommand.self, PagerCommand.self, SourceCommand.self, EchoCommand.self, SleepCommand.self, QuitCommand.self,
        // Results and output
        ExportCommand.self, ShowCommand.self, CellsCommand.self, ChartCommand.self, SaveCommand.self, SkipCommand.self,
    ]

    /// The command named `name` or with that alias (case-insensitive).
    public static func command(named name: String) -> (any ShellCommand.Type)? {
        let key = name.lowercased()
        return all.first { $0.spec.name == key || $0.spec.aliases.contains(key) }
    }

    /// All names and aliases (for completion and suggestions).
    public static var names: [String] {
        all.flatMap { [$0.spec.name] + $0.spec.aliases }
    }

    /// The error for an unknown command, with the closest names.
    static func unknown(_ token: Token, source: String) -> LanguageError {
        var name = token.text
        if name.count > 40 { name = String(name.prefix(40)) + "…" }
        let hint = Suggestions.didYouMean(token.text, in: all.map { $0.spec.name }) ?? "'help' lists the commands"
        return LanguageError("unknown command '\(name)'", hint: hint, range: token.range, source: source)
    }
}
