/// L(C) = E + (C₀/C)^γ fitted to the Pareto frontier (methods.md §8.2), with the comparison
/// γ vs αβ/(α+β) left to the caller.
public struct FrontierFit: Sendable {
    /// Indices of the frontier points used.
    public var frontier: [Int]
    public var fit: SaturatingPowerLawFit
    public var warnings: [String]

    public var law: SaturatingPowerLaw { fit.law }

    public static func fit(flops: [Double], loss: [Double], convexHull: Bool = false,
                           starts: [[Double]] = SaturatingPowerLawFit.porianStarts) throws(FitError) -> FrontierFit {
        guard flops.count == loss.count else { throw .tooFewPoints(model: "frontier", have: min(flops.count, loss.count), need: max(flops.count, loss.count)) }
        try InputValidation.requirePositiveFinite(flops, quantity: "FLOPs")
        try InputValidation.requirePositiveFinite(loss, quantity: "loss")
        let frontier = convexHull ? ParetoFrontier.lowerConvexHull(flops: flops, loss: loss)
                                  : ParetoFrontier.nonDominated(flops: flops, loss: loss)
        return try fitted(frontier: frontier, flops: frontier.map { flops[$0] }, loss: frontier.map { loss[$0] }, starts: starts)
    }

    /// Starts optimised in each bootstrap refit: the point estimate and the 8 of Porian et
    /// al.'s 120 grid starts where the full data's objective is lowest (chosen once, so every
    /// replicate starts from the same places and a small change of the data changes the
    /// replicates a little, not which optimum some of them find). Why: a live refit at 10,000
    /// runs spent most of its time in 200 × 120 L-BFGS runs (perf), and a resample's optimum
    /// lies next to the full data's; `FrontierBootstrapTests` compares the replicates with
    /// exhaustive ones. A refit that ends nowhere admissible from them tries every start.
    public static let bootstrapScreening = StartScreening(keep: 8)

    /// The law through the frontier's points (`flops`, `loss`: theirs, by increasing compute).
    private static func fitted(frontier: [Int], flops: [Double], loss: [Double],
                               starts: [[Double]]) throws(FitError) -> FrontierFit {
        guard frontier.count >= 3 else {
            throw .tooFewPoints(model: "L(C) = E + (C0/C)^gamma on the Pareto frontier (frontier points)", have: frontier.count, need: 3)
        }
        let model = "L(C) = E + (C0/C)^gamma"
        let f: SaturatingPowerLawFit
        do {
            f = try SaturatingPowerLawFit.fit(x: flops, loss: loss, starts: starts, model: model)
        } catch .noConvergence where starts != SaturatingPowerLawFit.porianStarts {
            f = try SaturatingPowerLawFit.fit(x: flops, loss: loss, model: model)
        }
        var warnings = f.warnings
        if frontier.count < 6 {
            warnings.append("only \(frontier.count) frontier points: E and gamma trade off; treat them as weakly constrained")
        }
        return FrontierFit(frontier: frontier, fit: f, warnings: warnings)
    }

    /// Bootstrap over runs: resample all points (whole runs when `plan` groups them), rebuild
    /// the frontier and refit. Each refit starts from the full data's fit and the grid starts
    /// screened on the full data (`screening`; nil: every grid start, as the point estimate).
    /// `estimate`: the full data's fit when the caller has it (every caller fits before it
    /// bootstraps), so it is not fitted twice; nil fits it here. `memo`: the last bootstrap's
    /// replicate fits, reused where a resample's frontier is the same (`FrontierRefitMemo`).
    public static func bootstrap(flops: [Double], loss: [Double], convexHull: Bool = false,
                                 plan: ResamplingPlan? = nil, screening: StartScreening? = bootstrapScreening,
                                 estimate: FrontierFit? = nil, memo: FrontierRefitMemo? = nil,
                                 bootstrap: Bootstrap) -> BootstrapSummary {
        let plan = plan ?? .independentPoints(flops.count)
        let grid = SaturatingPowerLawFit.porianStarts
        let starts: [[Double]]
        if let screening, let full = estimate ?? (try? FrontierFit.fit(flops: flops, loss: loss, convexHull: convexHull)) {
            let objective = SaturatingPowerLawObjective(x: full.frontier.map { flops[$0] }, loss: full.frontier.map { loss[$0] })
            starts = [full.fit.logParameters] + screening.select(grid, objective, threads: 1).map { grid[$0] }
        } else {
            starts = grid
        }
        // A resample's frontier is read off the full data's order (sorted once, here)
        // instead of sorting every resample: O(n) per replicate instead of O(n log n), which
        // at 10,000 runs is most of a live refit. The frontier's points come out in the same
        // order with the same values as sorting the resample, so the fits are the same.
        let order = flops.indices.filter { flops[$0].isFinite && loss[$0].isFinite }
            .sorted { flops[$0] != flops[$1] ? flops[$0] < flops[$1] : loss[$0] < loss[$1] }
        let valid = (try? InputValidation.requirePositiveFinite(flops, quantity: "FLOPs")) != nil
            && (try? InputValidation.requirePositiveFinite(loss, quantity: "loss")) != nil
        memo?.beginBootstrap(starts: starts)
        /// A resample frontier's statistic (empty: the refit failed).
        let refit = { @Sendable (front: (indices: [Int], flops: [Double], loss: [Double])) -> [String: Double]? in
            guard let f = try? FrontierFit.fitted(frontier: front.indices, flops: front.flops, loss: front.loss,
                                                  starts: starts) else { return nil }
            return ["E": f.law.irreducibleLoss, "C0": f.law.scale, "gamma": f.law.exponent]
        }
        if valid, !convexHull, let memo, plan.pointCount == flops.count {
            // Each replicate's points kept as a bit set between refits (see `members`).
            let members = memo.members(plan: plan, bootstrap: bootstrap)
            return bootstrap.run(names: ["E", "C0", "gamma"]) { k in
                let front = FrontierFit.frontier(members: members[k], order: order, flops: flops, loss: loss)
                return memo.replicate(flops: front.flops, loss: front.loss, starts: starts) { refit(front) }
            }
        }
        return bootstrap.run(plan: plan, names: ["E", "C0", "gamma"]) { draw in
            if valid, !convexHull {
                return refit(FrontierFit.frontier(of: draw, order: order, flops: flops, loss: loss)) ?? [:]
            }
            let f = try FrontierFit.fit(flops: draw.map { flops[$0] }, loss: draw.map { loss[$0] }, convexHull: convexHull,
                                        starts: starts)
            return ["E": f.law.irreducibleLoss, "C0": f.law.scale, "gamma": f.law.exponent]
        }
    }

    /// `fit` on the points `draw` picks (with repeats), given every point's index in
    /// (compute, loss) order: the non-dominated points of the draw, walked in that order.
    static func fitFrontier(of draw: [Int], order: [Int], flops: [Double], loss: [Double],
                            starts: [[Double]] = SaturatingPowerLawFit.porianStarts) throws(FitError) -> FrontierFit {
        let front = frontier(of: draw, order: order, flops: flops, loss: loss)
        return try fitted(frontier: front.indices, flops: front.flops, loss: front.loss, starts: starts)
    }

    /// The non-dominated points among `members` (a bit set over the points), walked in
    /// `order`: the same compute and loss, in the same order, as `frontier(of:…)` of a draw
    /// holding those points; `indices` are the points' own (a bootstrap reads only the law).
    static func frontier(members: [UInt64], order: [Int], flops: [Double],
                         loss: [Double]) -> (indices: [Int], flops: [Double], loss: [Double]) {
        nonDominated(order: order, flops: flops, loss: loss) { i in members[i >> 6] & (1 << UInt64(i & 63)) != 0 ? i : nil }
    }

    /// The non-dominated points of a draw: their places in the draw (as `fit` on the drawn
    /// arrays would number them), compute and loss.
    static func frontier(of draw: [Int], order: [Int], flops: [Double],
                         loss: [Double]) -> (indices: [Int], flops: [Double], loss: [Double]) {
        // Each point's first place in the draw (-1: not drawn).
        var place = [Int](repeating: -1, count: flops.count)
        for (k, i) in draw.enumerated().reversed() { place[i] = k }
        return nonDominated(order: order, flops: flops, loss: loss) { i in place[i] >= 0 ? place[i] : nil }
    }

    /// The points `index` names (nil: left out), walked in `order` (compute, then loss,
    /// increasing), that no earlier one dominates: each with its name, compute and loss.
    private static func nonDominated(order: [Int], flops: [Double], loss: [Double],
                                     index: (Int) -> Int?) -> (indices: [Int], flops: [Double], loss: [Double]) {
        var x: [Double] = [], y: [Double] = [], indices: [Int] = []
        var best = Double.infinity
        for i in order where loss[i] < best {
            guard let named = index(i) else { continue }
            indices.append(named)
            x.append(flops[i])
            y.append(loss[i])
            best = loss[i]
        }
        return (indices, x, y)
    }
}
