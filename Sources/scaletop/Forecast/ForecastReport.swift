import Foundation
import ScalingLaws

/// The forecasts as an aligned table or as JSON (with the sampled curves).
struct ForecastReport {
    let rows: [ForecastRow]
    let level: Double
    let truncate: Double?
    let source: String
    /// The cooldown a widened interval covers (`ForecastPrior.assumedCooldownFraction`, or
    /// the value --prior-constant gave), for the table's note.
    var assumedCooldownFraction = ForecastPrior.standard.assumedCooldownFraction

    static func text(_ v: Double?, _ digits: Int = 4) -> String { v.map { FitReport.text($0, digits) } ?? "—" }

    /// The schedule column: what the forecast knew of the rest of the run.
    static func schedule(_ f: LearningCurveForecast) -> String {
        switch f.knowledge {
        case .planned: return "planned " + f.schedule.shape.rawValue + (f.schedule.drops.isEmpty ? "" : "+steps")
        case .inferred: return "logged " + f.schedule.shape.rawValue
        case .unknownAfterCut: return "unknown: +cooldown"
        case .noLearningRate: return "no LR: +cooldown"
        }
    }

    func table() -> String {
        let pct = NumberFormat.general(100 * level)
        var lines = ["Forecast of each run's final loss (\(pct)% prediction intervals) in \(source)" + (truncate.map { ", every run cut to the first \(NumberFormat.general(100 * $0))%" } ?? ""), ""]
        var header = ["run", "N", "x", "made at", "seen", "planned end", "forecast", "\(pct)% interval", "schedule after", "bound"]
        if truncate != nil { header += ["actual", "error", "inside?"] }
        lines += FitReport.table(header, rows.map { r in
            let f = r.forecast
            var cells = [r.curve.name, Self.text(r.curve.parameters, 3), r.curve.axis.unit,
                         r.madeAtStep.map { "step " + NumberFormat.grouped($0) } ?? "—",
                         f.map { NumberFormat.fixed(100 * $0.observedFraction, decimals: 0) + "%" } ?? "—",
                         Self.text(f?.plannedEnd ?? r.curve.plannedEnd, 3)]
            if let f {
                cells += [Self.text(f.finalLoss), "[" + Self.text(f.interval.lowerBound) + ", " + Self.text(f.interval.upperBound) + "]",
                          Self.schedule(f), f.floorApplied ? "≥ " + Self.text(f.floor.value, 3) : "—"]
            } else {
                cells += [r.status, "", "", ""]
            }
            if truncate != nil {
                cells += [Self.text(r.actualFinalLoss), f.flatMap { f in r.actualFinalLoss.map { Self.text($0 - f.finalLoss, 3) } } ?? "—",
                          f.flatMap { f in r.actualFinalLoss.map { f.interval.contains($0) ? "yes" : "no" } } ?? "—"]
            }
            return cells
        })
        var notes = Set(rows.flatMap { r in (r.forecast?.notes ?? []).map { Self.general($0) } + r.notes })
        if rows.contains(where: { $0.forecast?.knowledge.isWidened == true }) {
            notes.insert("+cooldown: the schedule after the last point is unknown, so the interval also covers a cooldown to 0 over the last \(NumberFormat.general(100 * assumedCooldownFraction))% of the run")
        }
        if let f = rows.lazy.compactMap(\.forecast).first(where: \.floorApplied) {
            notes.insert("bound: the interval is cut at \(f.floor.source)")
        }
        if !notes.isEmpty { lines += [""] + notes.sorted().map { "note: " + $0 } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A note without its run's numbers, so the same note from many runs is printed once.
    static func general(_ note: String) -> String {
        if note.hasPrefix("early in the run") { return "early in the run (under 30% logged): the floor and the exponent trade off, so the interval is wide" }
        if note.hasPrefix("schedule after") { return "schedule after the last point unknown for some runs (the rate flat or stepped so far, no config plans the rest): interval widened to cover a cooldown" }
        if note.hasPrefix("bounded below by") { return "some intervals are bounded below (see the bound column)" }
        return note
    }

    static func schedule(_ s: LearningRateSchedule) -> [String: Any] {
        ["shape": s.shape.rawValue, "peak": s.peak, "floor": s.floor, "warmup_end": s.warmupEnd, "decay_start": s.decayStart,
         "end": s.end, "drops": s.drops.map { ["at": $0.at, "factor": $0.factor] }, "summary": s.summary]
    }

    func json() -> String {
        let runs: [[String: Any]] = rows.map { r in
            var o: [String: Any] = ["name": r.curve.name, "parameters": r.curve.parameters as Any? ?? NSNull(),
                                    "x_axis": r.curve.axis.unit, "status": r.status, "points": r.curve.x.count,
                                    "planned_end": r.curve.plannedEnd as Any? ?? NSNull(),
                                    "planned_schedule_keys": r.curve.scheduleSource as Any? ?? NSNull(),
                                    "actual_final_loss": r.actualFinalLoss as Any? ?? NSNull(), "notes": r.notes]
            if let c = r.calibrationFactor { o["calibration_factor"] = c }
            if let f = r.forecast {
                var fo: [String: Any] = [
                    "final_loss": f.finalLoss, "interval": [f.interval.lowerBound, f.interval.upperBound], "level": f.level,
                    "planned_end": f.plannedEnd, "observed_fraction": f.observedFraction,
                    "made_at": f.madeAt, "made_at_step": r.madeAtStep as Any? ?? NSNull(),
                    "schedule_knowledge": f.knowledge.rawValue, "widened_for_cooldown": f.knowledge.isWidened,
                    "schedule": Self.schedule(f.schedule),
                    "floor": ["value": f.floor.value, "source": f.floor.source, "applied": f.floorApplied] as [String: Any],
                    "fitted_points": f.fittedPoints, "notes": f.notes,
                    "law": ["L0": f.law.irreducibleLoss, "A": f.law.coefficient, "alpha": f.law.exponent,
                            "D": f.law.annealingDrop, "tau": f.law.memory.scale, "memory": f.law.memory.name],
                    "curve": f.curve.map { ["x": $0.x, "loss": $0.loss, "lower": $0.lower, "upper": $0.upper] },
                ]
                if let c = f.cooldown { fo["cooldown_covered"] = Self.schedule(c) }
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
