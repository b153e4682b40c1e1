#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A law that says how to spend a compute budget, with optional bootstrap draws of its
/// parameters for intervals. One value per row of the what-if table.
public struct ComputeOptimalLaw: Sendable {
    public enum Form: Sendable {
        /// Approach 3: L̂(N, D) = E + A/N^α + B/D^β and its closed forms (methods.md §2.3).
        case parametric(ParametricLaw, draws: [ParametricLaw])
        /// Approaches 1 and 2: N_opt and D_opt as power laws in C.
        case allocationPowerLaws(PowerLawAllocation, draws: [PowerLawAllocation])
        /// The loss–compute frontier L(C) = E + (C₀/C)^γ (methods.md §8.2): a loss, no split.
        case lossFrontier(SaturatingPowerLaw, draws: [SaturatingPowerLaw])
        /// Kaplan et al. 2020, Table 6 (non-embedding N, C in PF-days).
        case kaplan(KaplanComputeFrontier)
    }

    /// Whether a row was fitted to the user's study or is a published reference.
    public enum Role: String, Sendable, Equatable {
        case study
        case reference
    }

    public var name: String
    /// Citation or provenance ("fitted to runs/ (25 runs)", "Hoffmann et al. 2022, TeX source").
    public var source: String
    public var role: Role
    public var form: Form

    public init(name: String, source: String, role: Role, form: Form) {
        self.name = name
        self.source = source
        self.role = role
        self.form = form
    }

    /// Chinchilla's Approach 3 with the unrounded TeX values: the set that reproduces the
    /// paper's "about 40B parameters at the Gopher budget" (methods.md §2.3).
    public static let chinchilla = ComputeOptimalLaw(
        name: "Chinchilla 2022", source: "Hoffmann et al. 2022, Approach 3, unrounded TeX values",
        role: .reference, form: .parametric(.chinchillaUnrounded, draws: []))
    /// Epoch AI's refit of Chinchilla's data (Besiroglu et al. 2024).
    public static let epoch = ComputeOptimalLaw(
        name: "Epoch 2024", source: "Besiroglu et al. 2024, refit of Chinchilla's Fig. 4 data",
        role: .reference, form: .parametric(.epoch2024, draws: []))
    /// Kaplan et al. 2020's compute-efficient frontier.
    public static let kaplan = ComputeOptimalLaw(
        name: "Kaplan 2020", source: "Kaplan et al. 2020, Table 6 (non-embedding N; stops ~10% above convergence)",
        role: .reference, form: .kaplan(.kaplan2020))

    /// The parametric law, when this row has one (constraints need a loss model).
    public var parametricLaw: ParametricLaw? {
        if case let .parametric(law, _) = form { return law }
        return nil
    }

    /// The split of `flops` this law recommends, with percentile intervals at `level` over
    /// the parameter draws.
    public func estimate(flops: Double, level: Double = 0.8) -> AllocationEstimate {
        switch form {
        case let .parametric(law, draws):
            let n = { (l: ParametricLaw) in l.allocation.optimalParameters(flops: flops) }
            let d = { (l: ParametricLaw) in l.allocation.optimalTokens(flops: flops) }
            let r = { (l: ParametricLaw) in l.allocation.tokensPerParameter(flops: flops) }
            let loss = { (l: ParametricLaw) in l.optimalLoss(flops: flops) }
            return AllocationEstimate(
                law: name, role: role, flops: flops,
                parameters: IntervalEstimate(value: n(law), draws: draws.map(n), level: level),
                tokens: IntervalEstimate(value: d(law), draws: draws.map(d), level: level),
                tokensPerParameter: IntervalEstimate(value: r(law), draws: draws.map(r), level: level),
                loss: IntervalEstimate(value: loss(law), draws: draws.map(loss), level: level),
                drawCount: draws.count, notes: [])
        case let .allocationPowerLaws(alloc, draws):
            let n = { (a: PowerLawAllocation) in a.parameters(flops: flops) }
            let d = { (a: PowerLawAllocation) in a.tokens(flops: flops) }
            let r = { (a: PowerLawAllocation) in a.tokens(flops: flops) / a.parameters(flops: flops) }
            var notes = ["no loss model: Approaches 1–2 give the split only"]
            let product = 6 * n(alloc) * d(alloc) / flops
            if abs(product - 1) > 0.1 {
                notes.append("6·N·D is \(NumberFormat.general(product, significant: 3))× the budget: the two power laws were fitted separately")
            }
            return AllocationEstimate(
                law: name, role: role, flops: flops,
                parameters: IntervalEstimate(value: n(alloc), draws: draws.map(n), level: level),
                tokens: IntervalEstimate(value: d(alloc), draws: draws.map(d), level: level),
                tokensPerParameter: IntervalEstimate(value: r(alloc), draws: draws.map(r), level: level),
                loss: nil, drawCount: draws.count, notes: notes)
        case let .lossFrontier(law, draws):
            return AllocationEstimate(
                law: name, role: role, flops: flops, parameters: nil, tokens: nil, tokensPerParameter: nil,
                loss: IntervalEstimate(value: law(flops), draws: draws.map { $0(flops) }, level: level),
                drawCount: draws.count, notes: ["loss–compute frontier: a loss, no split of the budget"])
        case let .kaplan(k):
            return AllocationEstimate(
                law: name, role: role, flops: flops,
                parameters: IntervalEstimate(value: k.parameters(flops: flops), level: level),
                tokens: IntervalEstimate(value: k.tokens(flops: flops), level: level),
                tokensPerParameter: IntervalEstimate(value: k.tokens(flops: flops) / k.parameters(flops: flops), level: level),
                loss: IntervalEstimate(value: k.loss(flops: flops), level: level),
                drawCount: 0, notes: ["non-embedding N; WebText2 loss; trained ~10% above convergence (Kaplan B.5)"])
        }
    }

    /// The optimal split over a range of budgets (the panel's N_opt/D_opt curve), at
    /// `count` log-spaced budgets between the bounds.
    public func curve(flops range: ClosedRange<Double>, count: Int, level: Double = 0.8) -> [AllocationEstimate] {
        guard count >= 2, range.lowerBound > 0 else { return [estimate(flops: range.lowerBound, level: level)] }
        let lo = log(range.lowerBound), hi = log(range.upperBound)
        return (0..<count).map { k in estimate(flops: exp(lo + (hi - lo) * Double(k) / Double(count - 1)), level: level) }
    }

    /// The least compute whose optimal allocation reaches `loss`, or nil with the reason
    /// (below the law's floor, above the loss of the smallest model, or a law without a
    /// loss model).
    public func flops(forLoss loss: Double, level: Double = 0.8) -> Result<TargetLossAnswer, WhatIfError> {
        let answer = unboundedFlops(forLoss: loss, level: level)
        // Less than one parameter trained on one token (C = 6ND < 6) is no model at all: a
        // loss that high is reached by any run (it printed "FLOPs 0").
        if case .success(let found) = answer, !(found.flops.value >= 6) {
            return .failure(WhatIfError("\(name): loss \(NumberFormat.general(loss)) is above what any model reaches "
                                        + "(the law gives it to less than one parameter trained on one token); ask for a lower loss"))
        }
        return answer
    }

    private func unboundedFlops(forLoss loss: Double, level: Double) -> Result<TargetLossAnswer, WhatIfError> {
        switch form {
        case let .parametric(law, draws):
            guard let c = law.flops(forLoss: loss) else {
                return .failure(WhatIfError("\(name): loss \(NumberFormat.general(loss)) is at or below the irreducible loss E = \(NumberFormat.general(law.E)); no compute reaches it"))
            }
            let alloc = law.allocation
            // A draw whose floor is above the target never reaches it: +∞ compute.
            let cd = draws.map { $0.flops(forLoss: loss) ?? .infinity }
            return .success(TargetLossAnswer(
                law: name, targetLoss: loss, flops: IntervalEstimate(value: c, draws: cd, level: level),
                parameters: alloc.optimalParameters(flops: c), tokens: alloc.optimalTokens(flops: c),
                drawsNeverReaching: cd.filter { !$0.isFinite }.count))
        case let .lossFrontier(law, draws):
            let x = { (l: SaturatingPowerLaw) -> Double in
                loss > l.irreducibleLoss ? l.x(forReducibleLoss: loss - l.irreducibleLoss) : .infinity
            }
            guard loss > law.irreducibleLoss else {
                return .failure(WhatIfError("\(name): loss \(NumberFormat.general(loss)) is at or below the frontier's floor E = \(NumberFormat.general(law.irreducibleLoss)); no compute reaches it"))
            }
            let cd = draws.map(x)
            return .success(TargetLossAnswer(law: name, targetLoss: loss, flops: IntervalEstimate(value: x(law), draws: cd, level: level),
                                             parameters: nil, tokens: nil, drawsNeverReaching: cd.filter { !$0.isFinite }.count))
        case let .kaplan(k):
            let c = k.flops(forLoss: loss)
            return .success(TargetLossAnswer(law: name, targetLoss: loss, flops: IntervalEstimate(value: c, level: level),
                                             parameters: k.parameters(flops: c), tokens: k.tokens(flops: c), drawsNeverReaching: 0))
        case .allocationPowerLaws:
            return .failure(WhatIfError("\(name): no loss model (Approaches 1–2 fit the split only), so no compute for a target loss"))
        }
    }
}
