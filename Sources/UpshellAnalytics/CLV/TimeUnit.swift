/// The time unit a lifetime model is fitted and predicts in. Every CLV function takes or carries one,
/// so that a rate per week is never read as a rate per day (lifetimes' `customer_lifetime_value`
/// assumes 30 model units per month whatever the unit; here the unit is always explicit).
public enum LifetimeUnit: String, Sendable, CaseIterable {
    case days, weeks

    /// Days in one unit.
    public var days: Double {
        switch self {
        case .days: 1
        case .weeks: 7
        }
    }

    /// Converts a span in days to this unit.
    @inline(__always)
    public func fromDays(_ d: Double) -> Double { d / days }

    /// The singular name (`week`).
    public var singular: String { self == .days ? "day" : "week" }
}
