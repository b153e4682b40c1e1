import CLapack

/// Operations on symmetric matrices: inverses of Hessians and Gram matrices, eigenvalues.
public enum SymmetricMatrix {
    /// In-place inverse of a symmetric positive-definite matrix by Cholesky
    /// (`dpotrf` then `dpotri`). Throws when it is not positive definite.
    public static func invertPositiveDefinite(_ a: inout Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.cols else { throw .dimensionMismatch("inverse of a \(a.rows)×\(a.cols) matrix") }
        BLASThreading.pinToOneThread()
        let n = Int32(a.rows)
        let lower = CChar(UInt8(ascii: "L"))
        var routine = "dpotrf"
        let info: Int32 = a.storage.withUnsafeMutableBufferPointer { p in
            let f = LAPACKE_dpotrf(LAPACK_COL_MAJOR, lower, n, p.baseAddress, n)
            guard f == 0 else { return f }
            routine = "dpotri"
            return LAPACKE_dpotri(LAPACK_COL_MAJOR, lower, n, p.baseAddress, n)
        }
        guard info == 0 else { throw .lapack(routine: routine, info: info) }
        for j in 0..<a.cols { for i in 0..<j { a[i, j] = a[j, i] } }
    }

    /// Eigenvalues in ascending order (`dsyev`).
    public static func eigenvalues(_ a: Matrix) throws(LinearAlgebraError) -> [Double] {
        guard a.rows == a.cols else { throw .dimensionMismatch("eigenvalues of a \(a.rows)×\(a.cols) matrix") }
        BLASThreading.pinToOneThread()
        var s = a.storage
        var w = [Double](repeating: 0, count: a.rows)
        let n = Int32(a.rows)
        let info = s.withUnsafeMutableBufferPointer { ps in
            w.withUnsafeMutableBufferPointer { pw in
                LAPACKE_dsyev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "L")),
                              n, ps.baseAddress, n, pw.baseAddress)
            }
        }
        guard info == 0 else { throw .lapack(routine: "dsyev", info: info) }
        return w
    }
}
