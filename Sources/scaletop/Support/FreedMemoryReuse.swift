import CMalloc

/// glibc's allocator hands the pages of a large freed block back to the system as soon as the
/// free space at the top of its heap passes a threshold it adjusts as it goes, and blocks above
/// another moving threshold are mapped and unmapped each time. A large log is parsed a chunk at
/// a time into arrays of a few hundred kilobytes, freed once stored: whether those pages were
/// reused or returned (and faulted in afresh, zeroed, for the next chunk) depended on which
/// thread freed what when. A change that stored chunks faster raised the loading's page
/// faults 2.6× (6,100 → 16,100 on a 189 MB log) and lost more time than it saved (perf stat,
/// issue 16). Fixed thresholds keep up to `retainedBytes` of freed memory for reuse instead
/// (6,000 faults again); the price is that much memory held after a large load, 4 MB (4 B a
/// point) on that log's peak RSS.
enum FreedMemoryReuse {
    /// Free memory a heap keeps before it returns any (the default starts at 128 KiB).
    static let retainedBytes: Int32 = 64 << 20
    /// Blocks from here up are mapped on their own and unmapped when freed: a run's point
    /// columns of 1e8 points, not a chunk's arrays.
    static let ownMappingBytes: Int32 = 32 << 20

    /// Call once, before any thread allocates.
    static func configure() {
        _ = mallopt(M_TRIM_THRESHOLD, retainedBytes)
        _ = mallopt(M_MMAP_THRESHOLD, ownMappingBytes)
    }
}
