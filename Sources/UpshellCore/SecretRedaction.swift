import Foundation

/// Removes passwords from connection URLs in text that is shown or kept (history, saved sessions,
/// notebooks, error messages, `datasets`).
///
/// `postgres://ann:s3cret@db:5432/shop` becomes `postgres://ann@db:5432/shop`; a `password=` query
/// parameter is dropped the same way. Text without a URL comes back unchanged.
///
/// ```swift
/// SecretRedaction.redact("load postgresql://ann:pw@h/db table=orders")  // "load postgresql://ann@h/db table=orders"
/// ```
public enum SecretRedaction {
    /// `text` with the password of every `scheme://user:password@` and every `password=…` parameter removed.
    /// - Complexity: O(n) in the length of `text`.
    public static func redact(_ text: String) -> String {
        guard text.contains("://") || text.lowercased().contains("password=") else { return text }
        var out = Substring(text)
        out = Substring(removingUserPasswords(out))
        return removingPasswordParameters(String(out))
    }

    /// Drops `:password` between `://user` and `@` (the password may hold any byte but space and `@`… up
    /// to the last `@` before the next space or slash).
    private static func removingUserPasswords(_ text: Substring) -> String {
        var result = ""
        var rest = text
        while let marker = rest.range(of: "://") {
            result += rest[..<marker.upperBound]
            rest = rest[marker.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == " " || $0 == "/" || $0 == "\"" || $0 == "'" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += authority[..<colon]
                result += authority[at...]
            } else {
                result += authority
            }
            rest = rest[authorityEnd...]
        }
        return result + rest
    }

    /// Drops `password=VALUE` (in a URL's query or as an option word).
    private static func removingPasswordParameters(_ text: String) -> String {
        guard let found = text.range(of: "password=", options: .caseInsensitive) else { return text }
        let tail = text[found.upperBound...]
        let end = tail.firstIndex(where: { $0 == " " || $0 == "&" || $0 == "\"" || $0 == "'" }) ?? tail.endIndex
        var start = found.lowerBound
        if start > text.startIndex {
            let before = text.index(before: start)
            if text[before] == "&" { start = before }
        }
        let rebuilt = String(text[..<start]) + String(text[end...])
        return removingPasswordParameters(rebuilt)
    }
}
