#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chinchilla Approach 1 (Hoffmann et al. 2022, §3.1): on log-spaced FLOP values, the run
/// with the lowest (interpolated) loss gives N_opt(C); then N_opt ∝ C^a and D_opt ∝ C^b.
public struct ComputeEnvelope: Sendable {
    /// One FLOP value of the envelope and the run that is best there.
    public struct Sample: Sendable, Equatable {
        public var flops: Double
        public var run: Int
        public var parameters: Double
        /// D = C/(6N).
        public var tokens: Double
        public var loss: Double
    }

    /// Where the best run changes (the staircase's steps).
    public struct Switch: Sendable, Equatable {
        public var flops: Double
        public var fromRun: Int
        public var toRun: Int
    }

    public var samples: [Sample]
    public var switches: [Switch]
    /// N_opt = k_N·C^a.
    public var optimalParameters: PowerLaw
    /// D_opt = k_D·C^b.
    public var optimalTokens: PowerLaw
    public var warnings: [String]

    /// Chinchilla used 1500 log-spaced FLOP values.
    public static func fit(_ curves: [TrainingCurve], flopValues: Int = 1500) throws(FitError) -> ComputeEnvelope {
        let model = "Approach 1 (envelope of training curves)"
        var checkpoints = 0
        for (r, curve) in curves.enumerated() {
            guard curve.parameters.isFinite else { throw .nonFiniteInput(quantity: "parameters of run \(curve.name)", index: r) }
            guard curve.parameters > 0 else { throw .nonPositiveInput(quantity: "parameters of run \(curve.name)", index: r, value: curve.parameters) }
            try InputValidation.requirePositiveFinite(curve.flops, quantity: "FLOPs of run \(curve.name)")
            try InputValidation.requirePositiveFinite(curve.loss, quantity: "loss of run \(curve.name)")
            checkpoints += curve.flops.count
        }
        try InputValidation.requireCount(checkpoints, atLeast: 2, model: model)
        let sizes = InputValidation.distinctCount(curves.map(\.parameters))
        guard sizes >= 2 else { throw .singleModelSize(model: model, parameters: curves[0].parameters) }

        // Sort each curve by FLOPs (logs may be out of order after restarts).
        let logCurves: [(lc: [Double], ll: [Double])] = curves.map { curve in
            let order = curve.flops.indices.sorted { curve.flops[$0] < curve.flops[$1] }
            return (order.map { log(curve.flops[$0]) }, order.map { log(curve.loss[$0]) })
        }
        let lo = logCurves.compactMap(\.lc.first).min()!, hi = logCurves.compactMap(\.lc.last).max()!
        guard hi > lo else { throw .tooFewBudgets(have: 1, need: 2) }
        var samples: [Sample] = []
        var switches: [Switch] = []
        let count = max(2, flopValues)
        for k in 0..<count {
            let lc = lo + (hi - lo) * Double(k) / Double(count - 1)
            var bestRun = -1, bestLogLoss = Double.infinity
            for (r, curve) in logCurves.enumerated() {
                guard let v = Self.interpolate(curve.lc, curve.ll, at: lc), v < bestLogLoss else { continue }
                bestRun = r; bestLogLoss = v
            }
            guard bestRun >= 0 else { continue }
            let c = exp(lc), n = curves[bestRun].parameters
            if let last = samples.last, last.run != bestRun {
                switches.append(Switch(flops: c, fromRun: last.run, toRun: bestRun))
            }
            samples.append(Sample(flops: c, run: bestRun, parameters: n, tokens: c / (6 * n), loss: exp(bestLogLoss)))
        }
        let winners = Set(samples.map(\.run))
        var warnings: [String] = []
        if winners.count < 2 {
            throw .tooFewPoints(model: model + ": runs on the envelope", have: winners.count, need: 2)
        }
        if winners.count < 4 {
            warnings.append("only \(winners.count) runs ever lie on the envelope: N_opt is a staircase and the exponent a is quantised; train more sizes")
        }
        let c = samples.map(\.flops)
        let nFit = try PowerLaw.fit(x: c, y: samples.map(\.parameters), model: model)
        let dFit = try PowerLaw.fit(x: c, y: samples.map(\.tokens), model: model)
        warnings.append("the envelope's \(samples.count) FLOP values are not independent: use --bootstrap (resampling runs) for intervals on a and b")
        return ComputeEnvelope(samples: samples, switches: switches, optimalParameters: nFit,
                               optimalTokens: dFit, warnings: warnings)
    }

    /// Linear interpolation of log loss in log FLOPs, inside the curve's range only.
    static func interpolate(_ x: [Double], _ y: [Double], at t: Double) -> Double? {
        guard let first = x.first, let last = x.last, t >= first, t <= last else { return nil }
        if x.count == 1 { return y[0] }
        var lo = 0, hi = x.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if x[mid] <= t { lo = mid } else { hi = mid }
        }
        let w = x[hi] - x[lo]
        return w > 0 ? y[lo] + (y[hi] - y[lo]) * (t - x[lo]) / w : min(y[lo], y[hi])
    }
}
