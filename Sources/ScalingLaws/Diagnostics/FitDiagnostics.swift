#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Identifiability diagnostics from the Jacobian of the residuals at the optimum
/// (methods.md §9.6): condition number by SVD, correlations from (JᵀJ)⁻¹.
public struct FitDiagnostics: Sendable, Equatable {
    /// Parameter names, in Jacobian column order.
    public var parameterNames: [String]
    /// σ_max/σ_min of the Jacobian (infinite when rank-deficient).
    public var conditionNumber: Double
    /// Correlation matrix of the parameters from (JᵀJ)⁻¹; nil when JᵀJ is singular.
    public var correlations: Matrix?
    /// Human-readable flags: cond > 1e3, |corr| > 0.95, singular.
    public var warnings: [String]

    /// Flag thresholds from methods.md §9.6, detection rules 1 and 2.
    public static let conditionThreshold = 1e3
    public static let correlationThreshold = 0.95

    public init(jacobian: Matrix, parameterNames: [String]) {
        self.parameterNames = parameterNames
        var warnings: [String] = []
        let cond = (try? SingularValues.conditionNumber(jacobian)) ?? .infinity
        conditionNumber = cond
        if !cond.isFinite {
            warnings.append("the Jacobian is rank-deficient: some parameters are not identifiable from these points")
        } else if cond > Self.conditionThreshold {
            warnings.append("condition number \(NumberFormat.general(cond, significant: 3)) > 1e3: parameters trade off against each other; trust derived quantities (a, N_opt) more than individual ones")
        }
        var gram = LeastSquares.gram(jacobian)
        if (try? SymmetricMatrix.invertPositiveDefinite(&gram)) != nil {
            var corr = gram
            let p = gram.rows
            for i in 0..<p { for j in 0..<p {
                corr[i, j] = gram[i, j] / (gram[i, i] * gram[j, j]).squareRoot()
            }}
            for i in 0..<p { for j in (i + 1)..<max(p, i + 1) where abs(corr[i, j]) > Self.correlationThreshold {
                warnings.append("corr(\(parameterNames[i]), \(parameterNames[j])) = \(NumberFormat.fixed(corr[i, j], decimals: 3)): these two are weakly identified separately")
            }}
            correlations = corr
        } else {
            correlations = nil
            if cond.isFinite {
                warnings.append("JᵀJ is numerically singular: the fit is not identifiable")
            }
        }
        self.warnings = warnings
    }
}
