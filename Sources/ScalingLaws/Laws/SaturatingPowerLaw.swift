#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Henighan et al. 2020's power law plus constant, L(x) = L_∞ + (x₀/x)^γ, fitted in log
/// space as log L = LSE(e, a − γ·log x) with a = γ·log x₀ (methods.md §4 and §8.2): the
/// §2.3 machinery with one term fewer, Huber δ = 1e-3 on the log residuals, multi-start.
public struct SaturatingPowerLaw: Sendable, Equatable {
    /// L_∞, the irreducible loss.
    public var irreducibleLoss: Double
    /// x₀: the x at which the reducible loss is 1 nat.
    public var scale: Double
    public var exponent: Double

    public init(irreducibleLoss: Double, scale: Double, exponent: Double) {
        self.irreducibleLoss = irreducibleLoss
        self.scale = scale
        self.exponent = exponent
    }

    public func callAsFunction(_ x: Double) -> Double {
        irreducibleLoss + pow(scale / x, exponent)
    }

    /// A in the equivalent form L_∞ + A·x^(−γ): A = x₀^γ.
    public var coefficient: Double { pow(scale, exponent) }

    /// The x at which the reducible loss equals `reducibleLoss`: x = x₀·L_red^(−1/γ).
    public func x(forReducibleLoss reducibleLoss: Double) -> Double {
        scale * pow(reducibleLoss, -1 / exponent)
    }
}

/// The objective Σ wᵢ·Huber_δ(LSE(a − γ·log xᵢ, e) − log Lᵢ)/δ over θ = (e, a, γ).
public struct SaturatingPowerLawObjective: DifferentiableObjective, Sendable {
    public let logX: [Double]
    public let logLoss: [Double]
    public var weights: [Double]
    public let delta: Double
    public var dimension: Int { 3 }

    public init(x: [Double], loss: [Double], delta: Double = 1e-3) {
        logX = x.map { log($0) }
        logLoss = loss.map { log($0) }
        weights = [Double](repeating: 1, count: x.count)
        self.delta = delta
    }

    public func value(at theta: [Double], gradient: inout [Double]) -> Double {
        let e = theta[0], a = theta[1], gamma = theta[2]
        var total = 0.0, ge = 0.0, ga = 0.0, gg = 0.0
        for i in logX.indices where weights[i] != 0 {
            let x1 = a - gamma * logX[i]
            let m = max(x1, e)
            let t1 = exp(x1 - m), t2 = exp(e - m)
            let s = t1 + t2
            let r = m + log(s) - logLoss[i]
            let psi: Double
            if abs(r) <= delta { total += weights[i] * 0.5 * r * r; psi = weights[i] * r }
            else { total += weights[i] * delta * (abs(r) - 0.5 * delta); psi = weights[i] * (r > 0 ? delta : -delta) }
            ge += psi * t2 / s
            ga += psi * t1 / s
            gg -= psi * t1 / s * logX[i]
        }
        gradient[0] = ge / delta
        gradient[1] = ga / delta
        gradient[2] = gg / delta
        return total / delta
    }
}

/// A fitted power law plus constant with its objective and diagnostics.
public struct SaturatingPowerLawFit: Sendable {
    public var law: SaturatingPowerLaw
    /// (e, a, γ) = (log L_∞, log A, γ).
    public var logParameters: [Double]
    /// Σ Huber_δ, unscaled.
    public var objective: Double
    public var residuals: [Double]
    public var diagnostics: FitDiagnostics
    public var warnings: [String]

    /// Porian et al.'s start grid for `fit_loss_with_saturation` (methods.md §8.2).
    public static let porianStarts: [[Double]] = {
        var out: [[Double]] = []
        for gamma in [0.0, 0.1, 0.2, 0.3] { for e in [-1.0, -0.5, 0, 0.5, 1] { for a in stride(from: 0.0, through: 25, by: 5) {
            out.append([e, a, gamma])
        }}}
        return out
    }()

    public static func fit(x: [Double], loss: [Double], weights: [Double]? = nil,
                           starts: [[Double]] = porianStarts, delta: Double = 1e-3,
                           model: String = "L = E + (x0/x)^gamma") throws(FitError) -> SaturatingPowerLawFit {
        guard x.count == loss.count else { throw .tooFewPoints(model: model, have: min(x.count, loss.count), need: max(x.count, loss.count)) }
        try InputValidation.requirePositiveFinite(x, quantity: "x")
        try InputValidation.requirePositiveFinite(loss, quantity: "loss")
        try InputValidation.requireCount(x.count, atLeast: 3, model: model)
        guard InputValidation.distinctCount(x) >= 3 else {
            throw .tooFewPoints(model: model + " (distinct x values)", have: InputValidation.distinctCount(x), need: 3)
        }
        var objective = SaturatingPowerLawObjective(x: x, loss: loss, delta: delta)
        if let weights { objective.weights = weights }
        let optimiser = LBFGS()
        var best: LBFGS.Result? = nil
        for start in starts {
            let r = optimiser.minimize(objective, from: start)
            guard r.value.isFinite, r.minimizer.allSatisfy(\.isFinite), r.minimizer[2] > 0, r.minimizer[2] < 5 else { continue }
            if best == nil || r.value < best!.value { best = r }
        }
        guard let answer = best else { throw .noConvergence(model: model, starts: starts.count) }
        let theta = answer.minimizer
        var jac = Matrix(rows: x.count, cols: 3)
        var residuals: [Double] = []
        let meanLogX = objective.logX.reduce(0, +) / Double(x.count)
        for i in x.indices {
            let x1 = theta[1] - theta[2] * objective.logX[i]
            let m = max(x1, theta[0])
            let t1 = exp(x1 - m), t2 = exp(theta[0] - m)
            residuals.append(m + log(t1 + t2) - objective.logLoss[i])
            jac[i, 0] = t2 / (t1 + t2)
            jac[i, 1] = t1 / (t1 + t2)
            jac[i, 2] = -t1 / (t1 + t2) * (objective.logX[i] - meanLogX)
        }
        let diagnostics = FitDiagnostics(jacobian: jac, parameterNames: ["log E", "log A_ref", "gamma"])
        let law = SaturatingPowerLaw(irreducibleLoss: exp(theta[0]), scale: exp(theta[1] / theta[2]), exponent: theta[2])
        var g = [0.0, 0.0, 0.0]
        return SaturatingPowerLawFit(law: law, logParameters: theta,
                                     objective: objective.value(at: theta, gradient: &g) * delta,
                                     residuals: residuals, diagnostics: diagnostics, warnings: diagnostics.warnings)
    }
}
