#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chinchilla Approach 2 over all budgets: a profile per budget, then log N* = log k + a·log C
/// and log D* = log k' + b·log C through the vertices (methods.md §2.2).
///
/// The default rule, which reproduces all 15 of Porian et al.'s configurations within 0.025
/// of their published exponents (their full sweeps reach 16 sizes over 3 decades, where one
/// parabola is a poor model of the skewed profile; all sizes miss 4 of 15 by up to 0.073):
/// - each budget's parabola is fitted to the `defaultWindow` = 5 sizes nearest, in rank, to
///   its lowest observed loss (all of them when it has 5 or fewer), a ±2–4× grid at the
///   spacings people sample (methods.md §2.2);
/// - the line through the vertices weights each by 1/σ², σ its delta-method standard error
///   of log N*, floored at a third of the budget's mean log spacing of sizes (the floor of
///   the vertex's spread, methods.md §9.5), as Porian et al. weight theirs; unweighted when
///   a budget has too few sizes for a standard error.
public struct IsoFLOPAnalysis: Sendable {
    /// Sizes per budget the parabola is fitted to by default (nil: all).
    public static let defaultWindow = 5

    /// A model run at a budget.
    public struct Point: Sendable, Equatable {
        public var flops: Double
        public var parameters: Double
        public var loss: Double
        public init(flops: Double, parameters: Double, loss: Double) {
            self.flops = flops
            self.parameters = parameters
            self.loss = loss
        }
    }

    public var profiles: [IsoFLOPProfile]
    /// Budgets used for the power laws (vertices inside their sampled sizes).
    public var usedBudgets: [Double]
    /// N* ∝ C^a.
    public var optimalParameters: PowerLaw
    /// D* ∝ C^b.
    public var optimalTokens: PowerLaw
    public var warnings: [String]
    /// Weight (1/σ²) of each used budget's vertex in the power laws; nil when unweighted.
    public var vertexWeights: [Double]? = nil

    public var a: Double { optimalParameters.exponent }
    public var b: Double { optimalTokens.exponent }

    /// Budget of each point, grouping FLOP values equal to 1e-6 relative.
    public static func budgets(of points: [Point]) -> [[Int]] {
        let order = points.indices.sorted { points[$0].flops < points[$1].flops }
        var groups: [[Int]] = []
        for i in order {
            if let last = groups.last?.last, points[i].flops - points[last].flops <= 1e-6 * points[last].flops {
                groups[groups.count - 1].append(i)
            } else {
                groups.append([i])
            }
        }
        return groups
    }

    public static func fit(_ points: [Point], pointsAroundMinimum: Int? = defaultWindow) throws(FitError) -> IsoFLOPAnalysis {
        for (i, p) in points.enumerated() {
            for (name, v) in [("FLOPs", p.flops), ("parameters", p.parameters), ("loss", p.loss)] {
                guard v.isFinite else { throw .nonFiniteInput(quantity: name, index: i) }
                guard v > 0 else { throw .nonPositiveInput(quantity: name, index: i, value: v) }
            }
        }
        try InputValidation.requireCount(points.count, atLeast: 6, model: "Approach 2 (two budgets of three sizes)")
        let groups = budgets(of: points)
        var profiles: [IsoFLOPProfile] = []
        var warnings: [String] = []
        for g in groups {
            let flops = g.map { points[$0].flops }.reduce(0, +) / Double(g.count)
            do {
                profiles.append(try IsoFLOPProfile.fit(flops: flops, parameters: g.map { points[$0].parameters },
                                                       loss: g.map { points[$0].loss }, pointsAroundMinimum: pointsAroundMinimum))
            } catch let error {
                if case .concaveProfile = error { warnings.append(error.description + "; budget left out"); continue }
                throw error
            }
        }
        for p in profiles where p.pointCount < 5 {
            warnings.append("budget \(NumberFormat.general(p.flops)) FLOPs has only \(p.pointCount) sizes; 5 or more make the vertex reliable")
        }
        let inside = profiles.filter(\.vertexInsideSampledSizes)
        for p in profiles where !p.vertexInsideSampledSizes {
            warnings.append("budget \(NumberFormat.general(p.flops)) FLOPs: vertex N* = \(NumberFormat.general(p.optimalParameters)) lies outside the sampled sizes \(NumberFormat.general(p.sampledParameters.lowerBound))–\(NumberFormat.general(p.sampledParameters.upperBound)); left out of the power law")
        }
        guard inside.count >= 2 else { throw .tooFewBudgets(have: inside.count, need: 2) }
        let c = inside.map(\.flops)
        let weights = vertexWeights(inside)
        let nLaw = try PowerLaw.fit(x: c, y: inside.map(\.optimalParameters), weights: weights, model: "N*(C)")
        let dLaw = try PowerLaw.fit(x: c, y: inside.map(\.optimalTokens), weights: weights, model: "D*(C)")
        if inside.count < 5 { warnings.append("only \(inside.count) budgets: aim for 5 or more over 2 decades of compute") }
        return IsoFLOPAnalysis(profiles: profiles, usedBudgets: c, optimalParameters: nLaw,
                               optimalTokens: dLaw, warnings: warnings, vertexWeights: weights)
    }

    /// 1/σ² per vertex, σ = max(delta-method SE of log N*, ⅓ of the mean log spacing of the
    /// budget's sizes); nil (unweighted) when a budget has no standard error (three sizes).
    static func vertexWeights(_ profiles: [IsoFLOPProfile]) -> [Double]? {
        var weights: [Double] = []
        for p in profiles {
            guard let se = p.logOptimalParametersStandardError, se.isFinite, p.pointCount >= 2 else { return nil }
            let spacing = log(p.sampledParameters.upperBound / p.sampledParameters.lowerBound) / Double(p.pointCount - 1)
            let sigma = max(se, spacing / 3)
            guard sigma > 0 else { return nil }
            weights.append(1 / (sigma * sigma))
        }
        return weights
    }

    /// Stratified bootstrap: resample runs within each budget so none disappears (§9.5).
    public static func bootstrap(_ points: [Point], pointsAroundMinimum: Int? = defaultWindow,
                                 bootstrap: Bootstrap) -> BootstrapSummary {
        let groups = budgets(of: points)
        var budgetOfPoint = [Int](repeating: 0, count: points.count)
        for (k, g) in groups.enumerated() { for i in g { budgetOfPoint[i] = k } }
        let plan = ResamplingPlan.runs(Array(points.indices), strataOfRun: budgetOfPoint)
        return bootstrap.run(plan: plan, names: ["a", "b"]) { draw in
            let fit = try IsoFLOPAnalysis.fit(draw.map { points[$0] }, pointsAroundMinimum: pointsAroundMinimum)
            return ["a": fit.a, "b": fit.b]
        }
    }
}
