import Charts
import Export
import Foundation
import Glibc

/// Fixed figures for the export tests, built from the Chinchilla parametric law
/// L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, Eq. 10 and their fitted values) with
/// a deterministic wobble, so the goldens never change unless the drawing does.
enum SyntheticFigures {
    static let E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28

    static func loss(parameters n: Double, tokens d: Double) -> Double {
        E + A / pow(n, alpha) + B / pow(d, beta)
    }

    /// The light theme as the repository ships it, fixed here so a theme edit does not move
    /// the golden images.
    static let palette: FigurePalette = {
        let text = """
        theme[main_fg]="#24292F"
        theme[inactive_fg]="#6E7781"
        theme[title]="#0B0D10"
        theme[axis]="#57606A"
        theme[grid]="#D0D7DE"
        theme[size_start]="#0969DA"
        theme[size_mid]="#1A7F37"
        theme[size_end]="#CF222E"
        theme[run_1]="#0969DA"
        theme[run_2]="#BC4C00"
        theme[run_3]="#1A7F37"
        theme[run_4]="#CF222E"
        theme[run_5]="#8250DF"
        """
        return FigurePalette(theme: ThemeFile.parse(text, name: "light").theme)
    }()

    /// A small deterministic noise source (an LCG), uniform in -1...1.
    struct Wobble {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// 50 runs (10 sizes × 5 token budgets), each a 400-point loss curve against compute
    /// C = 6ND, the compute-optimal frontier across them, a fitted power law with a band,
    /// and its exponent as an annotation.
    static func frontier(pointsPerRun: Int = 400) -> FigureSpec {
        var wobble = Wobble(state: 7)
        var layers: [FigureLayer] = []
        let sizes = (0..<10).map { 2e7 * pow(10, Double($0) * 2.0 / 9.0) }     // 20M … 2B
        var frontierCandidates: [DataPoint] = []
        for (i, n) in sizes.enumerated() {
            let color = palette.sizeColor(Double(i) / 9)
            for multiple in [5.0, 10, 20, 40, 80] {
                let finalTokens = n * multiple
                var points: [DataPoint] = []
                for k in 0..<pointsPerRun {
                    let tokens = 2e7 * pow(finalTokens / 2e7, Double(k + 1) / Double(pointsPerRun))
                    let warmup = 1 + 3 * exp(-tokens / 3e7)
                    let l = loss(parameters: n, tokens: tokens) * warmup * (1 + 0.004 * wobble.next())
                    points.append(DataPoint(x: 6 * n * tokens, y: l))
                }
                frontierCandidates.append(points.last!)
                layers.append(.line(LineSeries(label: "N = \(label(n))", points: points, color: color, width: 0.9)))
            }
        }
        // The lower envelope of final losses, as a frontier.
        let sorted = frontierCandidates.sorted { $0.x < $1.x }
        var frontier: [DataPoint] = []
        for p in sorted where frontier.last.map({ p.y < $0.y }) ?? true { frontier.append(p) }
        layers.append(.markers(MarkerSet(label: "compute-optimal runs", points: frontier, shape: .diamond, filled: true,
                                         color: FigureColor(hex: "#0B0D10")!, size: 6)))
        // A power law L = a C^b fitted through the frontier in log-log, with a ±2% band.
        let lx = frontier.map { Glibc.log10($0.x) }, ly = frontier.map { Glibc.log10($0.y) }
        let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(lx, ly) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        let slope = sxy / sxx
        let fit = stride(from: lx.first!, through: lx.last! + 0.3, by: 0.1).map { x in
            DataPoint(x: pow(10, x), y: pow(10, my + slope * (x - mx)))
        }
        let ink = FigureColor(hex: "#0B0D10")!
        layers.append(.band(Band(label: "power-law fit, 95% interval", lower: fit.map { DataPoint(x: $0.x, y: $0.y * 0.97) },
                                 upper: fit.map { DataPoint(x: $0.x, y: $0.y * 1.03) }, color: ink, opacity: 0.12)))
        layers.append(.line(LineSeries(label: "power-law fit, 95% interval", points: fit, color: ink, width: 1.4, dash: .dashed)))
        let exponent = (slope * 1000).rounded() / 1000
        layers.append(.annotation(Annotation(text: "L_* ∝ C^{\(exponent)} ± 0.003".replacingOccurrences(of: "-", with: "−"), at: fit[fit.count - 6],
                                             offset: DataPoint(x: -6, y: -12), color: ink)))
        let figure = Figure(title: "Loss against compute: 50 runs and their frontier",
                            caption: "Synthetic runs from the Chinchilla law L = E + A/N^α + B/D^β (Hoffmann et al. 2022, Eq. 10), "
                                + "10 sizes × 5 token budgets, C = 6ND. Frontier: the lowest final loss at each compute.",
                            xAxis: FigureAxis(label: "compute", unit: "FLOPs", scale: .log10),
                            yAxis: FigureAxis(label: "loss", unit: "nats/token", scale: .log10, domain: 2...8),
                            layers: layers)
        return FigureSpec(figure: figure, palette: palette, size: .report, pngScale: 2,
                          parameters: [FitParameter(name: "b (L_* ∝ C^b)", value: exponent, lower: exponent - 0.003,
                                                    upper: exponent + 0.003, confidence: 0.95,
                                                    method: "least squares in log-log, 200 bootstrap resamples")])
    }

    /// Three IsoFLOP profiles (final loss against N at fixed compute), their fitted
    /// parabolas in log N, the vertices, and the exponent of N_opt ∝ C^a.
    static func isoFLOP() -> FigureSpec {
        var wobble = Wobble(state: 11)
        var layers: [FigureLayer] = []
        var vertices: [DataPoint] = []
        for (i, budget) in [1e18, 1e19, 1e20].enumerated() {
            let color = palette.runColor(i)
            let label = "C = " + budgetLabel(budget)
            let logNOpt = 0.5 * Glibc.log10(budget / 6) - 0.05
            let ns = stride(from: logNOpt - 0.9, through: logNOpt + 0.9, by: 0.225).map { pow(10, $0) }
            let measured = ns.map { n in DataPoint(x: n, y: loss(parameters: n, tokens: budget / (6 * n)) + 0.006 * wobble.next()) }
            layers.append(.markers(MarkerSet(label: label, points: measured, shape: .circle, filled: false, color: color, size: 5)))
            // Least-squares parabola in log10 N through the measured points.
            let xs = measured.map { Glibc.log10($0.x) }, ys = measured.map(\.y)
            let (a, b, c) = parabola(xs, ys)
            let curve = stride(from: xs.first! - 0.1, through: xs.last! + 0.1, by: 0.02).map { x in
                DataPoint(x: pow(10, x), y: a * x * x + b * x + c)
            }
            layers.append(.line(LineSeries(label: label, points: curve, color: color, width: 1.4)))
            let vx = -b / (2 * a)
            vertices.append(DataPoint(x: pow(10, vx), y: a * vx * vx + b * vx + c))
        }
        layers.append(.markers(MarkerSet(label: "vertices", points: vertices, shape: .diamond, filled: true,
                                         color: FigureColor(hex: "#0B0D10")!, size: 7)))
        layers.append(.line(LineSeries(label: nil, points: vertices, color: FigureColor(hex: "#6E7781")!, width: 1, dash: .dotted)))
        layers.append(.annotation(Annotation(text: "N_opt ∝ C^0.51 ± 0.02", at: vertices[1], offset: DataPoint(x: 10, y: -14),
                                             color: FigureColor(hex: "#0B0D10")!)))
        // The inset: the vertices against compute, and N_opt ∝ C^a through them.
        let budgets = [1e18, 1e19, 1e20]
        let optima = zip(budgets, vertices).map { DataPoint(x: $0, y: $1.x) }
        let a = (Glibc.log10(optima[2].y) - Glibc.log10(optima[0].y)) / 2
        let law = stride(from: 17.7, through: 20.3, by: 0.1).map { c in
            DataPoint(x: pow(10, c), y: optima[1].y * pow(10, a * (c - 19)))
        }
        let inset = Figure(title: "", xAxis: FigureAxis(label: "C", unit: "FLOPs", scale: .log10),
                           yAxis: FigureAxis(label: "N_opt", scale: .log10),
                           layers: [.line(LineSeries(label: nil, points: law, color: palette.text, width: 1, dash: .dashed)),
                                    .markers(MarkerSet(label: nil, points: optima, shape: .diamond, filled: true,
                                                       color: FigureColor(hex: "#0B0D10")!, size: 5))],
                           legend: .hidden)
        let figure = Figure(title: "IsoFLOP profiles (Approach 2)",
                            caption: "Synthetic: Chinchilla law at three compute budgets, 9 sizes each; parabolas fitted in log N.",
                            xAxis: FigureAxis(label: "parameters", unit: "N", scale: .log10),
                            yAxis: FigureAxis(label: "final loss", unit: "nats/token", scale: .linear),
                            layers: layers, insets: [FigureInset(figure: inset, widthFraction: 0.36, heightFraction: 0.38)])
        return FigureSpec(figure: figure, palette: palette, size: .report, pngScale: 2,
                          parameters: [FitParameter(name: "a (N_opt ∝ C^a)", value: 0.51, lower: 0.49, upper: 0.53, confidence: 0.95,
                                                    method: "Approach 2, parabola vertices")])
    }

    static func parabola(_ x: [Double], _ y: [Double]) -> (Double, Double, Double) {
        // Normal equations for 3 unknowns, solved by Cramer's rule: small and well scaled here.
        var s = [Double](repeating: 0, count: 5), t = [Double](repeating: 0, count: 3)
        for (xi, yi) in zip(x, y) {
            for k in 0..<5 { s[k] += pow(xi, Double(k)) }
            for k in 0..<3 { t[k] += yi * pow(xi, Double(k)) }
        }
        let m = [[s[4], s[3], s[2]], [s[3], s[2], s[1]], [s[2], s[1], s[0]]]
        let r = [t[2], t[1], t[0]]
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        func replaced(_ column: Int) -> [[Double]] { (0..<3).map { i in (0..<3).map { j in j == column ? r[i] : m[i][j] } } }
        return (det(replaced(0)) / d, det(replaced(1)) / d, det(replaced(2)) / d)
    }

    static func label(_ n: Double) -> String {
        n >= 1e9 ? "\(Double(Int(n / 1e8)) / 10)B" : "\(Int((n / 1e6).rounded()))M"
    }

    static func budgetLabel(_ c: Double) -> String {
        "10" + ["18": "¹⁸", "19": "¹⁹", "20": "²⁰"][String(Int(Glibc.log10(c).rounded()))]! + " FLOPs"
    }
}
