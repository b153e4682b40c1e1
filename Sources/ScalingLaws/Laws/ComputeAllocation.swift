#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The compute-optimal split of a FLOP budget between parameters and tokens under C = 6ND:
/// N_opt(C) = G·(C/6)^a and D_opt(C) = G⁻¹·(C/6)^b (Hoffmann et al. 2022, Eq. 4).
public struct ComputeAllocation: Sendable, Equatable {
    /// G = (αA/(βB))^(1/(α+β)).
    public var G: Double
    /// Exponent of N_opt in C: a = β/(α+β).
    public var a: Double
    /// Exponent of D_opt in C: b = α/(α+β).
    public var b: Double

    public init(G: Double, a: Double, b: Double) {
        self.G = G
        self.a = a
        self.b = b
    }

    public func optimalParameters(flops: Double) -> Double {
        G * pow(flops / 6, a)
    }

    public func optimalTokens(flops: Double) -> Double {
        pow(flops / 6, b) / G
    }

    /// D_opt/N_opt = G⁻²·(C/6)^(b−a).
    public func tokensPerParameter(flops: Double) -> Double {
        pow(flops / 6, b - a) / (G * G)
    }

    /// The budget for which `parameters` is compute-optimal: C = 6·(N/G)^(1/a).
    public func flops(optimalParameters parameters: Double) -> Double {
        6 * pow(parameters / G, 1 / a)
    }
}
