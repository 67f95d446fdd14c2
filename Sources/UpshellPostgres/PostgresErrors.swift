import Foundation
import PostgresNIO
import UpshellCore

/// Turns PostgresNIO's and NIO's errors into ``PostgresSourceError``: the server's own message and
/// position for SQL it rejects, and plain words for connections that fail or end. Passwords never appear.
enum PostgresErrors {
    /// Runs `work`, translating what it throws. `rows` (rows read so far) is `nil` while connecting;
    /// `userQuery` is the user's SQL and where it starts in the SQL sent, to place the server's position in it.
    static func translating<T>(_ location: PostgresLocation, rows: (() -> Int)?, userQuery: (text: String, offset: Int)? = nil,
                               _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as CancelledError {
            throw error
        } catch let error as PostgresSourceError {
            throw error
        } catch let error as PSQLError {
            throw translate(error, location, rows: rows, userQuery: userQuery)
        } catch {
            throw connectionError(error, location)
        }
    }

    static func server(_ location: PostgresLocation) -> String { "\(location.host):\(location.port)" }

    static func translate(_ error: PSQLError, _ location: PostgresLocation, rows: (() -> Int)?,
                          userQuery: (text: String, offset: Int)?) -> Error {
        let where_ = server(location)
        switch error.code {
        case .server:
            let info = error.serverInfo
            let state = info?[.sqlState] ?? ""
            let message = info?[.message] ?? "an error"
            if state.hasPrefix("28") {
                return PostgresSourceError.authentication(server: where_, user: location.user, serverMessage: message)
            }
            if state == "3D000" { return PostgresSourceError.unknownDatabase(server: where_, database: location.database, suggestion: nil) }
            if state == "57014" { return CancelledError() }
            if state.hasPrefix("57P") || state.hasPrefix("08") {
                return PostgresSourceError.lostConnection(server: where_, rows: rows?() ?? 0)
            }
            var position = info?[.position].flatMap { Int($0) }
            if let p = position, let q = userQuery {
                position = (p > q.offset && p <= q.offset + q.text.count) ? p - q.offset : nil
            } else {
                position = nil
            }
            return PostgresSourceError.server(message: message, detail: info?[.detail], serverHint: info?[.hint], position: position,
                                              query: userQuery?.text, suggestion: nil)
        case .sslUnsupported:
            return PostgresSourceError.tlsUnavailable(server: where_)
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            if let rows { return PostgresSourceError.lostConnection(server: where_, rows: rows()) }
            return PostgresSourceError.unreachable(server: where_, reason: "the server closed the connection")
        case .connectionError:
            if let underlying = error.underlying {
                if let rows { return PostgresSourceError.lostConnection(server: where_, rows: rows()) }
                return connectionError(underlying, location)
            }
            return PostgresSourceError.unreachable(server: where_, reason: "the connection failed")
        case .failedToAddSSLHandler:
            return PostgresSourceError.tls(server: where_, reason: "the TLS handshake could not start")
        default:
            if let underlying = error.underlying { return connectionError(underlying, location) }
            return PostgresSourceError.unreachable(server: where_, reason: SecretRedaction.redact(error.code.description))
        }
    }

    /// A network-level failure: refused, unknown host, timeout, TLS.
    static func connectionError(_ error: Error, _ location: PostgresLocation) -> Error {
        let text = SecretRedaction.redact(String(describing: error))
        let where_ = server(location)
        if text.localizedCaseInsensitiveContains("refused") { return PostgresSourceError.refused(server: where_) }
        if text.localizedCaseInsensitiveContains("timeout") || text.localizedCaseInsensitiveContains("timed out") {
            return PostgresSourceError.unreachable(server: where_, reason: "no answer within 10 seconds")
        }
        if error is NIOSSLError || text.contains("SSL") || text.contains("TLS") {
            return PostgresSourceError.tls(server: where_, reason: text)
        }
        if text.localizedCaseInsensitiveContains("resolve") || text.contains("NXDOMAIN") || text.localizedCaseInsensitiveContains("name or service")
            || text.localizedCaseInsensitiveContains("getaddrinfo") {
            return PostgresSourceError.unreachable(server: where_, reason: "the host name '\(location.host)' does not resolve")
        }
        return PostgresSourceError.unreachable(server: where_, reason: text)
    }
}
