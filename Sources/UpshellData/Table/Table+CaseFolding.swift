extension Table {
    /// Upper-cases the values of text column `c` in place, merging values that differ only in case
    /// (`85099b` and `85099B` become one code). Returns the distinct values before and after, or `nil`
    /// when the column is not text. Only for tables (not views): the load applies it before anything
    /// else shares the column.
    ///
    /// - Complexity: O(rows + distinct values).
    @discardableResult
    public mutating func uppercase(column c: Int) -> (before: Int, after: Int)? {
        guard rowSelection == nil, case .text(let storage, let dictionary) = columns[c].values else { return nil }
        var folded: [String] = []
        var index: [String: Int32] = [:]
        let remap: [Int32] = dictionary.map { value in
            let key = value.uppercased()
            if let k = index[key] { return k }
            let k = Int32(folded.count)
            index[key] = k
            folded.append(key)
            return k
        }
        let codes = storage.codeValues().map { $0 < 0 ? Int32(-1) : remap[Int($0)] }
        replaceValues(c, with: .text(codes: IntStorage.narrowingCodes(codes, dictionarySize: folded.count), dictionary: folded))
        return (dictionary.count, folded.count)
    }
}
