#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pure power law y = k·x^p, fitted as the line log y = log k + p·log x by QR least
/// squares (`dgels`), with 95% t-intervals from the coefficient covariance. Points may be
/// weighted (1/σ² of each log y, as Porian et al. weight IsoFLOP vertices).
public struct PowerLaw: Sendable, Equatable {
    public var coefficient: Double
    public var exponent: Double
    /// 95% interval of the exponent (nil with two points: no degrees of freedom).
    public var exponentInterval: ClosedRange<Double>?
    /// 95% interval of log k.
    public var logCoefficientInterval: ClosedRange<Double>?
    /// log y − fitted, per point.
    public var residuals: [Double]
    /// R² of the log-log line.
    public var rSquared: Double

    public func callAsFunction(_ x: Double) -> Double { coefficient * pow(x, exponent) }

    /// Fit through (x, y); all values positive and finite, at least two distinct x.
    /// `weights` (positive, one per point) multiply each squared log residual.
    public static func fit(x: [Double], y: [Double], weights: [Double]? = nil, model: String = "power law") throws(FitError) -> PowerLaw {
        guard x.count == y.count else { throw .tooFewPoints(model: model, have: min(x.count, y.count), need: max(x.count, y.count)) }
        try InputValidation.requirePositiveFinite(x, quantity: "x")
        try InputValidation.requirePositiveFinite(y, quantity: "y")
        try InputValidation.requireCount(x.count, atLeast: 2, model: model)
        guard InputValidation.distinctCount(x) >= 2 else { throw .tooFewBudgets(have: 1, need: 2) }
        let lx = x.map { log($0) }, ly = y.map { log($0) }
        // Weighted least squares is ordinary least squares on rows scaled by √w.
        let root = (weights ?? []).count == x.count && weights!.allSatisfy({ $0 > 0 && $0.isFinite })
            ? weights!.map { $0.squareRoot() } : [Double](repeating: 1, count: x.count)
        // Centre log x (weighted) so the two columns are orthogonal-ish (methods.md §9.1).
        let totalWeight = root.reduce(0) { $0 + $1 * $1 }
        let mean = zip(lx, root).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / totalWeight
        let design = Matrix(columns: [root, zip(lx, root).map { ($0 - mean) * $1 }])
        let solution: LeastSquares.Solution
        do { solution = try LeastSquares.solve(design: design, response: zip(ly, root).map { $0 * $1 }) } catch { throw .linearAlgebra(error) }
        let slope = solution.coefficients[1]
        let intercept = solution.coefficients[0] - slope * mean
        var slopeCI: ClosedRange<Double>? = nil, interceptCI: ClosedRange<Double>? = nil
        if let cov = solution.covariance {
            let t = StudentT.quantile975(degreesOfFreedom: solution.degreesOfFreedom)
            let seSlope = cov[1, 1].squareRoot()
            // Var(β₀ − β₁·m) = Var β₀ + m² Var β₁ − 2m Cov(β₀, β₁).
            let seIntercept = max(0, cov[0, 0] + mean * mean * cov[1, 1] - 2 * mean * cov[0, 1]).squareRoot()
            slopeCI = (slope - t * seSlope)...(slope + t * seSlope)
            interceptCI = (intercept - t * seIntercept)...(intercept + t * seIntercept)
        }
        let meanY = zip(ly, root).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / totalWeight
        let tss = zip(ly, root).reduce(0) { $0 + ($1.0 - meanY) * ($1.0 - meanY) * $1.1 * $1.1 }
        let rss = solution.residuals.reduce(0) { $0 + $1 * $1 }
        return PowerLaw(coefficient: exp(intercept), exponent: slope, exponentInterval: slopeCI,
                        logCoefficientInterval: interceptCI,
                        residuals: lx.indices.map { ly[$0] - intercept - slope * lx[$0] },
                        rSquared: tss > 0 ? 1 - rss / tss : 1)
    }
}
