import UpshellCore
import UpshellData

/// Why a pricing analysis cannot run on the data or parameters given. The shell adds the scope's
/// description and a hint.
public enum PricingError: UserFacingError, Equatable {
    /// No product of the data has this category (case-insensitive); `available` lists those that exist.
    case unknownCategory(String, available: [String])
    /// The upgrade's mean price is not above the base's: a trade-down is outside the upsell model.
    case upgradeNotDearer(base: Int, upgrade: Int, basePrice: Double, upgradePrice: Double)

    public var message: String {
        switch self {
        case let .unknownCategory(name, _):
            return "no category '\(name)'"
        case let .upgradeNotDearer(_, _, basePrice, upgradePrice):
            return "the upgrade (\(upgradePrice)) is not dearer than the base (\(basePrice)): a trade-down is outside the model"
        }
    }
}

/// Categories of an order model's products.
public enum ProductCategories {
    /// The category of `model` equal to `name` ignoring case, as spelled in the data.
    /// - Throws: ``PricingError/unknownCategory(_:available:)`` listing the categories, sorted.
    /// - Complexity: O(products).
    public static func match(_ name: String, in model: OrderModel) throws -> String {
        let categories = Set(model.products.category.filter { !$0.isEmpty })
        guard let match = categories.first(where: { $0.lowercased() == name.lowercased() }) else {
            throw PricingError.unknownCategory(name, available: categories.sorted())
        }
        return match
    }
}
