/// Starting points for the multi-start fit of L̂(N, D) (Hoffmann et al. 2022, Appendix D.2):
/// α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}: 4500 starts.
public struct HoffmannStartGrid: Sendable, Equatable {
    public var logA: [Double]
    public var logB: [Double]
    public var logE: [Double]
    public var alpha: [Double]
    public var beta: [Double]

    public init(logA: [Double], logB: [Double], logE: [Double], alpha: [Double], beta: [Double]) {
        self.logA = logA
        self.logB = logB
        self.logE = logE
        self.alpha = alpha
        self.beta = beta
    }

    /// The paper's full grid (4500 starts).
    public static let hoffmann = HoffmannStartGrid(
        logA: [0, 5, 10, 15, 20, 25], logB: [0, 5, 10, 15, 20, 25],
        logE: [-1, -0.5, 0, 0.5, 1], alpha: [0, 0.5, 1, 1.5, 2], beta: [0, 0.5, 1, 1.5, 2])

    /// A fixed 32-start subset of the paper's grid (every value is a grid value), used by
    /// the benchmark and the tests to stay short.
    public static let subset = HoffmannStartGrid(
        logA: [5, 10], logB: [5, 10], logE: [-1, 0.5], alpha: [0.5, 1], beta: [0.5, 1])

    public var count: Int { logA.count * logB.count * logE.count * alpha.count * beta.count }

    /// Every start as (a, b, e, α, β), the objective's parameter order.
    public var starts: [[Double]] {
        var out: [[Double]] = []
        out.reserveCapacity(count)
        for a in logA { for b in logB { for e in logE { for al in alpha { for be in beta {
            out.append([a, b, e, al, be])
        }}}}}
        return out
    }

    /// Whether θ lies on or outside the box the grid spans (a warning sign that the grid
    /// did not bracket the answer).
    public func isOnOrOutsideEdge(_ theta: [Double]) -> Bool {
        let axes = [logA, logB, logE, alpha, beta]
        for (k, axis) in axes.enumerated() {
            guard let lo = axis.min(), let hi = axis.max(), lo < hi else { continue }
            if theta[k] <= lo || theta[k] >= hi { return true }
        }
        return false
    }
}
