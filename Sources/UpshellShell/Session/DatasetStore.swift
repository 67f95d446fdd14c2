import UpshellCore
import UpshellData

/// The datasets loaded in a session, by name, in load order, with a current one that commands use
/// when no `data=NAME` is given.
public struct DatasetStore: Sendable {
    private var byName: [String: Dataset] = [:]
    /// Names in load order.
    public private(set) var names: [String] = []
    /// Bumped each time a dataset is added or replaced, so derived state (segments) can tell it is stale.
    private var generations: [String: Int] = [:]
    private var counter = 0

    /// The generation of a dataset (changes when it is replaced).
    public func generation(of name: String) -> Int? { generations[name] }

    /// The dataset commands use by default (the last one loaded or chosen with `use`).
    public var currentName: String?

    public init() {}

    /// Adds a dataset under its name; fails when the name is taken.
    public mutating func add(_ dataset: Dataset) throws {
        guard byName[dataset.name] == nil else {
            throw SessionError("a dataset called '\(dataset.name)' is already loaded",
                               hint: "choose another name with 'as NAME', or 'drop \(dataset.name)' first")
        }
        byName[dataset.name] = dataset
        names.append(dataset.name)
        currentName = dataset.name
        counter += 1
        generations[dataset.name] = counter
    }

    /// Replaces a dataset that is already loaded (after `map`, `clean`, `join`).
    public mutating func replace(_ dataset: Dataset) {
        if byName[dataset.name] == nil { names.append(dataset.name) }
        byName[dataset.name] = dataset
        counter += 1
        generations[dataset.name] = counter
    }

    /// Removes a dataset.
    public mutating func remove(_ name: String) throws {
        _ = try self.dataset(named: name)
        byName[name] = nil
        generations[name] = nil
        names.removeAll { $0 == name }
        if currentName == name { currentName = names.last }
    }

    /// The dataset called `name`, or an error with the closest names.
    public func dataset(named name: String) throws -> Dataset {
        if let d = byName[name] { return d }
        if names.isEmpty {
            throw SessionError("no dataset '\(name)': nothing is loaded", hint: "load a file first: load orders.csv")
        }
        throw SessionError("no dataset '\(name)'", hint: Suggestions.didYouMean(name, in: names) ?? "loaded: " + names.joined(separator: ", "))
    }

    /// The named dataset, or the current one when `name` is `nil`.
    public func resolve(_ name: String?) throws -> Dataset {
        if let name { return try dataset(named: name) }
        guard let current = currentName, let d = byName[current] else {
            throw SessionError("no dataset is loaded", hint: "load one first: load orders.csv (upshell with no arguments starts on the demo store)")
        }
        return d
    }

    /// Whether a name is taken.
    public func contains(_ name: String) -> Bool { byName[name] != nil }

    /// All datasets in load order.
    public var all: [Dataset] { names.compactMap { byName[$0] } }
}
