import CLapack

/// Singular values (`dgesdd`), for condition numbers of Jacobians (methods.md §9.6).
public enum SingularValues {
    /// Singular values in descending order.
    public static func of(_ a: Matrix) throws(LinearAlgebraError) -> [Double] {
        BLASThreading.pinToOneThread()
        var s = a.storage
        let k = min(a.rows, a.cols)
        guard k > 0 else { return [] }
        var sv = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: 1)
        var vt = [Double](repeating: 0, count: 1)
        let m = Int32(a.rows), n = Int32(a.cols)
        let info = s.withUnsafeMutableBufferPointer { ps in
            sv.withUnsafeMutableBufferPointer { psv in
                u.withUnsafeMutableBufferPointer { pu in
                    vt.withUnsafeMutableBufferPointer { pvt in
                        LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), m, n,
                                       ps.baseAddress, m, psv.baseAddress,
                                       pu.baseAddress, 1, pvt.baseAddress, 1)
                    }
                }
            }
        }
        guard info == 0 else { throw .lapack(routine: "dgesdd", info: info) }
        return sv
    }

    /// σ_max/σ_min (infinite when rank-deficient).
    public static func conditionNumber(_ a: Matrix) throws(LinearAlgebraError) -> Double {
        let sv = try of(a)
        guard let hi = sv.first, let lo = sv.last else { return .infinity }
        return lo > 0 ? hi / lo : .infinity
    }
}
