import ScalingLaws
import StudyAnalysis

/// The bound `scaletop forecast` keeps forecasts above: the irreducible loss E of Approach 3
/// fitted to the folder's finished runs (with --truncate, every run counts as finished, and
/// a run's bound comes from the runs of the *other* sizes, so no run bounds its own
/// forecast), a value given with --floor, or 0 when neither is there.
struct ForecastFloors {
    enum Mode: Equatable {
        case auto
        case none
        case value(Double)

        init?(_ text: String) {
            switch text {
            case "auto": self = .auto
            case "none": self = .none
            default:
                guard let v = Double(text), v.isFinite, v >= 0 else { return nil }
                self = .value(v)
            }
        }
    }

    let mode: Mode
    let curves: [RunCurve]
    let leaveSizeOut: Bool
    private var cache: [Double?: LossFloor?] = [:]

    init(mode: Mode, curves: [RunCurve], leaveSizeOut: Bool) {
        self.mode = mode
        self.curves = curves
        self.leaveSizeOut = leaveSizeOut
    }

    /// The floor for a run of `parameters`.
    mutating func floor(for parameters: Double?) -> LossFloor? {
        switch mode {
        case .none: return nil
        case .value(let v): return LossFloor(value: v, source: "--floor")
        case .auto:
            let key = leaveSizeOut ? parameters : nil
            if let cached = cache[key] { return cached }
            let fitted = fit(excluding: key)
            cache[key] = fitted
            return fitted
        }
    }

    /// Approach 3's E on the finished runs (of sizes other than `excluded`), when the design
    /// can identify it.
    private func fit(excluding excluded: Double?) -> LossFloor? {
        let observations = curves.compactMap { c -> LossObservation? in
            guard c.isFinished || leaveSizeOut, let n = c.parameters, n != excluded, c.axis == .tokens,
                  let d = c.x.last, let l = c.loss.last else { return nil }
            return LossObservation(parameters: n, tokens: d, loss: l)
        }
        guard observations.count >= 6, DesignIdentifiability.check(observations).isIdentified else { return nil }
        var settings = ParametricLawFit.Settings()
        settings.grid = .subset
        guard let fit = try? ParametricLawFit.fit(observations, settings: settings), fit.law.E.isFinite, fit.law.E > 0 else { return nil }
        let whose = leaveSizeOut ? "its runs of other sizes" : "its finished runs"
        return LossFloor(value: fit.law.E, source: "the study's irreducible loss E (Approach 3 on \(whose))")
    }
}
