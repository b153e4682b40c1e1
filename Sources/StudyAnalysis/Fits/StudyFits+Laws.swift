import ScalingLaws

extension StudyFits {
    /// The study's fits as what-if laws (one row each in the what-if table), with their
    /// bootstrap draws for intervals; fits that are not there yet are left out.
    public func computeOptimalLaws(source: String) -> [ComputeOptimalLaw] {
        var laws: [ComputeOptimalLaw] = []
        if let iso = isoFLOP.value, iso.design.isIdentified {
            let allocation = PowerLawAllocation(parameters: iso.analysis.optimalParameters, tokens: iso.analysis.optimalTokens)
            laws.append(ComputeOptimalLaw(name: "IsoFLOP (A2)", source: "\(source), \(iso.slices.method.rawValue)",
                                          role: .study, form: .allocationPowerLaws(allocation, draws: iso.allocationDraws)))
        }
        if let p = parametric.value {
            laws.append(ComputeOptimalLaw(name: "L(N,D) (A3)", source: "\(source), \(p.runCount) finished runs",
                                          role: .study, form: .parametric(p.law, draws: p.replicates)))
        }
        if let law = frontier.law.value {
            laws.append(ComputeOptimalLaw(name: "frontier L(C)", source: "\(source), \(frontier.nonDominated.count) non-dominated runs",
                                          role: .study, form: .lossFrontier(law, draws: frontier.lawDraws)))
        }
        return laws
    }

    /// Why a study fit is missing from the what-if table, per fit that is.
    public var missingLawReasons: [(law: String, reason: String)] {
        var out: [(law: String, reason: String)] = []
        if let m = isoFLOP.message { out.append(("IsoFLOP (A2)", m)) }
        if let summary = isoFLOP.value?.design.summary { out.append(("IsoFLOP (A2)", summary)) }
        if let m = parametric.message { out.append(("L(N,D) (A3)", m)) }
        if let m = frontier.law.message, !m.isEmpty { out.append(("frontier L(C)", m)) }
        return out
    }

    /// The loss no run of this study can go below: the irreducible loss E of Approach 3,
    /// else the frontier's, at the low end of its bootstrap interval (a floor that is too
    /// high would cut forecasts that are right). Nil before either is fitted.
    public var irreducibleLossFloor: LossFloor? {
        func low(_ value: Double, _ draws: [Double]) -> Double {
            let sorted = draws.filter(\.isFinite).sorted()
            return sorted.count >= 10 ? min(value, Percentile.of(sorted: sorted, (1 - Self.level) / 2)) : value
        }
        if let p = parametric.value, p.law.E.isFinite, p.law.E > 0 {
            return LossFloor(value: low(p.law.E, p.replicates.map(\.E)), source: "the study's irreducible loss E (Approach 3)")
        }
        if let law = frontier.law.value, law.irreducibleLoss.isFinite, law.irreducibleLoss > 0 {
            return LossFloor(value: low(law.irreducibleLoss, frontier.lawDraws.map(\.irreducibleLoss)),
                             source: "the study's irreducible loss E (frontier fit)")
        }
        return nil
    }

    /// The published laws shown beside the study's, for reference.
    public static let referenceLaws: [ComputeOptimalLaw] = [.chinchilla, .epoch, .kaplan]
}
