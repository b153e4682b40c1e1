import CLapack

/// OpenBLAS starts worker threads by default. Threaded reductions can change the order of
/// summation, so results reproduce bit for bit only on one thread (swift-notes.md,
/// "OpenBLAS threads"); our matrices are tiny, so one thread costs nothing.
///
/// Setting one thread does not stop the workers already started: Debian's pthread OpenBLAS
/// starts them when it is loaded (before `main`), and each spins on `sched_yield` for ~2^28
/// cycles before it sleeps. While `scaletop runs` read a 30 MB event file that spinning was a
/// quarter of the installed binary's samples, 0.1 s of a core the parse needed (perf, issue
/// 16). So the workers are shut down too, as the process starts. (`runs` used to look the
/// shutdown up with `dlsym`, which finds it in the shared library but not in the static
/// binary, where it is linked in and not exported.) With one thread, OpenBLAS never hands
/// work to a worker, so none is started again; but setting the number of threads, even to 1,
/// starts them again: nothing else may call `openblas_set_num_threads`.
public enum BLASThreading {
    private static let pinned: Bool = {
        openblas_set_num_threads(1)   // first: it would restart workers stopped before it
        scaletop_stop_blas_workers()
        return true
    }()

    /// Call at start-up and before any BLAS/LAPACK work. Idempotent and thread-safe (a lazy
    /// static).
    public static func pinToOneThread() {
        _ = pinned
    }
}
