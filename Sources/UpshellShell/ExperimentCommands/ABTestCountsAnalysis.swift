import UpshellAnalytics
import UpshellCore

/// `abtest analyze a=120/4000 b=150/4010 …`: a conversion experiment read from counts.
struct ABTestCountsAnalysis {
    let arguments: Arguments

    /// `120/4000` → conversions and visitors, with errors naming the option.
    static func parseCounts(_ arguments: Arguments, _ name: String) throws -> VariantCounts? {
        guard let token = arguments.options[name] else { return nil }
        let text = token.text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let x = Int(parts[0]), let n = Int(parts[1]) else {
            throw arguments.error("option '\(name)' got '\(token.text)': expected conversions/visitors such as 120/4000", at: token,
                                  hint: "write each variant as conversions/visitors, e.g. a=120/4000 b=150/4010")
        }
        guard x >= 0, n >= 0 else {
            throw arguments.error("option '\(name)' got '\(token.text)': counts must be zero or more", at: token)
        }
        guard n > 0 else {
            throw arguments.error("option '\(name)' got '\(token.text)': variant '\(name)' has no visitors", at: token,
                                  hint: "write counts as conversions/visitors, e.g. \(name)=120/4000")
        }
        guard x <= n else {
            throw arguments.error("option '\(name)' got '\(token.text)': \(ABFormat.count(x)) conversions exceed \(ABFormat.count(n)) visitors", at: token,
                                  hint: "write counts as conversions/visitors (conversions first), e.g. \(name)=\(n)/\(x)")
        }
        return VariantCounts(name: name, conversions: x, visitors: n)
    }

    /// Counts this analysis as one more look at experiment `key` in the session; returns the looks so far.
    static func recordLook(_ session: Session, key: String) -> Int {
        session.experimentLooks[key, default: 0] += 1
        return session.experimentLooks[key]!
    }

    /// Options shared by the counts and dataset forms: control, looks, days, sequential.
    /// `sessionLooks`: how often this experiment was analysed in the session; looks is at least that.
    static func options(_ arguments: Arguments, names: [String], sessionLooks: Int = 1) throws -> ConversionAnalysisOptions {
        var options = ConversionAnalysisOptions()
        if let control = arguments.text("control") {
            guard let match = names.first(where: { $0.lowercased() == control.lowercased() }) else {
                throw arguments.error("option 'control' got '\(control)': no such variant among \(names.map { "'\($0)'" }.joined(separator: ", "))",
                                      at: arguments.options["control"], hint: Suggestions.didYouMean(control, in: names) ?? "control= names one of the variants")
            }
            options.control = match
        }
        let looks = try arguments.integer("looks") ?? 1
        guard looks >= 1 else {
            throw arguments.error("option 'looks' got '\(looks)': expected 1 or more", at: arguments.options["looks"],
                                  hint: "looks counts how often the results were checked, 1 for a single final look")
        }
        options.looks = max(looks, sessionLooks)
        if let days = try arguments.integer("days") {
            guard days >= 1 else { throw arguments.error("option 'days' got '\(days)': expected 1 or more", at: arguments.options["days"]) }
            options.daysRun = days
        }
        if let planned = try arguments.integer("planned") {
            guard planned >= 1 else { throw arguments.error("option 'planned' got '\(planned)': expected 1 or more", at: arguments.options["planned"]) }
            options.plannedPerVariant = planned
        }
        options.sequential = arguments.flags.contains("sequential")
        return options
    }

    func run(_ session: Session) throws -> CommandOutput {
        let counts = try ABTestCommand.variantLetters.compactMap { try Self.parseCounts(arguments, $0) }
        guard counts.count >= 2 else {
            throw arguments.error("'abtest analyze' needs at least two variants, got only '\(counts.first?.name ?? "")'", at: nil,
                                  hint: "example: abtest analyze a=120/4000 b=150/4010")
        }
        _ = try Self.options(arguments, names: counts.map(\.name))  // validate before counting a look
        let looked = Self.recordLook(session, key: "counts:" + counts.map(\.name).joined(separator: ","))
        let options = try Self.options(arguments, names: counts.map(\.name), sessionLooks: looked)
        let analysis = try ExperimentAnalysis.conversions(counts, options: options)
        var out = CommandOutput(Self.blocks(analysis, title: "Conversion by variant", unit: "visitors", event: "conversions"))
        if analysis.options.daysRun == nil {
            out.append(.note("give days=N to check the test ran two full weekly cycles"))
        }
        if !options.sequential {
            out.append(.note(options.looks > 1
                ? "\(options.looks) looks at this test (looks= or repeated 'abtest analyze' in this session): add 'sequential' for an always-valid interval"
                : "p-values assume one look at a planned sample size; if you check repeatedly, add looks=N and 'sequential'"))
        }
        out.blocks += ABFormat.unique(analysis.warnings)
        return out
    }

    /// Tables of a conversion analysis: per variant with Wilson intervals, then each comparison with control.
    static func blocks(_ a: ConversionAnalysis, title: String, unit: String, event: String) -> [OutputBlock] {
        let level = NumberFormat.percent(a.options.level, decimals: 0)
        var perVariant = ResultTable(title: title, columns: [
            ResultColumn("variant"), ResultColumn(unit, .integer), ResultColumn(event, .integer),
            ResultColumn("rate", .percent(2)), ResultColumn("\(level) interval (Wilson)", .percent(2), align: .left)])
        for (i, v) in a.variants.enumerated() {
            perVariant.append([.text(v.name + (i == a.controlIndex ? " (control)" : "")), .int(v.visitors), .int(v.conversions),
                               .double(v.rate), .interval(v.interval.lower, v.interval.upper)])
        }
        let several = a.comparisons.count > 1
        var columns = [ResultColumn("variant"), ResultColumn("lift", .points(2), align: .left),
                       ResultColumn("\(level) interval", .points(2), align: .left),
                       ResultColumn("relative lift", .signedPercent(1), align: .left),
                       ResultColumn("\(level) interval (relative)", .signedPercent(1), align: .left),
                       ResultColumn("z", .decimal(3), align: .left), ResultColumn("p (z-test)", .pValue, align: .left),
                       ResultColumn("p (chi-square)", .pValue, align: .left)]
        if several { columns.append(ResultColumn("p (Holm)", .pValue, align: .left)) }
        var comparisons = ResultTable(title: "Against control '\(a.control.name)'", columns: columns)
        for c in a.comparisons {
            var row: [Value] = [.text(c.variant), .double(c.absoluteLift), ABFormat.interval(c.absoluteInterval),
                                c.relativeLift.map(Value.double) ?? .null, c.relativeInterval.map(ABFormat.interval) ?? .null,
                                .double(c.zTest.z), .double(c.zTest.pValue), .double(c.chiSquare.pValue)]
            if several { row.append(.double(c.adjustedPValue)) }
            comparisons.append(row)
        }
        var blocks: [OutputBlock] = [.table(perVariant), .table(comparisons)]
        let sequential = a.comparisons.compactMap { c in c.sequential.map { (c.variant, $0) } }
        if !sequential.isEmpty {
            var seq = ResultTable(title: "Always-valid \(level) interval (mSPRT), safe under repeated looks", columns: [
                ResultColumn("variant"), ResultColumn("lift", .points(2), align: .left),
                ResultColumn("always-valid interval", .points(2), align: .left), ResultColumn("always-valid p", .pValue, align: .left),
                ResultColumn("tau (points)", .decimal(2))])
            for (name, s) in sequential {
                seq.append([.text(name), .double(s.difference), ABFormat.interval(s.interval),
                            .double(s.alwaysValidPValue), .double(s.mixingStandardDeviation * 100)])
            }
            blocks.append(.table(seq))
            blocks.append(.note("mSPRT with a normal mixture (Johari et al. 2017); tau = 10% of the control rate, floored at 0.1 points"))
        }
        blocks.append(.note("intervals: Wilson per variant; lift: Wald (unpooled); relative lift: log ratio; z-test pooled; chi-square \(a.comparisons.first?.chiSquare.yatesCorrected == true ? "with Yates' correction" : "without correction")"))
        if several {
            blocks.append(.note("overall chi-square across \(a.variants.count) variants: p = \(ABFormat.p(a.overall.pValue)); p (Holm) adjusts for \(a.comparisons.count) comparisons with control"))
        }
        blocks.append(.note("sample ratio: chi-square on the \(unit) split, p = \(ABFormat.p(a.sampleRatio.pValue)) (warns below 0.001)"))
        return blocks
    }
}
