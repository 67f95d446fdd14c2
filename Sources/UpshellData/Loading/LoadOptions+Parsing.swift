import Foundation
import UpshellCore

extension LoadOptions {
    /// Option names ``set(_:_:)`` understands besides role names (`order=…`) and cleaning
    /// categories (`cancelled=keep`): for help and completion.
    public static let optionNames = ["format", "delimiter", "header", "columns", "encoding", "decimal", "date-format",
                                     "threads", "kind", "upper"]

    /// Applies one `name=value` option of `load`, as typed in the shell:
    /// `format=auto|lines|baskets`, `delimiter=,|;|tab|pipe|space|…`, `header=true|false`,
    /// `columns=a,b,c`, `encoding=auto|utf8|latin1`, `decimal=,|.`, `date-format=YYYY-MM-DD|…`,
    /// `threads=N`, `kind=orders|table`, `upper=COLUMN[,COLUMN]`, a role (`order=InvoiceNo`, `unit-price=Price`), or a cleaning
    /// category (`duplicates=drop`).
    ///
    /// Throws ``LoadError/badOption(name:value:expected:)`` for anything else.
    public mutating func set(_ name: String, _ value: String) throws {
        let key = name.lowercased()
        func bad(_ expected: String) -> LoadError { .badOption(name: name, value: value, expected: expected) }
        switch key {
        case "format":
            guard let f = Format(rawValue: value.lowercased()) else { throw bad("auto, lines or baskets") }
            format = f
        case "delimiter", "sep", "separator", "delim":
            guard let d = Delimiter(option: value) else { throw bad("one character, tab, pipe, semicolon or space") }
            delimiter = d
        case "header":
            guard let b = LoadOptions.bool(value) else { throw bad("true or false") }
            header = b
        case "columns", "names":
            let names = value.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard !names.contains(where: \.isEmpty) else { throw bad("names separated by commas, e.g. columns=id,item,price") }
            columnNames = names
            if header == nil { header = false }
        case "encoding":
            switch value.lowercased() {
            case "auto": encoding = .auto
            case "utf8", "utf-8": encoding = .utf8
            case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "windows-1252", "cp1252": encoding = .latin1
            default: throw bad("auto, utf8 or latin1")
            }
        case "decimal":
            switch value.lowercased() {
            case ",", "comma": decimalComma = true
            case ".", "point", "dot": decimalComma = false
            default: throw bad("',' or '.'")
            }
        case "decimal-comma":
            guard let b = LoadOptions.bool(value) else { throw bad("true or false") }
            decimalComma = b
        case "date-format", "dateformat", "date":
            guard let f = DateFormat(option: value) else { throw bad("YYYY-MM-DD, YYYYMMDD, M/D/YYYY, D/M/YYYY or D.M.YYYY") }
            dateFormat = f
        case "threads":
            guard let n = Int(value), n >= 1, n <= 64 else { throw bad("a number of threads from 1 to 64") }
            threads = n
        case "upper", "uppercase":
            let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw bad("column names separated by commas, e.g. upper=StockCode") }
            uppercaseColumns += names
        case "kind":
            guard let k = Kind(rawValue: value.lowercased()) else { throw bad("orders or table") }
            kind = k
        default:
            if let role = ColumnRole(shellName: key) {
                roleOverrides[role] = value
            } else if let action = CleaningPolicy.Action(rawValue: value.lowercased()), cleaning.set(key, action) {
                break
            } else {
                let known = LoadOptions.optionNames + ColumnRole.allCases.map(\.shellName) + CleaningPolicy.categoryNames
                throw LoadError.badOption(name: name, value: value,
                                          expected: "an option: " + (Suggestions.didYouMean(name, in: known) ?? known.joined(separator: ", ")))
            }
        }
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "1", "on", "y": true
        case "false", "no", "0", "off", "n": false
        default: nil
        }
    }
}
