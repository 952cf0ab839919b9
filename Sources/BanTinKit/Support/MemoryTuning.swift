/// glibc raises its mmap threshold each time a large block is freed, so after the related-news step frees its
/// arrays (tens of megabytes) later large arrays come from the heap and the freed memory is never given back.
/// A fixed threshold keeps large blocks in their own mappings, returned to the system when freed: the build's
/// peak memory then follows what is actually alive.
public enum MemoryTuning {
    public static func returnLargeBlocksToTheSystem() {
        #if os(Linux)
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD; malloc.h is not part of Swift's Glibc module
        _ = glibcMallopt(mmapThreshold, 256 * 1024)
        #endif
    }
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
