/// Least squares with two or three columns by modified Gram–Schmidt (stable where the
/// constant and x^(−α) columns are nearly collinear at small α).
enum SmallLeastSquares {
    static func solve(columns: [[Double]], response: [Double]) -> (coefficients: [Double], rss: Double)? {
        let p = columns.count, n = response.count
        var q = columns
        var r = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for j in 0..<p {
            for i in 0..<j {
                var dot = 0.0
                for k in 0..<n { dot += q[i][k] * q[j][k] }
                r[i][j] = dot
                for k in 0..<n { q[j][k] -= dot * q[i][k] }
            }
            var norm = 0.0
            for k in 0..<n { norm += q[j][k] * q[j][k] }
            norm = norm.squareRoot()
            var scale = 0.0
            for k in 0..<n { scale += columns[j][k] * columns[j][k] }
            // A column (numerically) inside the span of the previous ones: no unique solution.
            guard norm > 1e-10 * scale.squareRoot(), norm > 0 else { return nil }
            r[j][j] = norm
            for k in 0..<n { q[j][k] /= norm }
        }
        var qty = [Double](repeating: 0, count: p)
        for j in 0..<p { for k in 0..<n { qty[j] += q[j][k] * response[k] } }
        var coef = [Double](repeating: 0, count: p)
        for j in stride(from: p - 1, through: 0, by: -1) {
            var s = qty[j]
            for i in (j + 1)..<p { s -= r[j][i] * coef[i] }
            coef[j] = s / r[j][j]
        }
        var rss = 0.0
        for k in 0..<n {
            var fitted = 0.0
            for j in 0..<p { fitted += coef[j] * columns[j][k] }
            rss += (response[k] - fitted) * (response[k] - fitted)
        }
        return (coef, rss)
    }
}
