/// Why a LAPACK call could not give an answer.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The LAPACK routine returned `info ≠ 0` (negative: bad argument; positive: singular,
    /// not positive definite or not converged, depending on the routine).
    case lapack(routine: String, info: Int32)
    case dimensionMismatch(String)

    public var description: String {
        switch self {
        case let .lapack(routine, info):
            return info > 0
                ? "\(routine) failed (info \(info)): the matrix is singular or not positive definite"
                : "\(routine) rejected argument \(-info)"
        case let .dimensionMismatch(what):
            return "dimension mismatch: \(what)"
        }
    }
}
