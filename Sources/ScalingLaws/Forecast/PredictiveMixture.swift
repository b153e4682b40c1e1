/// A weighted mixture of normals (the grid posterior's predictions of one loss), optionally
/// truncated below a floor: the loss is then conditioned on not going below what physics
/// allows (0, or the study's irreducible loss).
struct PredictiveMixture {
    var weights: [Double]
    var means: [Double]
    var sds: [Double]
    var floor: Double?

    func cdf(_ v: Double) -> Double {
        var total = 0.0
        for k in weights.indices {
            total += weights[k] * (sds[k] > 0 ? StandardNormal.cdf((v - means[k]) / sds[k]) : (v >= means[k] ? 1 : 0))
        }
        return total
    }

    /// The mixture's mass below the floor (0 without one).
    var massBelowFloor: Double { floor.map(cdf) ?? 0 }

    /// The p-quantile by bisection, of the truncated mixture when there is a floor. When
    /// (almost) all of the mass lies below the floor, the floor.
    func quantile(_ p: Double) -> Double {
        let below = massBelowFloor
        if let floor, below > 1 - 1e-9 { return floor }
        let target = below + p * (1 - below)
        var lo = Double.infinity, hi = -Double.infinity
        for k in weights.indices where weights[k] > 0 {
            lo = Swift.min(lo, means[k] - 9 * sds[k])
            hi = Swift.max(hi, means[k] + 9 * sds[k])
        }
        if let floor { lo = Swift.max(lo, floor) }
        guard lo < hi else { return lo.isFinite ? lo : (floor ?? 0) }
        for _ in 0..<48 where hi - lo > 1e-6 {
            let mid = (lo + hi) / 2
            if cdf(mid) < target { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
