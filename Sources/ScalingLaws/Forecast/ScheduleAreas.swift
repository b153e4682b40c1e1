#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two schedule features of Tissue et al.'s LR-annealing law L = L₀ + A·S₁^(−α) − C·S₂
/// (arXiv 2408.11029; methods.md §5.1), tabulated on a fine grid from 0 to the planned end
/// with the rate normalised by its peak and x by the planned end:
///
/// - S₁(x) = ∫₀ˣ η(t) dt / end, the forward area, in planned runs at the peak rate [S].
/// - K(x) = S₂(x)/τ with S₂ = ∫₀ˣ m(t) dt and m the decay momentum, m' = −m/τ + max(0, −η'):
///   each drop in the rate adds to m, which then fades with memory τ. This is the
///   continuous form of the paper's m_i = λ·m_{i−1} + (η_{i−1} − η_i) as we recall it
///   (methods.md §5.1 marks the definition [U]); λ = e^(−Δ/τ). Divided by τ, K is the part
///   of the rate's fall (in peak units) that has taken effect: it rises to the whole fall a
///   few τ after a drop, so D·K is the loss a decay has bought with D its full value.
/// - Or K with a power-law memory, K(x) = Σ drops·(1 − (1 + Δx/τ)^(−β)): the slow
///   saturation of the multi-power law's loss-reduction term (Luo et al. 2025, arXiv
///   2503.12811 [S], whose G(x) = 1 − (Cx + 1)^(−β)), here in time since each drop. After a
///   step down the loss keeps falling for long after the exponential form has settled; the
///   forecaster weighs both forms by how well they fit.
public struct ScheduleAreas: Sendable {
    /// How a fall of the rate takes effect.
    public enum Memory: Sendable, Equatable {
        /// Tissue et al.'s momentum: 1 − e^(−Δx/τ), τ a fraction of the planned run.
        case exponential(Double)
        /// 1 − (1 + Δx/τ)^(−β).
        case powerLaw(scale: Double, exponent: Double)

        /// τ as a fraction of the planned run.
        public var scale: Double {
            switch self {
            case .exponential(let t): return t
            case .powerLaw(let t, _): return t
            }
        }

        public var name: String {
            switch self {
            case .exponential: return "exponential"
            case .powerLaw(_, let b): return "power law (β = \(NumberFormat.general(b, significant: 2)))"
            }
        }
    }

    public let end: Double
    public let memory: Memory
    let forward: [Double]
    let progress: [Double]

    public init(schedule: LearningRateSchedule, end: Double, memory: Memory, cells: Int = 2000) {
        self.end = end
        self.memory = memory
        if case let .powerLaw(scale, exponent) = memory {
            (forward, progress) = Self.powerLawTable(schedule: schedule, end: end, scale: scale, exponent: exponent, cells: cells / 2)
            return
        }
        let memoryFraction = memory.scale
        let h = 1 / Double(cells)
        var forward = [0.0], progress = [0.0]
        forward.reserveCapacity(cells + 1)
        progress.reserveCapacity(cells + 1)
        let peak = schedule.peak > 0 ? schedule.peak : 1
        var previousRate = schedule.learningRate(at: 0) / peak
        var momentum = 0.0, annealing = 0.0
        let fade = exp(-h / memoryFraction)
        for k in 1...cells {
            let rate = schedule.learningRate(at: Double(k) * h * end) / peak
            let newMomentum = momentum * fade + max(0, previousRate - rate)
            forward.append(forward[k - 1] + 0.5 * (rate + previousRate) * h)
            annealing += 0.5 * (momentum + newMomentum) * h
            progress.append(annealing / memoryFraction)
            momentum = newMomentum
            previousRate = rate
        }
        self.forward = forward
        self.progress = progress
    }

    /// The power-law memory by direct summation over the grid's drops (O(cells²), so on a
    /// coarser grid).
    static func powerLawTable(schedule: LearningRateSchedule, end: Double, scale: Double, exponent: Double,
                              cells: Int) -> ([Double], [Double]) {
        let h = 1 / Double(cells)
        let peak = schedule.peak > 0 ? schedule.peak : 1
        let rates = (0...cells).map { schedule.learningRate(at: Double($0) * h * end) / peak }
        var forward = [0.0]
        forward.reserveCapacity(cells + 1)
        for k in 1...cells { forward.append(forward[k - 1] + 0.5 * (rates[k] + rates[k - 1]) * h) }
        let drops = (0...cells).map { k in k == 0 ? 0 : max(0, rates[k - 1] - rates[k]) }
        let fell = drops.indices.filter { drops[$0] > 0 }
        // G at each lag, once.
        let g = (0...cells).map { 1 - pow(1 + Double($0) * h / scale, -exponent) }
        var progress = [Double](repeating: 0, count: cells + 1)
        for i in 0...cells {
            var total = 0.0
            for j in fell where j <= i { total += drops[j] * g[i - j] }
            progress[i] = total
        }
        return (forward, progress)
    }

    /// S₁ and K at `x` (linear interpolation in the table; x is clamped to [0, end]).
    public func features(at x: Double) -> (forward: Double, progress: Double) {
        let cells = forward.count - 1
        let t = min(max(x / end, 0), 1) * Double(cells)
        let k = min(cells - 1, Int(t))
        let w = t - Double(k)
        return (forward[k] + w * (forward[k + 1] - forward[k]), progress[k] + w * (progress[k + 1] - progress[k]))
    }

    /// τ as a fraction of the planned run.
    public var memoryFraction: Double { memory.scale }

    /// K at the end: how much of the schedule's fall has taken effect by then.
    public var finalProgress: Double { progress[progress.count - 1] }
}
