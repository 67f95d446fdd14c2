/// How the process's heap treats the large, short-lived buffers of a load (glibc malloc on Linux;
/// nothing elsewhere).
///
/// glibc gives each thread that allocates its own arena; after a parallel load, freed parse buffers
/// pinned by a few live blocks in those arenas stay resident (up to 30 MB at 10 M lines, varying
/// from run to run). One arena keeps resident memory after a load at what the data holds, at no
/// measurable cost: the parsers allocate per chunk, not per row (`Scripts/bench --only load`).
public enum HeapPolicy {
    /// Limits malloc to one arena. Call at start-up, before other threads allocate.
    public static func useOneArena() {
        #if os(Linux)
        _ = glibcMallopt(mArenaMax, 1)
        #endif
    }

    /// Keeps freed small blocks in the heap for the next allocation instead of returning them at once (the
    /// heap is not trimmed as it shrinks), while blocks of 4 MiB or more get their own mapping, returned to
    /// the system the moment they are freed. A load's large arrays — parse buffers, per-line ids, per-order
    /// totals — are freed phase by phase; kept in the heap (the old 32 MiB threshold) they stayed resident
    /// beside the next phase's arrays and raised the peak of a 10 M-line load by about 50 MiB, varying from
    /// run to run (`Scripts/bench --only load` prints the peak). ``releaseFreedMemory()`` after the load
    /// still returns what is free. Call at start-up.
    public static func reuseFreedMemory() {
        #if os(Linux)
        _ = glibcMallopt(mMmapThreshold, 4 << 20)
        _ = glibcMallopt(mTrimThreshold, Int32.max)
        #endif
    }

    /// Hands freed heap pages back to the system (glibc keeps them otherwise), so resident memory
    /// after a load is what the loaded data holds.
    public static func releaseFreedMemory() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
/// `M_ARENA_MAX` of `<malloc.h>`.
private let mArenaMax: Int32 = -8
/// `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` of `<malloc.h>`.
private let mTrimThreshold: Int32 = -1, mMmapThreshold: Int32 = -3

/// glibc's `mallopt` (declared in `<malloc.h>`, which the Glibc module does not export).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// glibc's `malloc_trim` (declared in `<malloc.h>`).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
