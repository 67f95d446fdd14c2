import UpshellAnalytics
import UpshellCore

/// The errors of UpshellAnalytics told in the shell's terms: the one place that knows which commands
/// and options fix them (`map customer=COLUMN`, `min-support=`, `segment rfm`).
///
/// The analytics errors are typed and plain (`the rfm segmentation needs the 'customer' role`); the
/// interpreter prints ``text(for:)`` instead of their own message and hint.
enum AnalyticsErrorHints {
    /// The message and hint to print for an error.
    static func text(for error: any UserFacingError) -> (message: String, hint: String?) {
        switch error {
        case let e as SegmentationError: (message(e), hint(e))
        case let e as BasketError: (message(e), hint(e))
        case let e as CLVError: (e.message, hint(e))
        case let e as MetricsError: (e.message, hint(e))
        case let e as ExperimentError: (e.message, hint(e))
        default: (error.message, error.hint)
        }
    }

    /// The hint to print for an error.
    static func hint(for error: any UserFacingError) -> String? { text(for: error).hint }

    static func message(_ e: SegmentationError) -> String {
        switch e {
        case let .missingRole(role, kind): "segment \(kind) needs the '\(role)' role, which no column plays"
        case let .tooFewCustomers(n, kind): "segment \(kind) needs at least 2 customers; the data has \(n)"
        case let .activeNotBeforeLapsed(active, lapsed): "active/lapsed: need 0 < active < lapsed (got \(active) and \(lapsed))"
        case .championOrdersTooFew: "champion-orders: must be at least 2"
        case .noInterPurchaseTime: "inter-purchase time: no customer ordered twice on different days; give ipt=DAYS"
        case let .topShareOutOfRange(share): "top: must be more than 0% and less than 100% (got \(share * 100)%)"
        }
    }

    static func hint(_ e: SegmentationError) -> String? {
        switch e {
        case let .missingRole(role, _): mapIt(role)
        case .tooFewCustomers: e.hint
        default: "'help segment' lists the parameters and their ranges"
        }
    }

    static func message(_ e: BasketError) -> String {
        switch e {
        case let .tooManyItemsets(found?, estimate, support):
            "min-support=\(support) gives more than \(found) itemsets (about \(BasketError.short(estimate)) by extrapolation), too many to hold"
        case let .tooManyItemsets(nil, estimate, support):
            "min-support=\(support) would give an estimated \(BasketError.short(estimate)) itemsets or more (sampled early in the search), too many to hold"
        default: e.message
        }
    }

    static func hint(_ e: BasketError) -> String? {
        switch e {
        case .noAttribute(let what): "join a product table with a \(what) column (join products FILE), or use level=product"
        case let .unknownItem(_, suggestions) where suggestions.isEmpty:
            "names are product names or ids as in the data; 'pairs' lists the common ones"
        case .noMultiItemBaskets: "pairs and rules need orders with several products; check the order column ('map order=…') or the filter"
        case .badSupport: "give a share above 0% and at most 100%, such as min-support=0.5%"
        case .tooManyItemsets: "raise min-support (or lower max-size), or add the flag 'force' to mine anyway"
        default: e.hint
        }
    }

    static func hint(_ e: CLVError) -> String? {
        switch e {
        case let .missingRole(role, _):
            role == "customer" ? "map it: map customer=COLUMN (the column with customer ids; 'describe' lists the columns)" : mapIt(role)
        case .noCustomers: "lifetime value follows customers over time; map customer= and time= columns"
        case .tooLittleData: "fit on more history (a later calibration-end) or more customers"
        case .notConverged: "the data may not fit the model (e.g. almost no repeat purchases); try unit=days or another calibration-end"
        default: e.hint
        }
    }

    static func hint(_ e: MetricsError) -> String? {
        switch e {
        case let .missingRole(role, _):
            switch role {
            case "category", "brand":
                "map it from a column (map \(role)=COLUMN), or load a product table and join it: join ORDERS PRODUCTS on product"
            case "offer":
                "map the column that marks lines added from an upsell or cross-sell offer: map offer=COLUMN (values such as 'upsell', 'cross-sell'; empty = not from an offer)"
            case "unit-cost":
                "map a cost column (map unit-cost=COLUMN) or join a product table with a cost column"
            default:
                "map it from a column: map \(role)=COLUMN ('describe' lists the columns)"
            }
        case .noOrders: "check the dataset and filter ('datasets', 'describe')"
        case .nonFinite: "check the price and quantity columns ('describe', 'clean')"
        case let .unknownProduct(_, suggestions) where suggestions.isEmpty: "'products' lists product names"
        default: e.hint
        }
    }

    static func hint(_ e: ExperimentError) -> String? {
        switch e {
        case .baselineOutOfRange: "give the control's current conversion rate, e.g. baseline=3.2%"
        case .zeroEffect: "give the smallest lift worth detecting, e.g. mde=10% (relative) or mde=0.5% absolute"
        case .targetOutOfRange: "use a smaller effect, or 'absolute' if you meant percentage points"
        case .powerNotAboveAlpha: "use e.g. alpha=0.05 power=0.8"
        case .tooFewVariants: "check the variant column, or give counts for each arm, e.g. a=120/4000 b=150/4010"
        case .conversionsExceedVisitors: "write counts as conversions/visitors, e.g. a=120/4000"
        case .nonPositiveStandardDeviation: "give sd= from past data, or load a dataset to estimate it"
        case .nonPositiveTraffic: "give daily= as visitors (or orders) per day entering the test"
        case .invalidVariantCount: "use variants=2 for a simple A/B test"
        case .invalidPlannedShares: "give one positive share per variant, e.g. split=50:50"
        case .effectTooSmall: "plan for a larger effect; mde=10% means a 10 % relative lift"
        case let .unknownVariant(name, available): Suggestions.didYouMean(name, in: available) ?? "control= must name one of the variants"
        case .invalidSampleSize: "leave n= out to simulate the planned size"
        case .invalidRunCount: "use e.g. runs=20000"
        default: e.hint
        }
    }

    private static func mapIt(_ role: String) -> String { "map it: map \(role)=COLUMN ('describe' lists the columns)" }
}
