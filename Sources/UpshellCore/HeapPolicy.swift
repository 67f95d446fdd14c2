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

/// glibc's `mallopt` (declared in `<malloc.h>`, which the Glibc module does not export).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// glibc's `malloc_trim` (declared in `<malloc.h>`).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
