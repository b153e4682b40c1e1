import CLapack

/// OpenBLAS starts worker threads by default. Threaded reductions can change the order of
/// summation, so results reproduce bit for bit only on one thread (swift-notes.md,
/// "OpenBLAS threads"); our matrices are tiny, so one thread costs nothing.
///
/// Setting one thread does not stop the workers already started: Debian's pthread OpenBLAS
/// starts them when it is loaded (in the static, installed binary, before `main`), and each
/// spins on `sched_yield` for ~2^28 cycles before it sleeps. While `scaletop runs` read a
/// 30 MB event file that spinning was a quarter of the process's samples, 0.1 s of a core the
/// parse needed (perf, issue 16). So the workers are shut down too, as the process starts.
public enum BLASThreading {
    private static let pinned: Bool = {
        openblas_set_num_threads(1)
        _ = blas_thread_shutdown_()
        return true
    }()

    /// Call at start-up and before any BLAS/LAPACK work. Idempotent and thread-safe (a lazy
    /// static).
    public static func pinToOneThread() {
        _ = pinned
    }
}
