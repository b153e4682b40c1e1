#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Minimum of a function of one positive variable over an interval of log x: a dense scan
/// (robust to kinks such as the min() in Muennighoff's U_N), then golden section inside the
/// best cell of the scan (methods.md §7.2 recommends exactly this).
enum LogSpaceMinimizer {
    static func minimize(_ f: (Double) -> Double, over range: ClosedRange<Double>, scanPoints: Int = 400) -> (x: Double, value: Double) {
        let lo = log(range.lowerBound), hi = log(range.upperBound)
        let step = (hi - lo) / Double(scanPoints - 1)
        var bestK = 0, bestValue = Double.infinity
        for k in 0..<scanPoints {
            let v = f(exp(lo + step * Double(k)))
            if v < bestValue { bestValue = v; bestK = k }
        }
        var a = lo + step * Double(max(0, bestK - 1)), b = lo + step * Double(min(scanPoints - 1, bestK + 1))
        let r = (5.0.squareRoot() - 1) / 2
        for _ in 0..<100 where b - a > 1e-12 {
            let c = b - r * (b - a), d = a + r * (b - a)
            if f(exp(c)) < f(exp(d)) { b = d } else { a = c }
        }
        let x = exp((a + b) / 2), v = f(x)
        return v <= bestValue ? (x, v) : (exp(lo + step * Double(bestK)), bestValue)
    }
}
