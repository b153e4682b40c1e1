#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pure power law y = k·x^p, fitted as the line log y = log k + p·log x by QR least
/// squares (`dgels`), with 95% t-intervals from the coefficient covariance.
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
    public static func fit(x: [Double], y: [Double], model: String = "power law") throws(FitError) -> PowerLaw {
        guard x.count == y.count else { throw .tooFewPoints(model: model, have: min(x.count, y.count), need: max(x.count, y.count)) }
        try InputValidation.requirePositiveFinite(x, quantity: "x")
        try InputValidation.requirePositiveFinite(y, quantity: "y")
        try InputValidation.requireCount(x.count, atLeast: 2, model: model)
        guard InputValidation.distinctCount(x) >= 2 else { throw .tooFewBudgets(have: 1, need: 2) }
        let lx = x.map { log($0) }, ly = y.map { log($0) }
        // Centre log x so the two columns are orthogonal-ish (methods.md §9.1, normalising).
        let mean = lx.reduce(0, +) / Double(lx.count)
        let design = Matrix(columns: [[Double](repeating: 1, count: lx.count), lx.map { $0 - mean }])
        let solution: LeastSquares.Solution
        do { solution = try LeastSquares.solve(design: design, response: ly) } catch { throw .linearAlgebra(error) }
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
        let meanY = ly.reduce(0, +) / Double(ly.count)
        let tss = ly.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) }
        let rss = solution.residuals.reduce(0) { $0 + $1 * $1 }
        return PowerLaw(coefficient: exp(intercept), exponent: slope, exponentInterval: slopeCI,
                        logCoefficientInterval: interceptCI, residuals: solution.residuals,
                        rSquared: tss > 0 ? 1 - rss / tss : 1)
    }
}
