/// Which starts of a multi-start grid to run the optimiser from: the `keep` starts at which the
/// objective is lowest, out of all of them.
///
/// Why: on Hoffmann's 4500-start grid almost every L-BFGS run that ends at the best objective
/// begins where the objective is already among the lowest of the grid, and evaluating the
/// objective once per start costs about what one optimiser iteration does, so screening
/// spends a few hundredths of the full grid's work for the same optimum.
/// `ScreeningTests` checks the screened optimum against the exhaustive one on Epoch's points
/// and on a synthetic study, and bench/fit times it against scipy.
public struct StartScreening: Sendable, Equatable {
    /// Starts kept for the optimiser (all of them when the grid is no larger).
    public var keep: Int

    public init(keep: Int) {
        self.keep = max(1, keep)
    }

    /// What `ParametricLawFit` uses unless told otherwise.
    public static let standard = StartScreening(keep: 64)

    /// Indices of the kept starts, in grid order. Starts with a non-finite value come last in
    /// the ranking; ties go to the earlier start, so the choice does not depend on threads.
    /// `threads`: 1 inside work that is already spread over the cores (a bootstrap's refits).
    func select<F: DifferentiableObjective & Sendable>(_ starts: [[Double]], _ objective: F, threads: Int = 0) -> [Int] {
        guard starts.count > keep else { return Array(starts.indices) }
        let values = ParallelMap.map(starts.count, threads: threads) { i in
            var gradient = [Double](repeating: 0, count: objective.dimension)
            let v = objective.value(at: starts[i], gradient: &gradient)
            return v.isFinite ? v : .infinity
        }
        let ranked = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
        return ranked.prefix(keep).sorted()
    }
}
