import Glibc
import ScalingLaws

/// A fitted curve sampled for drawing, with its bootstrap band: at each x, the central
/// value and the lower and upper percentiles over the bootstrap replicates.
public struct BandSample: Sendable, Equatable {
    public var x: Double
    public var center: Double
    public var lower: Double
    public var upper: Double

    public init(x: Double, center: Double, lower: Double, upper: Double) {
        self.x = x
        self.center = center
        self.lower = lower
        self.upper = upper
    }

    /// Sample `center` and the `level` band of `replicates` at `count` log-spaced x values
    /// from `lower` to `upper`.
    static func logSpaced(from lower: Double, to upper: Double, count: Int = 48, level: Double,
                          center: (Double) -> Double, replicates: [(Double) -> Double]) -> [BandSample] {
        guard lower > 0, upper > lower, count >= 2 else { return [] }
        let (l0, l1) = (log10(lower), log10(upper))
        let tail = (1 - level) / 2
        return (0..<count).map { k in
            let x = pow(10, l0 + (l1 - l0) * Double(k) / Double(count - 1))
            let c = center(x)
            let values = replicates.map { $0(x) }.filter(\.isFinite).sorted()
            guard values.count >= 10 else { return BandSample(x: x, center: c, lower: c, upper: c) }
            return BandSample(x: x, center: c, lower: Percentile.of(sorted: values, tail), upper: Percentile.of(sorted: values, 1 - tail))
        }
    }

}
