import UpshellAnalytics
import UpshellCore
import UpshellData

/// The table and notes of `evaluate recommend`.
enum EvaluationReport {
    static func output(_ r: RecommendationEvaluation, holdout: String, similarity: ItemSimilarity, unit: CoOccurrenceUnit,
                       description: String) -> CommandOutput {
        let k = r.k
        var table = ResultTable(title: "Offline evaluation at k=\(k) — \(description), holdout \(holdout) (cut \(CivilDateFormatting.iso(r.cut)))", columns: [
            ResultColumn("method"), ResultColumn("queries", .integer), ResultColumn("hits", .integer), ResultColumn("hit@\(k)", .percent(2)),
            ResultColumn("95% interval", .percent(1)), ResultColumn("precision@\(k)", .percent(2)), ResultColumn("recall@\(k)", .percent(2)),
            ResultColumn("MAP@\(k)", .decimal(4)), ResultColumn("NDCG@\(k)", .decimal(4)), ResultColumn("coverage", .percent(1)),
            ResultColumn("vs popular", .signedPercent(2))])
        let popular = r.scores.first { $0.method == .popular }
        for s in r.scores {
            table.append([.text(s.method.rawValue), .int(s.queries), .int(s.hits), .double(s.hitRate), .interval(s.hitInterval.lower, s.hitInterval.upper),
                          .double(s.precision), .double(s.recall), .double(s.map), .double(s.ndcg), .double(s.coverage),
                          s.method == .popular || popular == nil ? .null : .double(s.hitRate - popular!.hitRate)])
        }
        var out = CommandOutput([.table(table)])
        out.append(.note("training: \(LoadSummary.grouped(r.trainingOrders)) orders before \(CivilDateFormatting.iso(r.cut)) (\(LoadSummary.grouped(r.trainingProducts)) products); "
                         + "test: \(LoadSummary.grouped(r.testOrders)) orders, \(LoadSummary.grouped(r.multiProductTestOrders)) with 2+ products; "
                         + "\(LoadSummary.grouped(r.allQueries)) queries" + (r.queries < r.allQueries ? " (a seeded sample of \(LoadSummary.grouped(r.queries)) scored)" : "")))
        out.append(.note("item-cf: \(similarity.rawValue) over \(unit.rawValue); recall@k equals hit@k (one held-out product per query); vs popular: hit@k difference in points"))
        if let popular {
            for s in r.scores where s.method != .popular {
                let diff = (s.hitRate - popular.hitRate) * 100
                let text = "\(s.method.rawValue) hit@\(k) \(pct(s.hitRate)) vs popular \(pct(popular.hitRate))"
                if s.hits <= popular.hits {
                    out.append(.warning("\(s.method.rawValue) does not beat popular: \(text) (\(NumberFormat.plain((diff * 100).rounded() / 100)) points)"))
                } else {
                    let clear = s.hitInterval.lower > popular.hitInterval.upper ? "; the 95% intervals do not overlap" : "; the 95% intervals overlap"
                    out.append(.note("\(s.method.rawValue) beats popular by \(NumberFormat.plain((diff * 100).rounded() / 100)) points: \(text)\(clear)"))
                }
            }
        }
        out.append(.note("rules of thumb (industry, not measurements): upsell/cross-sell offers are accepted 15–30% of the times shown; "
                         + "average order value lifts 10–25% — a hit rate here is an offline proxy, not an acceptance rate"))
        return out
    }

    static func pct(_ v: Double) -> String { NumberFormat.plain((v * 10_000).rounded() / 100) + "%" }
}
