/// L(C) = E + (C₀/C)^γ fitted to the Pareto frontier (methods.md §8.2), with the comparison
/// γ vs αβ/(α+β) left to the caller.
public struct FrontierFit: Sendable {
    /// Indices of the frontier points used.
    public var frontier: [Int]
    public var fit: SaturatingPowerLawFit
    public var warnings: [String]

    public var law: SaturatingPowerLaw { fit.law }

    public static func fit(flops: [Double], loss: [Double], convexHull: Bool = false) throws(FitError) -> FrontierFit {
        guard flops.count == loss.count else { throw .tooFewPoints(model: "frontier", have: min(flops.count, loss.count), need: max(flops.count, loss.count)) }
        try InputValidation.requirePositiveFinite(flops, quantity: "FLOPs")
        try InputValidation.requirePositiveFinite(loss, quantity: "loss")
        let frontier = convexHull ? ParetoFrontier.lowerConvexHull(flops: flops, loss: loss)
                                  : ParetoFrontier.nonDominated(flops: flops, loss: loss)
        guard frontier.count >= 3 else {
            throw .tooFewPoints(model: "L(C) = E + (C0/C)^gamma on the Pareto frontier (frontier points)", have: frontier.count, need: 3)
        }
        let f = try SaturatingPowerLawFit.fit(x: frontier.map { flops[$0] }, loss: frontier.map { loss[$0] },
                                              model: "L(C) = E + (C0/C)^gamma")
        var warnings = f.warnings
        if frontier.count < 6 {
            warnings.append("only \(frontier.count) frontier points: E and gamma trade off; treat them as weakly constrained")
        }
        return FrontierFit(frontier: frontier, fit: f, warnings: warnings)
    }

    /// Bootstrap over runs: resample all points (whole runs when `plan` groups them), rebuild
    /// the frontier and refit.
    public static func bootstrap(flops: [Double], loss: [Double], convexHull: Bool = false,
                                 plan: ResamplingPlan? = nil, bootstrap: Bootstrap) -> BootstrapSummary {
        let plan = plan ?? .independentPoints(flops.count)
        return bootstrap.run(plan: plan, names: ["E", "C0", "gamma"]) { draw in
            let f = try FrontierFit.fit(flops: draw.map { flops[$0] }, loss: draw.map { loss[$0] }, convexHull: convexHull)
            return ["E": f.law.irreducibleLoss, "C0": f.law.scale, "gamma": f.law.exponent]
        }
    }
}
