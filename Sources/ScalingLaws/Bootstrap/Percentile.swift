/// The type-7 percentile (linear between order statistics, as numpy's default) of sorted
/// values: the one definition the bootstrap summaries, the what-if intervals and the
/// dashboard's bands share. Stays defined when the values contain infinities (a bootstrap
/// draw whose law never reaches a target loss needs +∞ compute).
public enum Percentile {
    public static func of(sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lo = Int(position.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        let frac = position - Double(lo)
        if frac == 0 || sorted[lo] == sorted[hi] { return sorted[lo] }
        if !sorted[lo].isFinite || !sorted[hi].isFinite { return sorted[hi].isFinite ? sorted[lo] : sorted[hi] }
        return sorted[lo] + frac * (sorted[hi] - sorted[lo])
    }
}
