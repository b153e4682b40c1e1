#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loss curve L(x) = L₀ + A·S₁(x)^(−α) − C·S₂(x) (Tissue et al. 2024's LR-annealing law,
/// methods.md §5.1), where S₁, S₂ are the schedule's areas; with no schedule, S₁ = x and
/// C = 0, the power law plus constant in steps of methods.md §5.1's first row.
///
/// Fitted by variable projection (methods.md §9.4): for each α on a grid, (L₀, A, C) is a
/// linear least-squares problem with A, C ≥ 0 (every sign pattern tried, the best
/// feasible one kept); golden section then refines α around the best grid value.
public struct LearningCurveLaw: Sendable, Equatable {
    public var irreducibleLoss: Double
    public var coefficient: Double
    public var exponent: Double
    /// C ≥ 0, the loss drop per unit of annealing area (0 without a schedule).
    public var annealingCoefficient: Double

    public func loss(forwardArea s1: Double, annealingArea s2: Double) -> Double {
        irreducibleLoss + coefficient * pow(s1, -exponent) - annealingCoefficient * s2
    }

    /// Log-spaced exponent grid, 0.02…3.
    static let exponentGrid: [Double] = (0..<60).map { exp(log(0.02) + (log(3.0) - log(0.02)) * Double($0) / 59) }

    /// Least-squares fit to `loss` at the areas; nil with fewer than 4 points.
    /// `annealing` nil fits the plain power law (no C term).
    static func fit(forward: [Double], annealing: [Double]?, loss: [Double]) -> (law: LearningCurveLaw, rss: Double)? {
        guard forward.count >= 4 else { return nil }
        let logForward = forward.map { log($0) }
        func solve(_ alpha: Double) -> (LearningCurveLaw, Double)? {
            let powered = logForward.map { exp(-alpha * $0) }
            var columns = [[Double](repeating: 1, count: loss.count), powered]
            if let annealing { columns.append(annealing.map { -$0 }) }
            var best: (LearningCurveLaw, Double)? = nil
            // Subsets of the sign-constrained columns (1: A, 2: C), each with the constant.
            let subsets: [[Int]] = annealing == nil ? [[0, 1], [0]] : [[0, 1, 2], [0, 1], [0, 2], [0]]
            for subset in subsets {
                guard let (coef, rss) = SmallLeastSquares.solve(columns: subset.map { columns[$0] }, response: loss) else { continue }
                var full = [0.0, 0.0, 0.0]
                for (j, c) in subset.enumerated() { full[c] = coef[j] }
                guard full[1] >= 0, full[2] >= 0 else { continue }
                if best == nil || rss < best!.1 {
                    best = (LearningCurveLaw(irreducibleLoss: full[0], coefficient: full[1], exponent: alpha, annealingCoefficient: full[2]), rss)
                }
            }
            return best
        }
        var bestK = -1
        var best: (LearningCurveLaw, Double)? = nil
        for (k, alpha) in exponentGrid.enumerated() {
            guard let r = solve(alpha) else { continue }
            if best == nil || r.1 < best!.1 { best = r; bestK = k }
        }
        guard var answer = best else { return nil }
        // Golden section on log α between the grid neighbours.
        var lo = log(exponentGrid[max(0, bestK - 1)]), hi = log(exponentGrid[min(exponentGrid.count - 1, bestK + 1)])
        let g = (5.0.squareRoot() - 1) / 2
        for _ in 0..<30 {
            let c = hi - g * (hi - lo), d = lo + g * (hi - lo)
            let fc = solve(exp(c))?.1 ?? .infinity, fd = solve(exp(d))?.1 ?? .infinity
            if fc < fd { hi = d } else { lo = c }
        }
        if let refined = solve(exp((lo + hi) / 2)), refined.1 < answer.1 { answer = refined }
        return (answer.0, answer.1)
    }
}
