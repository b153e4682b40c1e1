import Glibc
import Testing
@testable import Charts

/// The streaming decimator keeps the points `MinMaxDecimator` picks from a sketch of the
/// same points: the curves panel draws the same dots whichever holds a run's curve.
@Suite struct StreamingDecimatorTests {
    /// The reference: every point rounded to floats as `CurveSketch` keeps them (non-finite
    /// ones dropped), then `MinMaxDecimator`'s indices.
    static func reference(_ x: [Double], _ y: [Double], from x0: Double, to x1: Double,
                          columns: Int) -> [(x: Double, y: Double)] {
        var fx: [Float] = [], fy: [Float] = []
        for i in x.indices {
            let a = Float(x[i]), b = Float(y[i])
            guard a.isFinite, b.isFinite else { continue }
            fx.append(a)
            fy.append(b)
        }
        var decimator = MinMaxDecimator(from: x0, to: x1, columns: columns)
        decimator.feed(x: fx, y: fy)
        return decimator.indices.map { (Double(fx[$0]), Double(fy[$0])) }
    }

    @Test(arguments: ["steady", "one column", "ties", "falls back", "out of the domain", "non-finite", "spike first",
                      "two points", "one point", "none"])
    func keepsWhatMinMaxDecimationOfTheSketchKeeps(shape: String) {
        var state: UInt64 = 11
        func random() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let n = ["two points": 2, "one point": 1, "none": 0][shape] ?? 5_000
        var x: [Double] = [], y: [Double] = []
        for i in 0..<n {
            switch shape {
            case "one column": x.append(1 + 1e-9 * Double(i))
            case "falls back": x.append(i == n / 2 ? 0.1 : log10(Double(i + 1)))
            case "out of the domain": x.append(log10(Double(i + 1)) * 2 - 1)
            default: x.append(log10(Double(i + 1)))
            }
            switch shape {
            case "ties": y.append(Double(i % 3))
            case "non-finite": y.append(i % 17 == 0 ? .nan : i % 29 == 0 ? 1e300 : 2 + random())
            case "spike first": y.append(i == 0 ? 9 : 2 + 0.1 * random())
            default: y.append(3 - 0.2 * log(Double(i + 1)) + 0.05 * random())
            }
        }
        for columns in [1, 7, 160] {
            let want = Self.reference(x, y, from: 0, to: log10(Double(max(n, 2))), columns: columns)
            var streaming = StreamingDecimator(from: 0, to: log10(Double(max(n, 2))), columns: columns)
            // Read part-way as the dashboard does between frames (the open column's part
            // written then, and rewritten after more points), then to the end.
            for i in x.indices {
                streaming.add(x: x[i], y: y[i])
                if i == n / 3 || i % 97 == 5 {
                    let partial = Self.reference(Array(x[...i]), Array(y[...i]), from: 0, to: log10(Double(max(n, 2))),
                                                 columns: columns)
                    let read = streaming.kept()
                    #expect(read.map(\.x) == partial.map(\.x) && read.map(\.y) == partial.map(\.y),
                            "\(shape), \(columns) columns, after \(i + 1) points")
                }
            }
            let got = streaming.kept()
            #expect(got.map(\.x) == want.map(\.x) && got.map(\.y) == want.map(\.y), "\(shape), \(columns) columns")
            #expect(streaming.heldCount <= 2 * columns + 4 || shape == "falls back" || shape == "out of the domain",
                    "bounded by the columns: \(streaming.heldCount)")
        }
    }
}
