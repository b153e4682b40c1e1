/// Chinchilla Approach 2 over all budgets: a profile per budget, then log N* = log k + a·log C
/// and log D* = log k' + b·log C through the vertices (methods.md §2.2).
public struct IsoFLOPAnalysis: Sendable {
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

    public static func fit(_ points: [Point], pointsAroundMinimum: Int? = nil) throws(FitError) -> IsoFLOPAnalysis {
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
        let nLaw = try PowerLaw.fit(x: c, y: inside.map(\.optimalParameters), model: "N*(C)")
        let dLaw = try PowerLaw.fit(x: c, y: inside.map(\.optimalTokens), model: "D*(C)")
        if inside.count < 5 { warnings.append("only \(inside.count) budgets: aim for 5 or more over 2 decades of compute") }
        return IsoFLOPAnalysis(profiles: profiles, usedBudgets: c, optimalParameters: nLaw,
                               optimalTokens: dLaw, warnings: warnings)
    }

    /// Stratified bootstrap: resample runs within each budget so none disappears (§9.5).
    public static func bootstrap(_ points: [Point], pointsAroundMinimum: Int? = nil,
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
