import UpshellCore

/// Turns the chunk builders of one column into a finished ``Column``: concatenates values, merges
/// dictionaries (chunk codes remapped to one dictionary), narrows integers, and stores decimals as
/// exact fixed-point when they have at most 6 significant fraction digits.
enum ColumnMerger {
    /// What a merge stopped by Ctrl-C returns: an empty column that is never used, because the reader
    /// checks for Ctrl-C once every column is merged and throws.
    static func abandoned(_ name: String) -> Column { Column(name: name, values: .double([])) }

    /// Merges one column's chunk builders (`parts`, in file order), emptying them as it goes.
    // hot loop: one pass over every value of a column per chunk; kept as one body so each typed case's loop stays specialised, without closures or protocol calls per value.
    static func merge(_ parts: inout [ColumnBuilder], name: String, encoding: TextEncoding) -> Column {
        let kind = parts.first?.kind ?? .text
        let total = parts.reduce(0) { $0 + $1.count }
        switch kind {
        case .integer, .timestamp:
            var chunks: [[Int64]] = []
            var midnight = true
            for j in parts.indices {
                chunks.append(parts[j].ints)
                midnight = midnight && parts[j].allMidnight
                parts[j].ints = []
            }
            if kind == .integer, !chunks.contains(where: { $0.contains { $0 != .min } }) {
                // never a value: an empty text column rather than a guess
                return Column(name: name, values: .text(codes: IntStorage.narrowingCodes([Int32](repeating: -1, count: total), dictionarySize: 0), dictionary: []))
            }
            let storage = IntStorage.narrowing(chunks: chunks)
            chunks = []
            if kind == .integer { return Column(name: name, values: .integer(storage)) }
            return Column(name: name, values: .timestamp(storage, dateOnly: midnight))
        case .decimal:
            let scale = parts.reduce(0) { max($0, $1.maxScale) }
            if scale <= 6 {
                let factor = powersOfTen[scale]
                // one pass per chunk: scaled to whole numbers, each chunk's doubles freed once converted
                var chunks: [[Int64]] = []
                var exact = true
                for j in parts.indices {
                    if Cancellation.isRequested { return abandoned(name) }
                    var out = [Int64]()
                    out.reserveCapacity(parts[j].doubles.count)
                    exact = parts[j].doubles.withUnsafeBufferPointer { values in
                        for v in values {
                            if v.isNaN { out.append(.min); continue }
                            let x = v * factor
                            guard abs(x) < 9.0e15 else { return false }
                            // round half away from zero; x is within rounding error of a whole number
                            out.append(Int64(x < 0 ? x - 0.5 : x + 0.5))
                        }
                        return true
                    }
                    if !exact { break }
                    chunks.append(out)
                    parts[j].doubles = []
                }
                if exact {
                    let storage = IntStorage.narrowing(chunks: chunks)
                    if scale == 0 { return Column(name: name, values: .integer(storage)) }
                    return Column(name: name, values: .fixed(storage, scale: scale))
                }
                // a value too large: back to doubles (whole numbers below 2^53 over a power of ten give
                // back exactly the doubles they came from)
                for j in chunks.indices {
                    parts[j].doubles = chunks[j].map { $0 == .min ? .nan : Double($0) / factor }
                }
            }
            var all = [Double]()
            all.reserveCapacity(total)
            for j in parts.indices {
                all.append(contentsOf: parts[j].doubles)
                parts[j].doubles = []
            }
            return Column(name: name, values: .double(all))
        case .text:
            // merge the chunk dictionaries first, so the code width is known before codes are copied
            let timer = PhaseTimer("merge \(name)")
            var dictionary = ByteDictionary()
            var remaps: [[Int32]] = []
            var reserved = false
            for j in parts.indices {
                // Ctrl-C: stop between chunks; the caller throws before the column is used
                if Cancellation.isRequested { return abandoned(name) }
                let local = parts[j].dictionary
                if j == 0 {
                    dictionary = local
                    remaps.append([])
                } else if let first = dictionary.appendInOrder(local) {
                    // chunks of values in increasing order (sorted order ids): codes shift, nothing is hashed
                    remaps.append((0..<Int32(local.count)).map { first + $0 })
                } else {
                    if !reserved {
                        reserved = true
                        // room for every later chunk's entries at once (an upper bound: chunks share values)
                        dictionary.reserve(entries: parts[j...].reduce(dictionary.count) { $0 + $1.dictionary.count },
                                           bytes: parts[j...].reduce(dictionary.byteCount) { $0 + $1.dictionary.byteCount })
                    }
                    remaps.append(dictionary.intern(allOf: local))
                }
                parts[j].dictionary = ByteDictionary()
            }
            timer.mark("dictionaries merged (in order, unhashed: \(!dictionary.isIndexed))")
            var strings: [String] = []
            strings.reserveCapacity(dictionary.count)
            for k in 0..<dictionary.count {
                if k & 0xFFFF == 0xFFFF, Cancellation.isRequested { return abandoned(name) }
                strings.append(CSVReader.decode(dictionary.entry(k), encoding))
            }
            timer.mark("strings")
            func build<T: FixedWidthInteger>(_ type: T.Type) -> [T] {
                var out = [T]()
                out.reserveCapacity(total)
                for j in parts.indices {
                    if Cancellation.isRequested { break }  // the caller throws before the column is used
                    let remap = remaps[j]
                    if j == 0 {
                        for k in parts[j].codes { out.append(T(truncatingIfNeeded: k)) }
                    } else {
                        for k in parts[j].codes { out.append(T(truncatingIfNeeded: k < 0 ? -1 : remap[Int(k)])) }
                    }
                    parts[j].codes = []
                }
                return out
            }
            let storage: IntStorage
            if strings.count <= Int(Int8.max) {
                storage = .i8(build(Int8.self))
            } else if strings.count <= Int(Int16.max) {
                storage = .i16(build(Int16.self))
            } else if strings.count <= Int(PackedInt24.max) {
                var out = PackedInt24(capacity: total)
                for j in parts.indices where !Cancellation.isRequested {
                    let remap = remaps[j]
                    out.append(contentsOf: j == 0 ? parts[j].codes : parts[j].codes.map { $0 < 0 ? -1 : remap[Int($0)] })
                    parts[j].codes = []
                }
                storage = .i24(out)
            } else {
                storage = .i32(build(Int32.self))
            }
            return Column(name: name, values: .text(codes: storage, dictionary: strings))
        }
    }
}
