import Foundation

/// glibc raises its mmap threshold each time a large block is freed, so after the related-news step frees its
/// arrays (tens of megabytes) later large arrays come from the heap and the freed memory is never given back.
/// A fixed threshold keeps large blocks in their own mappings, returned to the system when freed: the build's
/// peak memory then follows what is actually alive.
public enum MemoryTuning {
    ///
    /// Heaps ("arenas") are also kept to two per core: glibc makes up to eight per core for threads that allocate
    /// at once, and the 32 threads reading the articles (`Parallel.mapReading`) made it keep more, each with its
    /// free space (10,000 articles peaked at 199 MB instead of 188; with this, 191 MB).
    public static func returnLargeBlocksToTheSystem() {
        #if os(Linux)
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD; malloc.h is not part of Swift's Glibc module
        let arenaMaximum: Int32 = -8   // M_ARENA_MAX
        _ = glibcMallopt(mmapThreshold, 256 * 1024)
        _ = glibcMallopt(arenaMaximum, Int32(2 * ProcessInfo.processInfo.activeProcessorCount))
        #endif
    }

    /// Gives the system back the free pages inside malloc's heaps. Small blocks freed by a stage (the Markdown
    /// sources, a stage's scratch strings) leave holes that only later small blocks reuse, while the next stage's
    /// large arrays get mappings of their own: without this, those holes stay resident under them.
    static func returnFreedMemory() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
