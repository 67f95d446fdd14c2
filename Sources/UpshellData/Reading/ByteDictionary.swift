import Glibc

/// Interns byte strings to dense codes 0, 1, 2… in order of first appearance.
///
/// Open addressing with linear probing over a power-of-two slot table; entries live back to back in
/// one byte arena, so a dictionary of *k* entries costs about their bytes plus 16 bytes each.
/// The hash reads 8 bytes at a time (a multiply-xorshift mix in the spirit of wyhash).
///
/// Values that arrive in increasing byte order (order ids in an export sorted by order) need no hash:
/// ``codeInOrder(_:_:)`` appends them to an *unindexed* dictionary, whose slot table is only built,
/// from the entries, when a value first arrives out of order (or when ``intern(_:_:)`` is called).
struct ByteDictionary: Sendable {
    private(set) var arena: [UInt8] = []
    /// Entry *k* occupies `arena[starts[k]..<starts[k+1]]`.
    private(set) var starts: [Int32] = [0]
    /// Hash of each entry (filled when indexed).
    private var hashes: [UInt32] = []
    /// Slot table (empty while unindexed).
    private var slots: [Int32] = []

    /// Whether the slot table exists. `false` while every entry came through ``codeInOrder(_:_:)``, so
    /// each entry is greater, in byte order, than the one before.
    var isIndexed: Bool { !slots.isEmpty }

    /// Number of entries.
    var count: Int { starts.count - 1 }

    /// The bytes of entry `k`.
    func entry(_ k: Int) -> ArraySlice<UInt8> { arena[Int(starts[k])..<Int(starts[k + 1])] }

    /// Whether every entry is valid UTF-8. Pure ASCII (checked 8 bytes at a time) answers without
    /// decoding; otherwise each entry is validated on its own.
    var isValidUTF8: Bool {
        let ascii = arena.withUnsafeBytes { raw -> Bool in
            var i = 0, acc: UInt64 = 0
            while i + 8 <= raw.count { acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self); i += 8 }
            while i < raw.count { acc |= UInt64(raw[i]); i += 1 }
            return acc & 0x8080_8080_8080_8080 == 0
        }
        return ascii || (0..<count).allSatisfy { String(validating: entry($0), as: UTF8.self) != nil }
    }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// The code of bytes `p[0..<n]`, adding them if new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        if slots.isEmpty { buildIndex() }
        return intern(p, n, hash: ByteDictionary.hash(p, n))
    }

    /// Without hashing: the code of bytes `p[0..<n]` when they equal the last entry or come after it
    /// in byte order (then added), while the dictionary is unindexed; `nil` otherwise, adding nothing
    /// (use ``intern(_:_:)``, which indexes the entries first).
    @inline(__always)
    mutating func codeInOrder(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        guard slots.isEmpty else { return nil }
        let k = starts.count - 1
        if k > 0 {
            let a = Int(starts[k - 1]), m = Int(starts[k]) - a
            let order = arena.withUnsafeBufferPointer { ByteDictionary.compare(p, n, $0.baseAddress! + a, m) }
            if order == 0 { return Int32(k - 1) }
            if order < 0 { return nil }
        }
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        starts.append(Int32(arena.count))
        return Int32(k)
    }

    /// Byte order of `a[0..<m]` against `b[0..<n]`: negative, zero or positive (a prefix comes first).
    @inline(__always)
    static func compare(_ a: UnsafePointer<UInt8>, _ m: Int, _ b: UnsafePointer<UInt8>, _ n: Int) -> Int {
        let common = min(m, n)
        if common > 0 {
            let c = Int(memcmp(a, b, common))
            if c != 0 { return c }
        }
        return m - n
    }

    /// Hashes every entry and builds the slot table, with room for `entries` entries in all (turns an
    /// in-order dictionary into a hashed one).
    mutating func buildIndex(entries: Int = 0) {
        guard slots.isEmpty else { return }
        hashes.removeAll(keepingCapacity: true)
        hashes.reserveCapacity(count)
        arena.withUnsafeBufferPointer { buf in
            var zero: UInt8 = 0
            withUnsafePointer(to: &zero) { empty in
                for k in 0..<count {
                    let a = Int(starts[k]), b = Int(starts[k + 1])
                    hashes.append(ByteDictionary.hash(b == a ? empty : buf.baseAddress! + a, b - a))
                }
            }
        }
        var capacity = 64
        while max(count, entries) * 2 > capacity { capacity *= 2 }
        rehash(capacity)
    }

    /// Appends the entries of `other` without hashing, when both are unindexed (in order) and `other`'s
    /// first entry is this one's last or comes after it (a chunk border inside a run of one order id).
    /// Returns the code that `other`'s first entry now has (entry *k* has that plus *k*), or `nil` when
    /// that does not hold (nothing changed).
    mutating func appendInOrder(_ other: ByteDictionary) -> Int32? {
        guard slots.isEmpty, other.slots.isEmpty else { return nil }
        let offset = count
        var skip = 0
        if offset > 0 && other.count > 0 {
            let a = Int(starts[offset - 1]), m = Int(starts[offset]) - a
            let b = Int(other.starts[0]), n = Int(other.starts[1]) - b
            let order = arena.withUnsafeBufferPointer { mine in
                other.arena.withUnsafeBufferPointer { theirs in
                    ByteDictionary.compare(theirs.baseAddress! + b, n, mine.baseAddress! + a, m)
                }
            }
            guard order >= 0 else { return nil }
            if order == 0 { skip = 1 }
        }
        guard skip < other.count else { return Int32(offset - skip) }
        let from = Int(other.starts[skip])
        let shift = Int32(arena.count) - Int32(from)
        arena.append(contentsOf: other.arena[from...])
        starts.reserveCapacity(starts.count + other.count - skip)
        for k in (skip + 1)..<other.starts.count { starts.append(other.starts[k] + shift) }
        return Int32(offset - skip)
    }

    /// Makes room for `entries` entries of `bytes` bytes in all, so that many interns neither grow the
    /// arena nor rehash the slot table.
    mutating func reserve(entries: Int, bytes: Int) {
        arena.reserveCapacity(bytes)
        starts.reserveCapacity(entries + 1)
        hashes.reserveCapacity(entries)
        if slots.isEmpty { buildIndex(entries: entries); return }
        var capacity = slots.count
        while entries * 2 > capacity { capacity *= 2 }
        if capacity > slots.count { rehash(capacity) }
    }

    /// Total bytes of all entries.
    var byteCount: Int { arena.count }

    private mutating func rehash(_ capacity: Int) {
        slots = Array(repeating: -1, count: capacity)
        let mask = capacity - 1
        for (k, hk) in hashes.enumerated() {
            var t = Int(hk) & mask
            while slots[t] >= 0 { t = (t + 1) & mask }
            slots[t] = Int32(k)
        }
    }

    @inline(__always)
    private mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt32) -> Int32 {
        let mask = slots.count - 1
        var s = Int(h) & mask
        while true {
            let k = slots[s]
            if k < 0 { break }
            if hashes[Int(k)] == h {
                let a = Int(starts[Int(k)]), b = Int(starts[Int(k) + 1])
                if b - a == n {
                    let same = arena.withUnsafeBufferPointer { buf in
                        n == 0 || memcmpBytes(buf.baseAddress! + a, p, n)
                    }
                    if same { return k }
                }
            }
            s = (s + 1) & mask
        }
        let code = Int32(count)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        starts.append(Int32(arena.count))
        hashes.append(h)
        slots[s] = code
        if count * 2 > slots.count { rehash(slots.count * 2) }
        return code
    }

    /// The codes in this dictionary of every entry of `other`, adding those that are new.
    /// An indexed `other` lends its entries' hashes; an unindexed one has them computed here.
    mutating func intern(allOf other: ByteDictionary) -> [Int32] {
        if slots.isEmpty { buildIndex() }
        var out = [Int32](repeating: 0, count: other.count)
        let hashed = other.isIndexed
        other.arena.withUnsafeBufferPointer { buf in
            var zero: UInt8 = 0
            withUnsafePointer(to: &zero) { empty in
                for k in 0..<other.count {
                    let a = Int(other.starts[k]), b = Int(other.starts[k + 1])
                    let p = b == a ? empty : buf.baseAddress! + a
                    out[k] = intern(p, b - a, hash: hashed ? other.hashes[k] : ByteDictionary.hash(p, b - a))
                }
            }
        }
        return out
    }
}

@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    while i + 8 <= n {
        if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
