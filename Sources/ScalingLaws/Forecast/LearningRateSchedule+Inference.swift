extension LearningRateSchedule {
    /// What the rates a run has logged so far say about its schedule.
    public struct Inference: Sendable, Equatable {
        /// The schedule that explains the logged rates; after the last one it continues as
        /// `impliesTheRest` says.
        public var schedule: LearningRateSchedule
        /// RMS error of `schedule` against the logged rates, relative to the peak.
        public var relativeError: Double
        /// The rates follow a decay that ends at the planned end (a cosine or linear decay, or
        /// a cooldown under way), so the rest of the run is implied. False when the rate has
        /// been constant (or stepped down) so far: nothing in the log says whether a cooldown
        /// or another step will come.
        public var impliesTheRest: Bool
    }

    /// A drop by more than this factor between two logged rates is a step.
    static let stepRatio = 1.5
    /// A rate within this fraction of its level counts as unchanged.
    static let flatTolerance = 0.02

    /// The schedule that best explains `learningRate` logged at `x` for a run planned to end
    /// at `plannedEnd`: the peak and the end of warmup read off the log; steps down found
    /// where the rate falls by more than ×1.5 between two logged points; a decay (cosine,
    /// linear or 1−√u) to the planned end fitted from the end of warmup and from the end of
    /// the last flat stretch (a WSD cooldown), its floor by least squares:
    /// lr − base·s(x) = floor·(1 − s(x)). Nil without a positive rate.
    public static func inferred(x: [Double], learningRate: [Double], plannedEnd: Double) -> Inference? {
        guard x.count == learningRate.count,
              let peakIndex = learningRate.indices.filter({ learningRate[$0].isFinite }).max(by: { learningRate[$0] < learningRate[$1] }),
              learningRate[peakIndex] > 0 else { return nil }
        let peak = learningRate[peakIndex]
        let warmupIndex = learningRate.indices.first { learningRate[$0] >= (1 - 0.005) * peak } ?? peakIndex
        let warmupEnd = x[warmupIndex]
        let after = Array(x.indices.filter { $0 >= warmupIndex && learningRate[$0].isFinite })
        func error(_ s: LearningRateSchedule) -> Double {
            var sq = 0.0
            for i in after { let r = s.learningRate(at: x[i]) - learningRate[i]; sq += r * r }
            return (sq / Double(max(1, after.count))).squareRoot() / peak
        }

        // Flat stretches and steps down.
        var drops: [Drop] = []   // factors relative to the level before each drop
        var level = peak
        var lastFlat = warmupIndex
        for (k, i) in after.enumerated() where k > 0 {
            let previous = after[k - 1]
            if learningRate[i] * stepRatio < learningRate[previous] {
                drops.append(Drop(at: x[previous], factor: learningRate[i] / level))
                level = learningRate[i]
            }
            if learningRate[i] >= (1 - flatTolerance) * level { lastFlat = i }
        }
        let stepped = LearningRateSchedule(peak: peak, warmupEnd: warmupEnd, floor: level, end: plannedEnd,
                                           shape: .constant, drops: drops)
        let steppedError = error(stepped)
        let decayed = after.contains { learningRate[$0] < (1 - 2.5 * flatTolerance) * peak }
        let flatSoFar = Inference(schedule: stepped, relativeError: steppedError, impliesTheRest: false)
        guard decayed, drops.isEmpty || steppedError > 0.05 else { return flatSoFar }

        // A decay to the planned end from the end of warmup, or from the last flat point.
        var best: Inference? = nil
        let starts = Set([warmupEnd, x[lastFlat]]).sorted()
        for start in starts where start < plannedEnd {
            for shape in [Shape.cosine, .linear, .oneMinusSquareRoot] {
                var s = LearningRateSchedule(peak: peak, warmupEnd: warmupEnd, decayStart: start, floor: peak,
                                             end: plannedEnd, shape: shape)
                var num = 0.0, den = 0.0
                for i in after where x[i] > start {
                    let remaining = shape.remaining((x[i] - start) / (plannedEnd - start))
                    num += (1 - remaining) * (learningRate[i] - peak * remaining)
                    den += (1 - remaining) * (1 - remaining)
                }
                guard den > 1e-12 else { continue }
                s.floor = min(peak, max(0, num / den))
                let e = error(s)
                if best == nil || e < best!.relativeError { best = Inference(schedule: s, relativeError: e, impliesTheRest: true) }
            }
        }
        guard let decay = best else { return flatSoFar }
        return decay.relativeError <= steppedError ? decay : flatSoFar
    }
}
