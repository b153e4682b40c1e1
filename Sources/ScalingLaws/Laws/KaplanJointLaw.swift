#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kaplan et al. 2020's joint law L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (Eq. 1.5, 4.1).
public struct KaplanJointLaw: Sendable, Equatable {
    public var criticalParameters: Double
    public var criticalTokens: Double
    public var alphaN: Double
    public var alphaD: Double

    public init(criticalParameters: Double, criticalTokens: Double, alphaN: Double, alphaD: Double) {
        self.criticalParameters = criticalParameters
        self.criticalTokens = criticalTokens
        self.alphaN = alphaN
        self.alphaD = alphaD
    }

    /// Table 2 of Kaplan et al.: α_N = 0.076, α_D = 0.103, N_c = 6.4e13, D_c = 1.8e13.
    public static let kaplan2020 = KaplanJointLaw(criticalParameters: 6.4e13, criticalTokens: 1.8e13, alphaN: 0.076, alphaD: 0.103)

    public func loss(parameters: Double, tokens: Double) -> Double {
        pow(pow(criticalParameters / parameters, alphaN / alphaD) + criticalTokens / tokens, alphaD)
    }
}

/// Least squares in log space (Kaplan §4): ½Σ wᵢ (α_D·LSE(u₁, u₂) − log Lᵢ)² with
/// u₁ = (α_N/α_D)(log N_c − log N), u₂ = log D_c − log D; θ = (log N_c, log D_c, α_N, α_D).
public struct KaplanJointLawObjective: DifferentiableObjective, Sendable {
    public let logParameters: [Double]
    public let logTokens: [Double]
    public let logLoss: [Double]
    public var weights: [Double]
    public var dimension: Int { 4 }

    public init(observations: [LossObservation]) {
        logParameters = observations.map { log($0.parameters) }
        logTokens = observations.map { log($0.tokens) }
        logLoss = observations.map { log($0.loss) }
        weights = [Double](repeating: 1, count: observations.count)
    }

    public func residual(_ theta: [Double], _ i: Int) -> (r: Double, p1: Double, lse: Double, ratio: Double) {
        let ratio = theta[2] / theta[3]
        let u1 = ratio * (theta[0] - logParameters[i]), u2 = theta[1] - logTokens[i]
        let m = max(u1, u2)
        let e1 = exp(u1 - m), e2 = exp(u2 - m)
        let lse = m + log(e1 + e2)
        return (theta[3] * lse - logLoss[i], e1 / (e1 + e2), lse, ratio)
    }

    public func value(at theta: [Double], gradient: inout [Double]) -> Double {
        var total = 0.0
        for k in 0..<4 { gradient[k] = 0 }
        for i in logParameters.indices where weights[i] != 0 {
            let (r, p1, lse, ratio) = residual(theta, i)
            let p2 = 1 - p1
            total += 0.5 * weights[i] * r * r
            let wr = weights[i] * r
            let dn = theta[0] - logParameters[i]
            gradient[0] += wr * theta[2] * p1
            gradient[1] += wr * theta[3] * p2
            gradient[2] += wr * p1 * dn
            gradient[3] += wr * (lse - p1 * ratio * dn)
        }
        return total
    }
}

/// The fitted Kaplan joint law.
public struct KaplanJointLawFit: Sendable {
    public var law: KaplanJointLaw
    public var logParameters: [Double]
    /// ½ Σ r², the least-squares objective in log loss.
    public var objective: Double
    public var residuals: [Double]
    public var diagnostics: FitDiagnostics
    public var warnings: [String]

    public static let parameterNames = ["Nc", "Dc", "alpha_N", "alpha_D"]

    public static let starts: [[Double]] = {
        var out: [[Double]] = []
        for lnc in [20.0, 30, 40] { for ldc in [20.0, 30, 40] { for an in [0.05, 0.1, 0.3] { for ad in [0.05, 0.1, 0.3] {
            out.append([lnc, ldc, an, ad])
        }}}}
        return out
    }()

    public static func fit(_ observations: [LossObservation], weights: [Double]? = nil) throws(FitError) -> KaplanJointLawFit {
        let model = "Kaplan L(N, D) = [(Nc/N)^(aN/aD) + Dc/D]^aD"
        try ParametricLawFit.validate(observations, model: model)
        var objective = KaplanJointLawObjective(observations: observations)
        if let weights { objective.weights = weights }
        let optimiser = LBFGS()
        var best: LBFGS.Result? = nil
        for start in starts {
            let r = optimiser.minimize(objective, from: start)
            guard r.value.isFinite, r.minimizer.allSatisfy(\.isFinite), r.minimizer[2] > 0, r.minimizer[3] > 0 else { continue }
            if best == nil || r.value < best!.value { best = r }
        }
        guard let answer = best else { throw .noConvergence(model: model, starts: starts.count) }
        let theta = answer.minimizer
        var jac = Matrix(rows: observations.count, cols: 4)
        var residuals: [Double] = []
        for i in observations.indices {
            let (r, p1, lse, ratio) = objective.residual(theta, i)
            let dn = theta[0] - objective.logParameters[i]
            residuals.append(r)
            jac[i, 0] = theta[2] * p1
            jac[i, 1] = theta[3] * (1 - p1)
            jac[i, 2] = p1 * dn
            jac[i, 3] = lse - p1 * ratio * dn
        }
        let diagnostics = FitDiagnostics(jacobian: jac, parameterNames: ["log Nc", "log Dc", "alpha_N", "alpha_D"])
        let law = KaplanJointLaw(criticalParameters: exp(theta[0]), criticalTokens: exp(theta[1]), alphaN: theta[2], alphaD: theta[3])
        return KaplanJointLawFit(law: law, logParameters: theta, objective: answer.value, residuals: residuals,
                                 diagnostics: diagnostics, warnings: diagnostics.warnings)
    }

    public static func bootstrap(_ observations: [LossObservation], plan: ResamplingPlan? = nil,
                                 bootstrap: Bootstrap) -> BootstrapSummary {
        let plan = plan ?? .independentPoints(observations.count)
        return bootstrap.run(plan: plan, names: parameterNames) { draw in
            let f = try KaplanJointLawFit.fit(observations, weights: plan.multiplicities(of: draw))
            return ["Nc": f.law.criticalParameters, "Dc": f.law.criticalTokens, "alpha_N": f.law.alphaN, "alpha_D": f.law.alphaD]
        }
    }
}
