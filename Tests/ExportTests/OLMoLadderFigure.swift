import Export
import Foundation
import Glibc
import Testing
import TestSupport

/// The README's example figure from real data: the 25 OLMo ladder runs in sample-runs/
/// (Bhagia et al. 2024, arXiv:2412.04403; Apache-2.0), C4 validation loss against training
/// FLOPs, their lower envelope and a power law fitted to it. Read straight from the JSONL
/// so this test does not depend on the ingest module's evolving API.
enum OLMoLadderFigure {
    static let folder = SharedData.packageRoot.appendingPathComponent("sample-runs/olmo-ladder")

    struct Run {
        var name: String
        var parameters: Double
        var points: [DataPoint]
    }

    static func runs() throws -> [Run] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".md") }
        return try names.map { name in
            let runFolder = folder.appendingPathComponent(name)
            let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: runFolder.appendingPathComponent("scaletop.json")))
            let parameters = try #require((sidecar as? [String: Any])?["parameters"] as? Double, "\(name)/scaletop.json")
            let text = try String(contentsOf: runFolder.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
            let points = try text.split(separator: "\n").map { line -> DataPoint in
                let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                return DataPoint(x: try #require(record["flops"] as? Double), y: try #require(record["loss"] as? Double))
            }
            return Run(name: name, parameters: parameters, points: points)
        }
        .sorted { ($0.parameters, $0.points.last?.x ?? 0) < ($1.parameters, $1.points.last?.x ?? 0) }
    }

    static func spec() throws -> FigureSpec {
        let palette = SyntheticFigures.palette
        let runs = try runs()
        let sizes = Array(Set(runs.map(\.parameters))).sorted()
        let sizeNames = [190354176.0: "190M", 371262464: "370M", 758220288: "760M", 1279395840: "1B", 3169537280: "3B"]
        let shapes: [MarkerSet.Shape] = [.circle, .square, .triangle, .diamond, .circle]
        var layers: [FigureLayer] = []
        for run in runs {
            let i = sizes.firstIndex(of: run.parameters)!
            let color = palette.sizeColor(Double(i) / Double(max(1, sizes.count - 1)))
            let label = "N = " + (sizeNames[run.parameters] ?? "\(run.parameters)")
            layers.append(.line(LineSeries(label: label, points: run.points, color: color, width: 1)))
            layers.append(.markers(MarkerSet(label: label, points: [run.points.last!], shape: shapes[i], filled: i == 4,
                                             color: color, size: 5.5)))
        }
        // The compute-efficient frontier: the lowest loss reached at or below each compute.
        let all = runs.flatMap(\.points).filter { $0.x > 0 && $0.y > 0 }.sorted { $0.x < $1.x }
        var envelope: [DataPoint] = []
        for p in all where envelope.last.map({ p.y < $0.y }) ?? true { envelope.append(p) }
        // L = a C^b by least squares in log-log over the envelope past the first 10^18 FLOPs
        // (before that the warm-up dominates).
        let fitted = envelope.filter { $0.x >= 1e18 }
        let lx = fitted.map { Glibc.log10($0.x) }, ly = fitted.map { Glibc.log10($0.y) }
        let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(lx, ly) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        let b = sxy / sxx
        let ink = FigureColor(hex: "#0B0D10")!
        let fit = stride(from: 18.0, through: lx.last! + 0.35, by: 0.05).map { DataPoint(x: pow(10, $0), y: pow(10, my + b * ($0 - mx))) }
        layers.append(.line(LineSeries(label: "lowest loss so far (frontier)", points: envelope, color: ink, width: 2.2)))
        layers.append(.line(LineSeries(label: "power law fitted to the frontier", points: fit, color: ink, width: 1.3, dash: .dashed)))
        let exponent = String(format: "%.3f", b).replacingOccurrences(of: "-", with: "−")
        layers.append(.annotation(Annotation(text: "L ∝ C^{\(exponent)}", at: fit[fit.count * 3 / 4], offset: DataPoint(x: 8, y: 8),
                                             color: ink)))
        let figure = Figure(
            title: "OLMo model ladder: loss against compute",
            caption: "25 runs (5 sizes × 5 lengths, 0.5–10 × 20 tokens per parameter), C4 validation loss at each checkpoint; "
                + "markers: final checkpoints. Data: allenai/OLMo-ladder (Bhagia et al. 2024), sample-runs/olmo-ladder.",
            xAxis: FigureAxis(label: "training compute", unit: "FLOPs", scale: .log10),
            yAxis: FigureAxis(label: "C4 loss", unit: "nats/token", scale: .log10, domain: 2.6...6),
            layers: layers)
        return FigureSpec(figure: figure, palette: palette, size: .report, pngScale: 2,
                          parameters: [FitParameter(name: "b (frontier L ∝ C^b)", value: b,
                                                    method: "least squares in log-log on the lower envelope, C ≥ 1e18")])
    }
}
