import UpshellCore

/// Why an experiment cannot be read from a dataset's orders. The shell adds the dataset's name and a hint.
public enum DatasetExperimentError: UserFacingError, Equatable {
    /// No order carries a non-empty value in the variant column.
    case noVariantLabels(column: String)
    /// Every order carries the same variant: an A/B test needs at least two.
    case singleVariant(column: String, level: String)

    public var message: String {
        switch self {
        case let .noVariantLabels(column):
            return "no orders carry a variant in column '\(column)'"
        case let .singleVariant(column, level):
            return "column '\(column)' has one level ('\(level)'); an A/B test needs at least two"
        }
    }
}
