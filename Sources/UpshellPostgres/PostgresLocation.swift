import Foundation
import UpshellCore

/// Where and how to connect: a `postgres://` or `postgresql://` URL completed, as libpq does, by the
/// `PG*` environment variables and the password file (`~/.pgpass`, or `PGPASSFILE`).
///
/// ```swift
/// let l = try PostgresLocation(url: "postgres://ann@db:5433/shop", environment: [:])
/// l.display   // "postgres://ann@db:5433/shop" — never the password
/// ```
struct PostgresLocation: Sendable, Equatable {
    /// TLS as `sslmode=` asks: `disable` never, `prefer`/`allow` when the server offers it, `require`
    /// always (without checking the certificate, as libpq), `verify-ca`/`verify-full` always, checked.
    enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    var scheme: String
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var sslMode: SSLMode

    /// The URL without its password, for messages, `datasets` and saved sessions.
    var display: String { "\(scheme)://\(user)@\(host):\(port)/\(database)" }

    /// Parses `url` and fills what it leaves out from `environment` (`PGHOST`, `PGPORT`, `PGUSER`,
    /// `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`, `PGPASSFILE`) and the password file. `sslMode` (the
    /// `sslmode=` option of `load`) wins over the URL's `?sslmode=`, which wins over `PGSSLMODE`.
    init(url: String, sslMode option: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let schemeEnd = url.range(of: "://") else { throw PostgresSourceError.badURL(url: url, reason: "it does not start with postgres://") }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw PostgresSourceError.badURL(url: url, reason: "the scheme is '\(scheme)', not postgres or postgresql")
        }
        guard let parts = URLComponents(string: url) else {
            throw PostgresSourceError.badURL(url: url, reason: "it is not a URL (characters such as @ : / in a password must be written %40 %3A %2F)")
        }
        let query = Dictionary((parts.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        let givenHost = (parts.percentEncodedHost?.removingPercentEncoding).flatMap { $0.isEmpty ? nil : $0 }
        host = givenHost ?? query["host"] ?? environment["PGHOST"].flatMap { $0.hasPrefix("/") ? nil : $0 } ?? "localhost"
        if let p = parts.port {
            guard (1...65535).contains(p) else { throw PostgresSourceError.badURL(url: url, reason: "the port '\(p)' is not a number from 1 to 65535") }
            port = p
        } else if let text = query["port"] ?? environment["PGPORT"] {
            guard let p = Int(text), (1...65535).contains(p) else { throw PostgresSourceError.badURL(url: url, reason: "the port '\(text)' is not a number from 1 to 65535") }
            port = p
        } else {
            port = 5432
        }
        let givenUser = parts.percentEncodedUser?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
        user = givenUser ?? query["user"] ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        database = path.isEmpty ? (query["dbname"] ?? environment["PGDATABASE"] ?? user) : path
        let modeText = option ?? query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText.lowercased()) else {
            throw PostgresSourceError.badSSLMode(modeText)
        }
        sslMode = mode
        password = parts.percentEncodedPassword?.removingPercentEncoding ?? query["password"] ?? environment["PGPASSWORD"]
        if password == nil {
            let file = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? NSHomeDirectory() + "/.pgpass")
            password = PassFile.password(in: file, host: host, port: port, database: database, user: user)
        }
    }
}

/// The libpq password file: lines `host:port:database:user:password`, `*` matching anything, `\:` and
/// `\\` escaping, `#` comments; the first matching line wins. Ignored (as libpq does) when others may
/// read it.
enum PassFile {
    /// The password of the first line matching the connection, or `nil`.
    static func password(in path: String, host: String, port: Int, database: String, user: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
                field == "*" || field == value || (field == "localhost" && value == "127.0.0.1")
            }
            if matches { return fields[4] }
        }
        return nil
    }

    /// The fields of one line, with `\:` and `\\` unescaped.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false }
            else if ch == "\\" { escaped = true }
            else if ch == ":" && fields.count < 4 { fields.append(current); current = "" }
            else { current.append(ch) }
        }
        fields.append(current)
        return fields
    }
}
