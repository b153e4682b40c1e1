#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One IsoFLOP budget of Chinchilla Approach 2 (Hoffmann et al. 2022, §3.2): the parabola
/// L ≈ c₂x² + c₁x + c₀ in x = log N, its vertex x* = −c₁/(2c₂) and curvature.
public struct IsoFLOPProfile: Sendable, Equatable {
    public var flops: Double
    /// Points used (after any window around the minimum).
    public var pointCount: Int
    public var coefficients: (c0: Double, c1: Double, c2: Double)
    /// N* = exp(x*).
    public var optimalParameters: Double
    /// D* = C/(6N*).
    public var optimalTokens: Double
    /// The parabola's value at the vertex.
    public var minimumLoss: Double
    /// d²L/d(log N)² = 2c₂.
    public var curvature: Double
    /// Standard error of x* = log N* by the delta method, ∇x* = (−1/(2c₂), c₁/(2c₂²)) on
    /// Cov(c₁, c₂); nil with exactly three points.
    public var logOptimalParametersStandardError: Double?
    /// Range of sizes sampled.
    public var sampledParameters: ClosedRange<Double>
    public var vertexInsideSampledSizes: Bool

    public static func == (l: IsoFLOPProfile, r: IsoFLOPProfile) -> Bool {
        l.flops == r.flops && l.coefficients == r.coefficients && l.pointCount == r.pointCount
    }

    /// Fit one budget. `pointsAroundMinimum` keeps only that many sizes centred on the
    /// lowest observed loss (Porian et al. use a local window); nil keeps all.
    public static func fit(flops: Double, parameters: [Double], loss: [Double],
                           pointsAroundMinimum: Int? = nil) throws(FitError) -> IsoFLOPProfile {
        try InputValidation.requirePositiveFinite(parameters, quantity: "parameters at budget \(NumberFormat.general(flops))")
        try InputValidation.requirePositiveFinite(loss, quantity: "loss at budget \(NumberFormat.general(flops))")
        var order = parameters.indices.sorted { parameters[$0] < parameters[$1] }
        if let window = pointsAroundMinimum, window >= 3, order.count > window {
            let best = order.indices.min { loss[order[$0]] < loss[order[$1]] }!
            let start = max(0, min(best - window / 2, order.count - window))
            order = Array(order[start..<(start + window)])
        }
        let sizes = InputValidation.distinctCount(order.map { parameters[$0] })
        guard sizes >= 3 else { throw .tooFewSizesInBudget(flops: flops, have: sizes, need: 3) }
        let x = order.map { log(parameters[$0]) }, y = order.map { loss[$0] }
        // Centre x for conditioning; shift the coefficients back afterwards.
        let m = x.reduce(0, +) / Double(x.count)
        let u = x.map { $0 - m }
        let design = Matrix(columns: [[Double](repeating: 1, count: u.count), u, u.map { $0 * $0 }])
        let s: LeastSquares.Solution
        do { s = try LeastSquares.solve(design: design, response: y) } catch { throw .linearAlgebra(error) }
        let (d0, d1, d2) = (s.coefficients[0], s.coefficients[1], s.coefficients[2])
        guard d2 > 0, d2.isFinite else { throw .concaveProfile(flops: flops) }
        let uStar = -d1 / (2 * d2)
        var se: Double? = nil
        if let cov = s.covariance {
            // x* = m + u*, so its variance is that of u* (m is fixed).
            let g1 = -1 / (2 * d2), g2 = d1 / (2 * d2 * d2)
            se = max(0, g1 * g1 * cov[1, 1] + 2 * g1 * g2 * cov[1, 2] + g2 * g2 * cov[2, 2]).squareRoot()
        }
        let xStar = m + uStar
        let c2 = d2, c1 = d1 - 2 * d2 * m, c0 = d0 - d1 * m + d2 * m * m
        let nStar = exp(xStar)
        let lo = order.map { parameters[$0] }.min()!, hi = order.map { parameters[$0] }.max()!
        return IsoFLOPProfile(flops: flops, pointCount: order.count, coefficients: (c0, c1, c2),
                              optimalParameters: nStar, optimalTokens: flops / (6 * nStar),
                              minimumLoss: d0 - d1 * d1 / (4 * d2), curvature: 2 * c2,
                              logOptimalParametersStandardError: se, sampledParameters: lo...hi,
                              vertexInsideSampledSizes: nStar > lo && nStar < hi)
    }
}
