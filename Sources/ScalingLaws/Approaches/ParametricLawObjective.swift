#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hoffmann et al. 2022, Appendix D.2: Σᵢ wᵢ·Huber_δ(LSE(a − α·log Nᵢ, b − β·log Dᵢ, e) − log Lᵢ)
/// over θ = (a, b, e, α, β) = (log A, log B, log E, α, β). Summed, never averaged.
///
/// The optimiser sees the sum divided by δ (methods.md §9.2: the raw sum is about 1e-3 and
/// its gradients are tiny, which stops L-BFGS early). `huberSum(at:)` gives the raw value.
/// Weights are bootstrap multiplicities (a resample with replacement is a weighting).
public struct ParametricLawObjective: DifferentiableObjective, Sendable {
    public let logParameters: [Double]
    public let logTokens: [Double]
    public let logLoss: [Double]
    public var weights: [Double]
    public let delta: Double

    public var dimension: Int { 5 }

    public init(observations: [LossObservation], delta: Double = 1e-3) {
        logParameters = observations.map { log($0.parameters) }
        logTokens = observations.map { log($0.tokens) }
        logLoss = observations.map { log($0.loss) }
        weights = [Double](repeating: 1, count: observations.count)
        self.delta = delta
    }

    public func value(at theta: [Double], gradient: inout [Double]) -> Double {
        let a = theta[0], b = theta[1], e = theta[2], alpha = theta[3], beta = theta[4]
        let delta = self.delta
        let expE = exp(e)
        var total = 0.0
        var ga = 0.0, gb = 0.0, ge = 0.0, gAlpha = 0.0, gBeta = 0.0
        logParameters.withUnsafeBufferPointer { ln in
        logTokens.withUnsafeBufferPointer { ld in
        logLoss.withUnsafeBufferPointer { ll in
        weights.withUnsafeBufferPointer { w in
            for i in 0..<ln.count {
                let wi = w[i]
                if wi == 0 { continue }
                let x1 = a - alpha * ln[i]
                let x2 = b - beta * ld[i]
                let m = max(x1, max(x2, e))
                var t1: Double, t2: Double, t3: Double, lse: Double
                if abs(m) < 700 {
                    // No shift needed: exp cannot overflow or underflow to zero here.
                    t1 = exp(x1); t2 = exp(x2); t3 = expE
                    let s = t1 + t2 + t3
                    lse = log(s)
                    let inv = 1 / s
                    t1 *= inv; t2 *= inv; t3 *= inv
                } else {
                    // Stable LSE: m + log Σ e^(xₖ−m) (methods.md §9.1).
                    t1 = exp(x1 - m); t2 = exp(x2 - m); t3 = exp(e - m)
                    let s = t1 + t2 + t3
                    lse = m + log(s)
                    let inv = 1 / s
                    t1 *= inv; t2 *= inv; t3 *= inv
                }
                let r = lse - ll[i]
                let psi: Double
                if abs(r) <= delta {
                    total += wi * 0.5 * r * r
                    psi = wi * r
                } else {
                    total += wi * delta * (abs(r) - 0.5 * delta)
                    psi = r > 0 ? wi * delta : -wi * delta
                }
                // ∂r/∂a = w₁, ∂r/∂b = w₂, ∂r/∂e = w₃, ∂r/∂α = −w₁ log N, ∂r/∂β = −w₂ log D.
                let p1 = psi * t1, p2 = psi * t2
                ga += p1
                gb += p2
                ge += psi * t3
                gAlpha -= p1 * ln[i]
                gBeta -= p2 * ld[i]
            }
        }}}}
        let scale = 1 / delta
        gradient[0] = ga * scale
        gradient[1] = gb * scale
        gradient[2] = ge * scale
        gradient[3] = gAlpha * scale
        gradient[4] = gBeta * scale
        return total * scale
    }

    /// The unscaled objective Σ wᵢ·Huber_δ(rᵢ) (the number papers quote, e.g. 1.01827e-3).
    public func huberSum(at theta: [Double]) -> Double {
        var g = [Double](repeating: 0, count: 5)
        return value(at: theta, gradient: &g) * delta
    }

    /// Log residuals rᵢ = log L̂ᵢ − log Lᵢ.
    public func residuals(at theta: [Double]) -> [Double] {
        let law = ParametricLaw(logParameters: theta)
        return logParameters.indices.map { i in
            log(law.loss(parameters: exp(logParameters[i]), tokens: exp(logTokens[i]))) - logLoss[i]
        }
    }
}
