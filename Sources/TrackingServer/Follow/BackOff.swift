/// How long to wait before trying a failing server again: the poll interval (at least a
/// second) doubled after each failure in a row, up to a minute, spread by ±20% so that many
/// dashboards do not all come back at the same instant after a server restarts. Pure:
/// `jitter` is a number in [0, 1) the caller draws.
public enum BackOff {
    public static let longestSeconds = 60.0

    public static func delay(afterFailures failures: Int, pollInterval: Double, jitter: Double) -> Double {
        guard failures > 0 else { return pollInterval }
        let base = max(1, pollInterval)
        let doubled = base * Double(1 << min(failures - 1, 16))
        let spread = 0.8 + 0.4 * min(max(jitter, 0), 1)
        return min(longestSeconds, doubled) * spread
    }
}
