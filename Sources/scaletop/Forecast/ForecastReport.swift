import Foundation
import ScalingLaws

/// The forecasts as an aligned table or as JSON (with the sampled curves).
struct ForecastReport {
    let rows: [ForecastRow]
    let level: Double
    let truncate: Double?
    let source: String

    static func text(_ v: Double?, _ digits: Int = 4) -> String { v.map { FitReport.text($0, digits) } ?? "—" }

    func table() -> String {
        let pct = NumberFormat.general(100 * level)
        var lines = ["Forecast of each run's final loss (\(pct)% prediction intervals) in \(source)" + (truncate.map { ", every run cut to the first \(NumberFormat.general(100 * $0))%" } ?? ""), ""]
        var header = ["run", "N", "x", "seen", "planned end", "forecast", "\(pct)% interval", "model"]
        if truncate != nil { header += ["actual", "error", "inside?"] }
        lines += FitReport.table(header, rows.map { r in
            let f = r.forecast
            var cells = [r.curve.name, Self.text(r.curve.parameters, 3), r.curve.axis.unit,
                         f.map { NumberFormat.fixed(100 * $0.observedFraction, decimals: 0) + "%" } ?? "—",
                         Self.text(f?.plannedEnd ?? r.curve.plannedEnd, 3)]
            if let f {
                cells += [Self.text(f.finalLoss), "[" + Self.text(f.interval.lowerBound) + ", " + Self.text(f.interval.upperBound) + "]",
                          f.model == .learningRateAnnealing ? "LR-annealing" : "power law"]
            } else {
                cells += [r.status, "", ""]
            }
            if truncate != nil {
                cells += [Self.text(r.actualFinalLoss), f.flatMap { f in r.actualFinalLoss.map { Self.text($0 - f.finalLoss, 3) } } ?? "—",
                          f.flatMap { f in r.actualFinalLoss.map { f.interval.contains($0) ? "yes" : "no" } } ?? "—"]
            }
            return cells
        })
        let notes = Set(rows.flatMap { ($0.forecast?.notes ?? []) + $0.notes })
        if !notes.isEmpty { lines += [""] + notes.sorted().map { "note: " + $0 } }
        return lines.joined(separator: "\n") + "\n"
    }

    func json() -> String {
        let runs: [[String: Any]] = rows.map { r in
            var o: [String: Any] = ["name": r.curve.name, "parameters": r.curve.parameters as Any? ?? NSNull(),
                                    "x_axis": r.curve.axis.unit, "status": r.status, "points": r.curve.x.count,
                                    "planned_end": r.curve.plannedEnd as Any? ?? NSNull(),
                                    "actual_final_loss": r.actualFinalLoss as Any? ?? NSNull(), "notes": r.notes]
            if let c = r.calibrationFactor { o["calibration_factor"] = c }
            if let f = r.forecast {
                var fo: [String: Any] = [
                    "final_loss": f.finalLoss, "interval": [f.interval.lowerBound, f.interval.upperBound], "level": f.level,
                    "planned_end": f.plannedEnd, "observed_fraction": f.observedFraction, "model": f.model.rawValue,
                    "fitted_points": f.fittedPoints, "notes": f.notes,
                    "law": ["L0": f.law.irreducibleLoss, "A": f.law.coefficient, "alpha": f.law.exponent, "C": f.law.annealingCoefficient],
                    "curve": f.curve.map { ["x": $0.x, "loss": $0.loss, "lower": $0.lower, "upper": $0.upper] },
                ]
                if let s = f.schedule {
                    fo["schedule"] = ["decay": s.decay.rawValue, "peak": s.peak, "floor": s.floor, "warmup_end": s.warmupEnd, "end": s.end]
                }
                if let m = f.annealingMemoryFraction { fo["annealing_memory_fraction"] = m }
                o["forecast"] = fo
            }
            return o
        }
        let object = FitReport.sanitised(["source": source, "level": level, "truncate": truncate as Any? ?? NSNull(), "runs": runs])
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]),
              let text = String(data: data, encoding: .utf8) else { return "{}\n" }
        return text + "\n"
    }
}
