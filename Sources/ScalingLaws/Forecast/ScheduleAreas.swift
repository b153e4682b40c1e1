#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two areas of Tissue et al.'s LR-annealing law L(s) = L₀ + A·S₁^(−α) − C·S₂
/// (arXiv 2408.11029; methods.md §5.1), tabulated on a fine grid from 0 to the planned end
/// with the learning rate normalised by its peak:
///
/// - S₁(x) = ∫₀ˣ η(t) dt, the forward area [S].
/// - S₂(x) = ∫₀ˣ m(t) dt with m the decay momentum, m' = −m/τ + max(0, −η'): each drop in
///   the rate adds to m, which then fades with memory τ. This is the continuous form of
///   the paper's m_i = λ·m_{i−1} + (η_{i−1} − η_i) as we recall it (methods.md §5.1 marks the
///   definition [U]); λ = e^(−Δ/τ). τ is a fraction of the planned run, chosen by the fit.
public struct ScheduleAreas: Sendable {
    public let end: Double
    public let memory: Double
    let grid: [Double]
    let forward: [Double]
    let annealing: [Double]

    public init(schedule: LearningRateSchedule, end: Double, memory: Double, cells: Int = 4000) {
        self.end = end
        self.memory = memory
        let h = end / Double(cells)
        var grid = [0.0], forward = [0.0], annealing = [0.0]
        grid.reserveCapacity(cells + 1)
        var previousRate = schedule.learningRate(at: 0) / schedule.peak
        var momentum = 0.0
        let fade = exp(-h / memory)
        for k in 1...cells {
            let x = Double(k) * h
            let rate = schedule.learningRate(at: x) / schedule.peak
            let newMomentum = momentum * fade + max(0, previousRate - rate)
            forward.append(forward[k - 1] + 0.5 * (rate + previousRate) * h)
            annealing.append(annealing[k - 1] + 0.5 * (momentum + newMomentum) * h)
            grid.append(x)
            momentum = newMomentum
            previousRate = rate
        }
        self.grid = grid
        self.forward = forward
        self.annealing = annealing
    }

    /// Areas at `x` (linear interpolation in the table; x is clamped to [0, end]).
    public func areas(at x: Double) -> (forward: Double, annealing: Double) {
        let t = min(max(x, 0), end)
        let h = end / Double(grid.count - 1)
        let k = min(grid.count - 2, Int(t / h))
        let w = (t - grid[k]) / h
        return (forward[k] + w * (forward[k + 1] - forward[k]), annealing[k] + w * (annealing[k + 1] - annealing[k]))
    }
}
