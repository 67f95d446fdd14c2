import Foundation
import Synchronization
import UpshellCore
import UpshellData

/// What `load URL …` asks of a remote source: where, which rows, and how to connect.
public struct RemoteRequest: Sendable {
    /// The URL as typed (it may hold a password: never print or keep it; see ``SecretRedaction``).
    public var location: String
    /// `table=NAME`: every row of a table or view.
    public var table: String?
    /// `query="SELECT …"`: the rows of a query.
    public var query: String?
    /// `sslmode=require|disable`, or `nil` for the URL's or the environment's (`PGSSLMODE`).
    public var sslMode: String?
    /// Connections reading a `table=` at once, each a part of it (`threads=`, default 2); a source may use fewer.
    public var streams: Int
    /// Where a source may feed the rows' CSV as it arrives, piece by piece in row order, instead of returning it
    /// (``RemoteRows/streamed``); `nil`: return the CSV.
    public var stream: CSVStream?

    public init(location: String, table: String? = nil, query: String? = nil, sslMode: String? = nil, streams: Int = 2) {
        self.location = location
        self.table = table
        self.query = query
        self.sslMode = sslMode
        self.streams = streams
    }
}

/// Rows fetched from a remote source, as CSV bytes (header first) for the file loader.
public struct RemoteRows: Sendable {
    /// RFC 4180 CSV: a header of column names, then one line per row; SQL NULL is an empty field.
    public var csv: [UInt8]
    /// Where the rows came from, without a password (`postgres://ann@db:5432/shop table=orders`).
    public var displayLocation: String
    /// The default dataset name (the table's name, or `query`).
    public var name: String
    /// Rows read.
    public var rows: Int
    /// The rows went into the request's ``RemoteRequest/stream`` (and ``csv`` is empty).
    public var streamed: Bool

    public init(csv: [UInt8], displayLocation: String, name: String, rows: Int, streamed: Bool = false) {
        self.csv = csv
        self.streamed = streamed
        self.displayLocation = displayLocation
        self.name = name
        self.rows = rows
    }
}

/// A source of order lines reached by URL instead of a file path (a database). The executable registers
/// the implementations it links (``RemoteSources/register(_:)``), so the shell's libraries do not depend on
/// a network client.
public protocol RemoteSource: Sendable {
    /// URL schemes this source reads, lower case (`postgres`, `postgresql`).
    var schemes: [String] { get }
    /// Connects, runs the request and returns its rows as CSV. Throws a ``UserFacingError`` for bad input
    /// and unreachable servers (never naming a password), and ``CancelledError`` after Ctrl-C (the server's
    /// query is cancelled too).
    func fetch(_ request: RemoteRequest, progress: any ProgressReporter) throws -> RemoteRows
    /// The columns of the request's table or query, as the server types them (nothing is read).
    func fields(_ request: RemoteRequest) throws -> [SourceField]
    /// Runs each generated statement (``PushdownSQL``) on the request's server; one CSV result each.
    func fetch(statements: [String], request: RemoteRequest, progress: any ProgressReporter) throws -> [RemoteRows]
    /// Settings in the source's own dialect that ``fetch(statements:request:progress:)`` sends before the
    /// statements, with a note saying why (`explain load` prints them); none by default.
    var aggregationSettings: (note: String, statements: [String]) { get }
}

extension RemoteSource {
    public var aggregationSettings: (note: String, statements: [String]) { ("", []) }
}

extension RemoteRequest {
    /// The request's rows as a `FROM` item of generated SQL: the quoted table, or the query in parentheses.
    public var pushdownFrom: String {
        if let table { return SQLQuote.relation(table) }
        var q = Substring(query ?? "")
        while let last = q.last, last == ";" || last.isWhitespace { q.removeLast() }
        return "(" + q + ")"
    }
}

/// The remote sources this process knows, by URL scheme.
public enum RemoteSources {
    private static let registered = Mutex<[any RemoteSource]>([])

    /// Makes `source` answer `load URL` for its schemes.
    public static func register(_ source: any RemoteSource) {
        registered.withLock { $0.append(source) }
    }

    /// The scheme of `location` when it looks like a URL (`word://`), lower-cased.
    public static func scheme(of location: String) -> String? {
        guard let r = location.range(of: "://") else { return nil }
        let scheme = location[..<r.lowerBound]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else { return nil }
        return scheme.lowercased()
    }

    /// The source for `location`'s scheme, or `nil` when none is registered.
    public static func source(for location: String) -> (any RemoteSource)? {
        guard let scheme = scheme(of: location) else { return nil }
        return registered.withLock { list in list.first { $0.schemes.contains(scheme) } }
    }
}
