/// Turns the chunk builders of one column into a finished ``Column``: concatenates values, merges
/// dictionaries (chunk codes remapped to one dictionary), narrows integers, and stores decimals as
/// exact fixed-point when they have at most 6 significant fraction digits.
enum ColumnMerger {
    static func merge(_ parts: inout [ChunkParser], column c: Int, name: String, encoding: TextEncoding) -> Column {
        let kind = parts.first?.builders[c].kind ?? .text
        let total = parts.reduce(0) { $0 + $1.builders[c].count }
        switch kind {
        case .integer, .timestamp:
            var all = [Int64]()
            all.reserveCapacity(total)
            var midnight = true
            for j in parts.indices {
                all.append(contentsOf: parts[j].builders[c].ints)
                midnight = midnight && parts[j].builders[c].allMidnight
                parts[j].builders[c].ints = []
            }
            if kind == .integer, !all.contains(where: { $0 != .min }) {
                // never a value: an empty text column rather than a guess
                return Column(name: name, values: .text(codes: IntStorage.narrowingCodes([Int32](repeating: -1, count: all.count), dictionarySize: 0), dictionary: []))
            }
            let storage = IntStorage.narrowing(all)
            if kind == .integer { return Column(name: name, values: .integer(storage)) }
            return Column(name: name, values: .timestamp(storage, dateOnly: midnight))
        case .decimal:
            var all = [Double]()
            all.reserveCapacity(total)
            var scale = 0
            for j in parts.indices {
                all.append(contentsOf: parts[j].builders[c].doubles)
                scale = max(scale, parts[j].builders[c].maxScale)
                parts[j].builders[c].doubles = []
            }
            if scale <= 6 {
                let factor = powersOfTen[scale]
                var raw = [Int64]()
                raw.reserveCapacity(all.count)
                var exact = true
                for v in all {
                    if v.isNaN { raw.append(.min); continue }
                    let r = (v * factor).rounded()
                    if abs(r) >= 9.0e15 { exact = false; break }
                    raw.append(Int64(r))
                }
                if exact {
                    let storage = IntStorage.narrowing(raw)
                    if scale == 0 { return Column(name: name, values: .integer(storage)) }
                    return Column(name: name, values: .fixed(storage, scale: scale))
                }
            }
            return Column(name: name, values: .double(all))
        case .text:
            var dictionary = ByteDictionary()
            var codes = [Int32]()
            codes.reserveCapacity(total)
            for j in parts.indices {
                let local = parts[j].builders[c].dictionary
                if j == 0 {
                    dictionary = local
                    codes.append(contentsOf: parts[j].builders[c].codes)
                } else {
                    let remap = (0..<local.count).map { dictionary.intern(entry: $0, of: local) }
                    for k in parts[j].builders[c].codes { codes.append(k < 0 ? -1 : remap[Int(k)]) }
                }
                parts[j].builders[c].codes = []
                parts[j].builders[c].dictionary = ByteDictionary()
            }
            let strings = (0..<dictionary.count).map { CSVReader.decode(dictionary.entry($0), encoding) }
            return Column(name: name, values: .text(codes: IntStorage.narrowingCodes(codes, dictionarySize: strings.count),
                                                    dictionary: strings))
        }
    }
}
