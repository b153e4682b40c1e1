import CLapack

/// Linear least squares by Householder QR (LAPACK `dgels`), with the coefficient covariance
/// from the Cholesky factor of XᵀX (`dpotrf`/`dpotri`).
public enum LeastSquares {
    /// Coefficients, residuals and (when the system is over-determined) covariance.
    public struct Solution: Sendable, Equatable {
        public var coefficients: [Double]
        /// y − Xβ, one per row.
        public var residuals: [Double]
        /// σ̂²·(XᵀX)⁻¹ with σ̂² = RSS/(m − n); nil when m == n (no degrees of freedom left).
        public var covariance: Matrix?
        public var degreesOfFreedom: Int
        public var residualVariance: Double
    }

    /// min ‖X·β − y‖₂ by QR (`dgels`); never by the normal equations, which square the
    /// condition number (swift-notes.md pitfall 12).
    public static func solve(design x: Matrix, response y: [Double]) throws(LinearAlgebraError) -> Solution {
        guard y.count == x.rows else { throw .dimensionMismatch("\(y.count) responses for \(x.rows) rows") }
        guard x.rows >= x.cols, x.cols > 0 else {
            throw .dimensionMismatch("\(x.rows) rows cannot determine \(x.cols) coefficients")
        }
        BLASThreading.pinToOneThread()
        var a = x.storage
        var b = y
        let m = Int32(x.rows), n = Int32(x.cols)
        let info = a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                LAPACKE_dgels(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), m, n, 1,
                              pa.baseAddress, m, pb.baseAddress, m)
            }
        }
        guard info == 0 else { throw .lapack(routine: "dgels", info: info) }
        let beta = Array(b.prefix(x.cols))
        var residuals = y
        for i in 0..<x.rows {
            var fitted = 0.0
            for j in 0..<x.cols { fitted += x[i, j] * beta[j] }
            residuals[i] = y[i] - fitted
        }
        let dof = x.rows - x.cols
        let rss = residuals.reduce(0) { $0 + $1 * $1 }
        let variance = dof > 0 ? rss / Double(dof) : 0
        var covariance: Matrix? = nil
        if dof > 0 {
            var xtx = gram(x)
            try SymmetricMatrix.invertPositiveDefinite(&xtx)
            for k in xtx.storage.indices { xtx.storage[k] *= variance }
            covariance = xtx
        }
        return Solution(coefficients: beta, residuals: residuals, covariance: covariance,
                        degreesOfFreedom: dof, residualVariance: variance)
    }

    /// XᵀX (`cblas_dsyrk`, both triangles filled).
    static func gram(_ x: Matrix) -> Matrix {
        BLASThreading.pinToOneThread()
        var c = Matrix(rows: x.cols, cols: x.cols)
        let m = Int32(x.rows), n = Int32(x.cols)
        x.storage.withUnsafeBufferPointer { pa in
            c.storage.withUnsafeMutableBufferPointer { pc in
                cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, n, m, 1.0,
                            pa.baseAddress, m, 0.0, pc.baseAddress, n)
            }
        }
        for j in 0..<x.cols { for i in 0..<j { c[i, j] = c[j, i] } }
        return c
    }
}
