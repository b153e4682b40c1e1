import Glibc

/// CLOCK_MONOTONIC in seconds: how long a fit took, or how long forecasting has run, on a
/// clock the wall clock's changes do not move. One reading for the fitter, the fit thread,
/// the dashboard's loop and `scaletop fit` (each once had its own copy).
public enum MonotonicClock {
    public static func seconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
