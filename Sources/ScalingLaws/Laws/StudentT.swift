/// Two-sided 95% quantiles of Student's t, for regression intervals.
enum StudentT {
    /// t_{0.975, ν}: exact table for ν ≤ 10, Cornish–Fisher expansion beyond
    /// (Abramowitz & Stegun 26.7.5; error below 1e-4 for ν > 10).
    static func quantile975(degreesOfFreedom nu: Int) -> Double {
        let table = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281]
        guard nu > 0 else { return .infinity }
        if nu <= table.count { return table[nu - 1] }
        let z = 1.959963984540054, v = Double(nu)
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
    }
}
