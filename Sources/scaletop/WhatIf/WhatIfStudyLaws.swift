import Foundation
import ScalingLaws

/// The study's own laws for the what-if table: each approach `scaletop fit` knows, fitted on
/// the same input `fit` reads (`FitInput`), with bootstrap draws of its parameters over
/// whole runs. An approach that cannot be fitted to this study is left out with its reason.
struct WhatIfStudyLaws {
    var laws: [ComputeOptimalLaw] = []
    /// "Approach 2: <why it failed>", one per approach left out.
    var failures: [String] = []
    /// Approaches fitted to a design that cannot separate N from D: refused, with why.
    var unidentified: [(law: String, design: DesignIdentifiability)] = []
    var notes: [String] = []
    var runCount = 0

    enum Approach: String, CaseIterable {
        case approach3, approach2, approach1, frontier
    }

    static func fit(_ data: FitInput, approaches: [Approach], bootstrap: Bootstrap?, grid: HoffmannStartGrid,
                    progress: ProgressCounter? = nil) -> WhatIfStudyLaws {
        var result = WhatIfStudyLaws()
        result.runCount = data.runNames.count
        let source = "fitted to \(data.source) (\(data.runNames.count) runs)"
        for approach in approaches {
            progress?.begin(name(approach), total: 0)
            do {
                let (law, design) = try {
                    switch approach {
                    case .approach3: return try approach3(data, bootstrap, grid, source, progress)
                    case .approach2: return try approach2(data, bootstrap, source)
                    case .approach1: return try approach1(data, bootstrap, source)
                    case .frontier: return try frontier(data, bootstrap, source)
                    }
                }()
                if design.isIdentified { result.laws.append(law) } else { result.unidentified.append((name(approach), design)) }
            } catch {
                result.failures.append("\(name(approach)): \(error)")
            }
        }
        // Approach 1 and the frontier read the FLOPs the logs report; Approaches 2–3 and the
        // allocation formulas count C = 6ND. Say so when the two differ (methods.md §1).
        let ratios = data.finals.indices.compactMap { i -> Double? in
            let sixND = 6 * data.finals[i].parameters * data.finals[i].tokens
            return sixND.isFinite && sixND > 0 ? data.finalFlops[i] / sixND : nil
        }.sorted()
        if !ratios.isEmpty, approaches.contains(.approach1) || approaches.contains(.frontier) {
            let median = ratios[ratios.count / 2]
            if abs(median - 1) > 0.05 {
                result.notes.append("the logs count \(NumberFormat.general(median, significant: 3))× 6ND FLOPs: Approach 1 and the frontier read the budget in the logs' convention, Approaches 2–3 as 6ND")
            }
        }
        return result
    }

    static func name(_ a: Approach) -> String {
        switch a {
        case .approach1: return "Approach 1"
        case .approach2: return "Approach 2"
        case .approach3: return "Approach 3"
        case .frontier: return "Frontier"
        }
    }

    static func approach3(_ data: FitInput, _ bootstrap: Bootstrap?, _ grid: HoffmannStartGrid, _ source: String,
                          _ progress: ProgressCounter?) throws -> (ComputeOptimalLaw, DesignIdentifiability) {
        var settings = ParametricLawFit.Settings()
        settings.grid = grid
        settings.progress = progress
        let fit = try ParametricLawFit.fit(data.finals, settings: settings)
        let design = DesignIdentifiability.check(data.finals).adding(fit.diagnostics)
        guard design.isIdentified else { return (ComputeOptimalLaw(name: "Approach 3", source: source, role: .study, form: .parametric(fit.law, draws: [])), design) }
        var draws: [ParametricLaw] = []
        if let bootstrap {
            let s = ParametricLawFit.bootstrap(data.finals, fit: fit, bootstrap: bootstrap, plan: .runs(data.finalRun), settings: settings)
            draws = zipDraws(s, ["E", "A", "B", "alpha", "beta"]).map { ParametricLaw(E: $0[0], A: $0[1], B: $0[2], alpha: $0[3], beta: $0[4]) }
        }
        return (ComputeOptimalLaw(name: "Approach 3", source: source, role: .study, form: .parametric(fit.law, draws: draws)), design)
    }

    static func approach2(_ data: FitInput, _ bootstrap: Bootstrap?, _ source: String) throws -> (ComputeOptimalLaw, DesignIdentifiability) {
        let points = data.finals.indices.map {
            IsoFLOPAnalysis.Point(flops: data.finalFlops[$0], parameters: data.finals[$0].parameters, loss: data.finals[$0].loss)
        }
        let fit = try IsoFLOPAnalysis.fit(points)
        let design = DesignIdentifiability.checkIsoFLOP(usedBudgets: fit.usedBudgets.count, losses: points.map(\.loss))
        let allocation = PowerLawAllocation(parameters: fit.optimalParameters, tokens: fit.optimalTokens)
        guard design.isIdentified else {
            return (ComputeOptimalLaw(name: "Approach 2", source: source, role: .study, form: .allocationPowerLaws(allocation, draws: [])), design)
        }
        var draws: [PowerLawAllocation] = []
        if let bootstrap {
            // Resample runs within each budget, as `IsoFLOPAnalysis.bootstrap`, keeping the
            // coefficients as well as the exponents.
            let groups = IsoFLOPAnalysis.budgets(of: points)
            var budgetOfPoint = [Int](repeating: 0, count: points.count)
            for (k, g) in groups.enumerated() { for i in g { budgetOfPoint[i] = k } }
            let s = bootstrap.run(plan: .runs(Array(points.indices), strataOfRun: budgetOfPoint), names: ["kN", "a", "kD", "b"]) { draw in
                let f = try IsoFLOPAnalysis.fit(draw.map { points[$0] })
                return ["kN": f.optimalParameters.coefficient, "a": f.a, "kD": f.optimalTokens.coefficient, "b": f.b]
            }
            draws = zipDraws(s, ["kN", "a", "kD", "b"]).map { PowerLawAllocation(parametersCoefficient: $0[0], parametersExponent: $0[1], tokensCoefficient: $0[2], tokensExponent: $0[3]) }
        }
        return (ComputeOptimalLaw(name: "Approach 2", source: source, role: .study, form: .allocationPowerLaws(allocation, draws: draws)), design)
    }

    static func approach1(_ data: FitInput, _ bootstrap: Bootstrap?, _ source: String) throws -> (ComputeOptimalLaw, DesignIdentifiability) {
        let curves = data.curves
        let env = try ComputeEnvelope.fit(curves)
        let design = DesignIdentifiability.checkEnvelope(sizes: env.samples.map { curves[$0.run].parameters },
                                                         losses: curves.compactMap(\.loss.last))
        let allocation = PowerLawAllocation(parameters: env.optimalParameters, tokens: env.optimalTokens)
        guard design.isIdentified else {
            return (ComputeOptimalLaw(name: "Approach 1", source: source, role: .study, form: .allocationPowerLaws(allocation, draws: [])), design)
        }
        var draws: [PowerLawAllocation] = []
        if let bootstrap {
            let s = bootstrap.run(plan: .independentPoints(curves.count), names: ["kN", "a", "kD", "b"]) { draw in
                let e = try ComputeEnvelope.fit(draw.map { curves[$0] }, flopValues: 300)
                return ["kN": e.optimalParameters.coefficient, "a": e.optimalParameters.exponent,
                        "kD": e.optimalTokens.coefficient, "b": e.optimalTokens.exponent]
            }
            draws = zipDraws(s, ["kN", "a", "kD", "b"]).map { PowerLawAllocation(parametersCoefficient: $0[0], parametersExponent: $0[1], tokensCoefficient: $0[2], tokensExponent: $0[3]) }
        }
        return (ComputeOptimalLaw(name: "Approach 1", source: source, role: .study, form: .allocationPowerLaws(allocation, draws: draws)), design)
    }

    static func frontier(_ data: FitInput, _ bootstrap: Bootstrap?, _ source: String) throws -> (ComputeOptimalLaw, DesignIdentifiability) {
        let fit = try FrontierFit.fit(flops: data.checkpointFlops, loss: data.checkpointLoss)
        // A loss, no split: only losses that do not change leave it without meaning.
        let design = DesignIdentifiability.checkFrontier(losses: data.checkpointLoss)
        var draws: [SaturatingPowerLaw] = []
        if let bootstrap {
            let s = FrontierFit.bootstrap(flops: data.checkpointFlops, loss: data.checkpointLoss, plan: .runs(data.checkpointRun),
                                          estimate: fit, bootstrap: bootstrap)
            draws = zipDraws(s, ["E", "C0", "gamma"]).map { SaturatingPowerLaw(irreducibleLoss: $0[0], scale: $0[1], exponent: $0[2]) }
        }
        return (ComputeOptimalLaw(name: "Frontier", source: source, role: .study, form: .lossFrontier(fit.law, draws: draws)), design)
    }

    /// Replicate k's values of `names`, in order. `Bootstrap.run` appends a replicate to
    /// every name or to none, so the arrays line up.
    static func zipDraws(_ s: BootstrapSummary, _ names: [String]) -> [[Double]] {
        let columns = names.map { s.replicates[$0] ?? [] }
        let count = columns.map(\.count).min() ?? 0
        return (0..<count).map { k in columns.map { $0[k] } }
    }
}
