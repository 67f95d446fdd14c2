import UpshellCore

/// What can go wrong reading from PostgreSQL, worded for the person at the terminal. No case carries a
/// password: URLs are shown through ``SecretRedaction``.
enum PostgresSourceError: UserFacingError {
    case badURL(url: String, reason: String)
    case badSSLMode(String)
    /// The host name does not resolve, or nothing answers (timeout, no route).
    case unreachable(server: String, reason: String)
    /// The host answers but nothing listens on the port.
    case refused(server: String)
    /// Password or role rejected (SQLSTATE 28P01, 28000).
    case authentication(server: String, user: String, serverMessage: String)
    /// The server did not offer TLS and `sslmode=require` asked for it.
    case tlsUnavailable(server: String)
    /// A TLS handshake or certificate check failed.
    case tls(server: String, reason: String)
    case unknownDatabase(server: String, database: String, suggestion: String?)
    case unknownTable(name: String, suggestion: String?)
    /// The server rejected the SQL: its message, and the position in the user's query when it lies there.
    case server(message: String, detail: String?, serverHint: String?, position: Int?, query: String?, suggestion: String?)
    /// The connection ended while rows were arriving: nothing is registered.
    case lostConnection(server: String, rows: Int)
    /// A column whose type has no text form upshell reads (bytea, arrays, geometry…).
    case unmappableType(column: String, type: String)
    case noColumns

    var message: String {
        switch self {
        case .badURL(let url, let reason): "'\(SecretRedaction.redact(url))' is not a PostgreSQL URL: \(reason)"
        case .badSSLMode(let mode): "sslmode '\(mode)' is not one of disable, allow, prefer, require, verify-ca, verify-full"
        case .unreachable(let server, let reason): "cannot reach the PostgreSQL server \(server): \(reason)"
        case .refused(let server): "the PostgreSQL server \(server) refused the connection: nothing listens on that port"
        case .authentication(let server, _, let serverMessage): "the PostgreSQL server \(server) did not accept the login: \(serverMessage)"
        case .tlsUnavailable(let server): "the PostgreSQL server \(server) does not offer TLS, and sslmode=require asks for it"
        case .tls(let server, let reason): "TLS with the PostgreSQL server \(server) failed: \(reason)"
        case .unknownDatabase(let server, let database, _): "the PostgreSQL server \(server) has no database '\(database)'"
        case .unknownTable(let name, _): "there is no table or view '\(name)' in the database"
        case .server(let message, let detail, _, let position, let query, _):
            "the PostgreSQL server rejected the query: \(message)" + (detail.map { " (\($0))" } ?? "")
                + (position.flatMap { p in query.map { " at character \(p): \(Self.excerpt($0, at: p))" } } ?? "")
        case .lostConnection(let server, let rows): "the connection to \(server) ended after \(rows) rows: nothing was loaded"
        case .unmappableType(let column, let type): "column '\(column)' has type \(type), which upshell cannot read"
        case .noColumns: "the query returns no columns"
        }
    }

    var hint: String? {
        switch self {
        case .badURL, .badSSLMode: "write it as postgres://USER@HOST:PORT/DB table=NAME (the password from PGPASSWORD or ~/.pgpass); sslmode=require|disable"
        case .unreachable: "check the host name and port, and that the network (VPN, firewall) lets you through"
        case .refused: "start the server, or give the port it listens on (postgres://USER@HOST:PORT/DB)"
        case .authentication(_, let user, _): "check the user '\(user)' and its password (in the URL, PGPASSWORD or ~/.pgpass)"
        case .tlsUnavailable: "connect without TLS with sslmode=disable, or enable ssl on the server"
        case .tls: "sslmode=require accepts any certificate; sslmode=disable connects without TLS"
        case .unknownDatabase(_, _, let suggestion): suggestion.map { "did you mean '\($0)'?" } ?? "list the databases with: psql -l"
        case .unknownTable(_, let suggestion): suggestion.map { "did you mean '\($0)'?" } ?? "list the tables with: psql -c '\\dt'"
        case .server(_, _, let serverHint, _, _, let suggestion):
            suggestion.map { "did you mean '\($0)'?" } ?? serverHint ?? "run the query in psql to see it fail there too"
        case .lostConnection: "the server may have restarted or ended the session; load again"
        case .unmappableType(let column, _): "cast it in a query: query=\"SELECT …, \(column)::text AS \(column) FROM …\", or leave it out"
        case .noColumns: "select the order lines' columns: query=\"SELECT * FROM orders\""
        }
    }

    /// A short piece of `query` around the 1-based character `position`, with `⟶` before it.
    static func excerpt(_ query: String, at position: Int) -> String {
        let chars = Array(query)
        let p = max(0, min(chars.count, position - 1))
        let from = max(0, p - 20), to = min(chars.count, p + 30)
        let before = String(chars[from..<p]), after = String(chars[p..<to])
        return "'" + (from > 0 ? "…" : "") + before + "⟶" + after + (to < chars.count ? "…" : "") + "'"
    }
}
