/// The bytes libFuzzer hands a target, split into option choices (the first bytes) and the data.
struct FuzzInput {
    var knobs: [UInt8]
    var data: [UInt8]

    /// Takes the first `knobCount` bytes as choices (missing ones read as 0), the rest as data.
    init(_ pointer: UnsafePointer<UInt8>, _ size: Int, knobCount: Int) {
        let all = Array(UnsafeBufferPointer(start: pointer, count: size))
        knobs = Array(all.prefix(knobCount)) + Array(repeating: 0, count: max(0, knobCount - all.count))
        data = Array(all.dropFirst(knobCount))
    }

    /// Choice `k` as an index into `count` alternatives.
    func pick(_ k: Int, _ count: Int) -> Int { Int(knobs[k]) % count }
}
