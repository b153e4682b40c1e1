import CLapack

/// OpenBLAS starts worker threads by default. Threaded reductions can change the order of
/// summation, so results reproduce bit for bit only on one thread (swift-notes.md,
/// "OpenBLAS threads"); our matrices are tiny, so one thread costs nothing.
enum BLASThreading {
    private static let pinned: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// Call before any BLAS/LAPACK work. Idempotent and thread-safe (a lazy static).
    static func pinToOneThread() {
        _ = pinned
    }
}
