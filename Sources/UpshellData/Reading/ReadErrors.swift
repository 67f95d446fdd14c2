import UpshellCore

/// A place in a file: 1-based line and column (in bytes).
public struct FilePosition: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var path: String
    /// 1-based line number.
    public var line: Int
    /// 1-based byte column.
    public var column: Int
    /// `path:line:column`.
    public var description: String { "\(path):\(line):\(column)" }
}

/// Why a file could not be loaded. Messages name the file, the place, what was found and what was
/// expected; hints say how to fix it.
public enum LoadError: UserFacingError, Equatable {
    /// No file at the path.
    case missingFile(path: String, suggestion: String?)
    /// The path is a directory.
    case isDirectory(path: String)
    /// The file cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// Zero bytes, or only blanks.
    case emptyFile(path: String)
    /// A header line and no data.
    case headerOnly(path: String, columns: [String])
    /// Rows whose field count differs from the header's: the first few and the total.
    case raggedRows(path: String, expected: Int, first: [(FilePosition, Int)], total: Int)
    /// The file ends inside a quoted field that opened at `position`.
    case unterminatedQuote(position: FilePosition)
    /// A column that must hold numbers has text.
    case textInNumericColumn(position: FilePosition, column: String, role: String, found: String)
    /// A date in the column's layout that names a day that does not exist.
    case impossibleDate(position: FilePosition, column: String, found: String, format: String)
    /// A value of a time column that is not a date in the layout most of its values have.
    case unreadableDate(position: FilePosition, column: String, found: String, format: String)
    /// No column plays the order role (or another required one).
    case missingRoles(path: String, missing: [String], columns: [String])
    /// The file would not fit in memory.
    case tooBigForMemory(path: String, neededBytes: Int, availableBytes: Int)
    /// NUL bytes: not a text file.
    case binaryFile(position: FilePosition)
    /// Compressed data that zlib cannot inflate.
    case badCompression(path: String, reason: String)
    /// A column name that is not in the table.
    case unknownColumn(name: String, columns: [String])
    /// `map role=column` with a column of the wrong type (text for a number, no dates for time).
    case wrongColumnType(column: String, role: String, found: String, expected: String)

    /// Errors are equal when they read the same.
    public static func == (a: LoadError, b: LoadError) -> Bool { a.message == b.message }

    /// What went wrong, with the place and the offending text.
    public var message: String {
        switch self {
        case .missingFile(let path, _):
            return "no file '\(path)'"
        case .isDirectory(let path):
            return "'\(path)' is a directory, not a file"
        case .unreadable(let path, let reason):
            return "cannot read '\(path)': \(reason)"
        case .emptyFile(let path):
            return "'\(path)' is empty: found no data, expected a header line and rows"
        case .headerOnly(let path, let columns):
            return "'\(path)' has a header (\(columns.prefix(6).map { "'\($0)'" }.joined(separator: ", "))) but no rows"
        case .raggedRows(let path, let expected, let first, let total):
            let list = first.map { "line \($0.0.line) has \($0.1)" }.joined(separator: ", ")
            return "\(path): \(total) row\(total == 1 ? "" : "s") with the wrong number of fields (expected \(expected)): \(list)\(total > first.count ? ", …" : "")"
        case .unterminatedQuote(let position):
            return "\(position): quoted field never closed: found the end of the file, expected a closing '\"'"
        case .textInNumericColumn(let position, let column, let role, let found):
            if Double(found.trimmingCharacters(in: .whitespaces)) != nil {
                return "\(position): column '\(column)' (\(role)) has '\(found)', a number out of range (expected a finite number of at most 15 digits)"
            }
            return "\(position): column '\(column)' (\(role)) has text '\(found)', expected a number"
        case .unreadableDate(let position, let column, let found, let format):
            return "\(position): column '\(column)' (time) has '\(found)', not a date (expected \(format), the layout of the other values)"
        case .impossibleDate(let position, let column, let found, let format):
            return "\(position): column '\(column)' has '\(found)', a date that does not exist (expected \(format))"
        case .missingRoles(let path, let missing, _):
            return "'\(path)' has no column for \(missing.map { "'\($0)'" }.joined(separator: ", "))"
        case .tooBigForMemory(let path, let needed, let available):
            return "'\(path)' needs about \(LoadError.megabytes(needed)) of memory to load, \(LoadError.megabytes(available)) is available"
        case .binaryFile(let position):
            return "\(position): found a NUL byte, expected text: this looks like a binary file"
        case .badCompression(let path, let reason):
            return "cannot decompress '\(path)': \(reason)"
        case .unknownColumn(let name, _):
            return "no column '\(name)'"
        case .wrongColumnType(let column, let role, let found, let expected):
            return "column '\(column)' holds \(found), but \(role) needs \(expected)"
        }
    }

    /// How to fix it.
    public var hint: String? {
        switch self {
        case .missingFile(_, let suggestion):
            if let suggestion { return "did you mean '\(suggestion)'?" }
            return "check the path; relative paths start from the directory upshell was started in"
        case .isDirectory: return "name a .csv, .tsv, .txt or .gz file inside it"
        case .unreadable: return "check the file's permissions"
        case .emptyFile: return nil
        case .headerOnly: return "the file was probably cut off; export it again"
        case .raggedRows: return "a field with an unquoted delimiter? quote it, or give delimiter=… if the delimiter was guessed wrong"
        case .unterminatedQuote: return "a quote opened here is never closed; fix the quote or give quote-free data"
        case .textInNumericColumn(_, let column, let role, _):
            return "clean that value, or map \(role) to another column (map \(role)=COLUMN); '\(column)' was read as text"
        case .impossibleDate: return "fix the date, or give date-format=… if the layout was guessed wrong"
        case .unreadableDate: return "fix or blank that value; date-format=… (iso, yyyymmdd, m/d/yyyy, d/m/yyyy, d.m.yyyy) reads another layout"
        case .missingRoles(_, let missing, let columns):
            let first = missing.first ?? "order"
            return "map it by hand: map \(first)=COLUMN (or load … \(first)=COLUMN); columns are \(columns.prefix(12).map { "'\($0)'" }.joined(separator: ", "))"
        case .tooBigForMemory: return "load a sample (head -n 1000000 FILE > sample.csv) or free memory"
        case .binaryFile: return "load a CSV or text export of the data"
        case .badCompression: return "check the file with 'gzip -t'"
        case .wrongColumnType(_, let role, _, _):
            return "describe the dataset to see each column's type, then map \(role) to another column"
        case .unknownColumn(let name, let columns):
            return Suggestions.didYouMean(name, in: columns)
                ?? "columns are \(columns.prefix(12).map { "'\($0)'" }.joined(separator: ", "))"
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        if bytes >= 1 << 30 { return String(format1(Double(bytes) / Double(1 << 30))) + " GB" }
        return String(bytes >> 20) + " MB"
    }

    static func format1(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
