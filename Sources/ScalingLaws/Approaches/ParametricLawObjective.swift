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
    public var weights: [Double] {
        didSet { active = ActivePoints(logParameters, logTokens, logLoss, weights) }
    }
    public let delta: Double

    /// The points of non-zero weight, packed two to a lane pair. A bootstrap replicate
    /// leaves about 1/e of the points out; packing skips them without a branch per point.
    private var active: ActivePoints

    public var dimension: Int { 5 }

    public init(observations: [LossObservation], delta: Double = 1e-3) {
        logParameters = observations.map { log($0.parameters) }
        logTokens = observations.map { log($0.tokens) }
        logLoss = observations.map { log($0.loss) }
        weights = [Double](repeating: 1, count: observations.count)
        self.delta = delta
        active = ActivePoints(logParameters, logTokens, logLoss, weights)
    }

    public func value(at theta: [Double], gradient: inout [Double]) -> Double {
        let a = theta[0], b = theta[1], e = theta[2], alpha = theta[3], beta = theta[4]
        let sums: Sums
        // x₁ = a − α·log N and x₂ = b − β·log D are linear in log N and log D, so their
        // extremes over the points are at the extreme sizes: one check covers every point.
        let domain = ElementaryFunctions.expDomain
        if domain.contains(a - alpha * active.logParametersRange.lowerBound)
            && domain.contains(a - alpha * active.logParametersRange.upperBound)
            && domain.contains(b - beta * active.logTokensRange.lowerBound)
            && domain.contains(b - beta * active.logTokensRange.upperBound)
            && domain.contains(e) {
            sums = pairedSums(a, b, e, alpha, beta)
        } else {
            sums = shiftedSums(a, b, e, alpha, beta)
        }
        let scale = 1 / delta
        gradient[0] = sums.ga * scale
        gradient[1] = sums.gb * scale
        gradient[2] = sums.ge * scale
        gradient[3] = sums.gAlpha * scale
        gradient[4] = sums.gBeta * scale
        return sums.total * scale
    }

    /// Σ wᵢ·Huber_δ(rᵢ) and its gradient, unscaled.
    private struct Sums {
        var total = 0.0, ga = 0.0, gb = 0.0, ge = 0.0, gAlpha = 0.0, gBeta = 0.0
    }

    /// Two points per lane pair with the lane-pair exp and log, each over the whole batch.
    /// Every exponent is within `expDomain` (checked by the caller), so e^x₁ + e^x₂ + e^e
    /// neither overflows nor underflows to zero and LSE needs no shift.
    private func pairedSums(_ a: Double, _ b: Double, _ e: Double, _ alpha: Double, _ beta: Double) -> Sums {
        let expE = exp(e)
        let delta = self.delta
        var total = SIMD2<Double>(), ga = SIMD2<Double>(), gb = SIMD2<Double>(), ge = SIMD2<Double>()
        var gAlpha = SIMD2<Double>(), gBeta = SIMD2<Double>()
        let upper = SIMD2(repeating: delta), lower = SIMD2(repeating: -delta)
        let count = active.pairs.count
        active.pairs.withUnsafeBufferPointer { pairs in
            // terms[j] = e^x₁ of pair j, terms[count + j] = e^x₂; lse[j] = log of their sum + e^e.
            withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: 3 * count) { scratch in
                let terms = UnsafeMutableBufferPointer(rebasing: scratch[0..<(2 * count)])
                let lse = UnsafeMutableBufferPointer(rebasing: scratch[(2 * count)...])
                for j in 0..<count {
                    terms[j] = a - alpha * pairs[j].logParameters
                    terms[count + j] = b - beta * pairs[j].logTokens
                }
                ElementaryFunctions.exp(inPlace: terms)
                for j in 0..<count { lse[j] = terms[j] + terms[count + j] + expE }
                ElementaryFunctions.log(inPlace: lse)
                for j in 0..<count {
                    let p = pairs[j]
                    let t1 = terms[j], t2 = terms[count + j]
                    let s = t1 + t2 + expE
                    let r = lse[j] - p.logLoss
                    // Huber without a branch: with c = clip(r, −δ, δ), c·(r − c/2) is ½r² inside
                    // the band and δ(|r| − ½δ) outside; ψ(r) = c. (Masked replacement rather
                    // than `clamped`, whose NaN rules cost a branch per lane.)
                    var c = r
                    c.replace(with: upper, where: r .> upper)
                    c.replace(with: lower, where: r .< lower)
                    total += p.weight * c * (r - 0.5 * c)
                    // ∂r/∂a = t₁/s, ∂r/∂b = t₂/s, ∂r/∂e = e^e/s, ∂r/∂α = −(t₁/s) log N, ∂r/∂β = −(t₂/s) log D.
                    let q = p.weight * c / s
                    let p1 = q * t1, p2 = q * t2
                    ga += p1
                    gb += p2
                    ge += q
                    gAlpha -= p1 * p.logParameters
                    gBeta -= p2 * p.logTokens
                }
            }
        }
        return Sums(total: total.sum(), ga: ga.sum(), gb: gb.sum(), ge: ge.sum() * expE,
                    gAlpha: gAlpha.sum(), gBeta: gBeta.sum())
    }

    /// One point at a time with the stable LSE m + log Σ e^(xₖ−m) (methods.md §9.1), for
    /// parameters far enough out that e^x could overflow or underflow.
    private func shiftedSums(_ a: Double, _ b: Double, _ e: Double, _ alpha: Double, _ beta: Double) -> Sums {
        let delta = self.delta
        var sums = Sums()
        for p in active.pairs {
            for lane in 0..<2 {
                let wi = p.weight[lane]
                if wi == 0 { continue }
                let ln = p.logParameters[lane], ld = p.logTokens[lane]
                let x1 = a - alpha * ln
                let x2 = b - beta * ld
                let m = max(x1, max(x2, e))
                var t1 = exp(x1 - m), t2 = exp(x2 - m), t3 = exp(e - m)
                let s = t1 + t2 + t3
                let lse = m + log(s)
                let inv = 1 / s
                t1 *= inv; t2 *= inv; t3 *= inv
                let r = lse - p.logLoss[lane]
                let psi: Double
                if abs(r) <= delta {
                    sums.total += wi * 0.5 * r * r
                    psi = wi * r
                } else {
                    sums.total += wi * delta * (abs(r) - 0.5 * delta)
                    psi = r > 0 ? wi * delta : -wi * delta
                }
                let p1 = psi * t1, p2 = psi * t2
                sums.ga += p1
                sums.gb += p2
                sums.ge += psi * t3
                sums.gAlpha -= p1 * ln
                sums.gBeta -= p2 * ld
            }
        }
        return sums
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

/// Points of non-zero weight, two per element, in their original order. An odd count is
/// padded with a copy of the last point at weight 0, which adds exactly nothing.
private struct ActivePoints: Sendable {
    struct Pair: Sendable {
        var logParameters: SIMD2<Double>
        var logTokens: SIMD2<Double>
        var logLoss: SIMD2<Double>
        var weight: SIMD2<Double>
    }

    var pairs: [Pair] = []
    var logParametersRange: ClosedRange<Double> = 0...0
    var logTokensRange: ClosedRange<Double> = 0...0

    init(_ logParameters: [Double], _ logTokens: [Double], _ logLoss: [Double], _ weights: [Double]) {
        let kept = weights.indices.filter { weights[$0] != 0 }
        guard let first = kept.first else { return }
        pairs.reserveCapacity((kept.count + 1) / 2)
        var k = 0
        while k < kept.count {
            let i = kept[k], j = k + 1 < kept.count ? kept[k + 1] : kept[k]
            let padding = k + 1 >= kept.count
            pairs.append(Pair(logParameters: SIMD2(logParameters[i], logParameters[j]),
                              logTokens: SIMD2(logTokens[i], logTokens[j]),
                              logLoss: SIMD2(logLoss[i], logLoss[j]),
                              weight: SIMD2(weights[i], padding ? 0 : weights[j])))
            k += 2
        }
        var nRange = logParameters[first]...logParameters[first], dRange = logTokens[first]...logTokens[first]
        for i in kept {
            nRange = min(nRange.lowerBound, logParameters[i])...max(nRange.upperBound, logParameters[i])
            dRange = min(dRange.lowerBound, logTokens[i])...max(dRange.upperBound, logTokens[i])
        }
        logParametersRange = nRange
        logTokensRange = dRange
    }
}
