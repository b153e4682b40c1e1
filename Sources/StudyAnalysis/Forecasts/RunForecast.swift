import RunIngest
import ScalingLaws
import Synchronization

/// Where a running run is heading: its forecast final loss with a prediction interval and
/// the forecast curve, or why there is none, and whether it lands clearly above the
/// study's frontier.
public struct RunForecast: Sendable {
    public enum Outcome: Sendable {
        case forecast(LearningCurveForecast)
        /// Too little of the curve, no planned end, or a fit that failed: the reason.
        case none(String)
    }

    public var runID: String
    /// The quantity the forecast's x is in (tokens, else steps).
    public var axis: XAxisQuantity
    public var outcome: Outcome
    /// The optimiser step of the last point the forecast saw (where it was made).
    public var madeAtStep: Int?
    /// The forecast interval lies wholly above the frontier's band (by more than 1%) at the
    /// run's planned compute: it will end up dominated, and training it to the end buys
    /// nothing the study does not already have.
    public var offFrontier = false

    public var forecast: LearningCurveForecast? {
        if case .forecast(let f) = outcome { return f }
        return nil
    }

    public var reason: String? {
        if case .none(let r) = outcome { return r }
        return nil
    }

    /// How far the run has gone past the point the forecast was made, as a fraction of its
    /// planned run: `x` is the run's last x on the forecast's axis.
    public func age(lastX: Double) -> Double {
        guard let f = forecast, f.plannedEnd > 0 else { return 0 }
        return max(0, lastX - f.madeAt) / f.plannedEnd
    }
}

/// Forecasts for the running runs of a study, kept between fits: a run is forecast again
/// when its curve has moved on by 1% of its planned run (or grown by a tenth of its points)
/// or its planned end changed, so a live study does not redo every forecast on every
/// appended line. Used by one thread (the dashboard's fit worker) at a time; the memo sits
/// behind a mutex all the same, so the compiler checks that.
public final class RunForecaster: Sendable {
    private struct Memo: Sendable {
        /// The run's revision when forecast: unchanged, so is the forecast (no need to read
        /// its curve again, which at 10,000 runs would be most of a refit).
        var revision: Int
        var pointCount: Int
        var lastX: Double
        var plannedEnd: Double?
        var floor: LossFloor?
        var forecast: RunForecast
    }

    private let memory = Mutex<[String: Memo]>([:])
    public let curvePoints: Int

    public init(curvePoints: Int = 32) {
        self.curvePoints = curvePoints
    }

    /// At most this many running runs are forecast at once. A forecast is a fit of its own
    /// (tens of milliseconds): a sweep of 10,000 live runs would keep a core busy for
    /// minutes after every load, for dashed lines nobody can tell apart.
    public static let defaultLimit = 200

    /// The running runs to forecast when there are more than `limit`: `selected` first (the
    /// run the person is looking at), then the largest planned compute (the runs a study
    /// is about), then by id so the choice is stable.
    public static func chosen(_ running: [Run], selected: String?, limit: Int) -> [Run] {
        running.withUnsafeBufferPointer { ranked(Array(running.indices), in: $0, selected: selected, limit: limit) }.map { running[$0] }
    }

    /// Places in `runs` of the unfinished runs with points to forecast, ranked as `chosen`.
    /// The runs are read in place (an array's element passed to a call is copied, a dozen
    /// retains, for every run at every refit).
    static func chosen(in runs: [Run], selected: String?, limit: Int) -> [Int] {
        runs.withUnsafeBufferPointer { runs in
            ranked(runs.indices.filter { !runs[$0].points.isEmpty && !runs[$0].isFinished }, in: runs, selected: selected, limit: limit)
        }
    }

    /// `places` (in `runs`) in `chosen`'s order, cut to `limit`. Only the runs that can make
    /// the cut are sorted: sorting 10,000 running runs whose planned budgets tie (a study has
    /// a few) on their ids was 5% of an appended line's CPU (perf, issue 16).
    static func ranked(_ places: [Int], in runs: UnsafeBufferPointer<Run>, selected: String?, limit: Int) -> [Int] {
        guard places.count > limit else { return places }
        guard limit > 0 else { return [] }
        let flops = places.map { place -> Double in
            let f = plannedFlops(runs[place]) ?? 0
            return f.isNaN ? 0 : f
        }
        var first: [Int] = [], rest: [Int] = []
        for k in places.indices {
            if runs[places[k]].id == selected { first.append(k) } else { rest.append(k) }
        }
        let room = limit - first.count
        if room > 0, rest.count > room {
            // Below the room-th largest budget a run cannot make the cut.
            let cut = rest.map { flops[$0] }.sorted(by: >)[room - 1]
            rest = rest.filter { flops[$0] >= cut }
        }
        let before = { (a: Int, b: Int) -> Bool in
            flops[a] != flops[b] ? flops[a] > flops[b] : runs[places[a]].id < runs[places[b]].id
        }
        return (first.sorted(by: before) + rest.sorted(by: before)).prefix(limit).map { places[$0] }
    }

    /// Forecasts for the unfinished runs with points (at most `limit`, see `chosen`),
    /// bounded below by the study's irreducible loss and flagged against the frontier when
    /// those are fitted. `progress` is told each run as it is done (for a status line).
    public func forecasts(for runs: [Run], fits: StudyFits, selected: String? = nil, limit: Int = defaultLimit,
                          progress: ((Int, Int) -> Void)? = nil) -> [String: RunForecast] {
        var memo = memory.withLock { $0 }
        defer { memory.withLock { $0 = memo } }
        var out: [String: RunForecast] = [:]
        var live = Set<String>()
        let floor = fits.irreducibleLossFloor
        let running = Self.chosen(in: runs, selected: selected, limit: limit)
        for (done, place) in running.enumerated() {
            let run = runs[place]
            progress?(done, running.count)
            live.insert(run.id)
            if let m = memo[run.id], m.revision == run.revision, Self.sameFloor(m.floor, floor) {
                out[run.id] = m.forecast
                continue
            }
            let curve = RunCurve(run)
            let lastX = curve.x.last ?? 0
            if let m = memo[run.id], m.plannedEnd == curve.plannedEnd, Self.sameFloor(m.floor, floor),
               Double(curve.x.count) < Double(m.pointCount) * 1.1,
               lastX - m.lastX < 0.01 * (curve.plannedEnd ?? .infinity) {
                memo[run.id]?.revision = run.revision
                out[run.id] = m.forecast
                continue
            }
            var forecast = RunForecast(runID: run.id, axis: curve.axis, outcome: .none(""), madeAtStep: curve.steps.last)
            if let input = curve.forecastInput(level: StudyFits.level, floor: floor, curvePoints: curvePoints) {
                switch LearningCurveForecaster.forecast(input) {
                case .forecast(let f): forecast.outcome = .forecast(f)
                case .tooLittleOfTheCurve(let why), .invalidInput(let why): forecast.outcome = .none(why)
                }
            } else {
                forecast.outcome = .none("no planned end: add planned_tokens (or planned_steps) to its metadata")
            }
            memo[run.id] = Memo(revision: run.revision, pointCount: curve.x.count, lastX: lastX, plannedEnd: curve.plannedEnd, floor: floor, forecast: forecast)
            out[run.id] = forecast
        }
        progress?(running.count, running.count)
        memo = memo.filter { live.contains($0.key) }
        // The frontier changes as other runs finish, so the flag is recomputed every time.
        // Flagged only inside the compute the frontier was fitted on (no extrapolation) and
        // by a margin of 1% of the loss, so noise and a slightly off-optimal shape do not
        // raise it.
        let frontier = fits.frontier
        if let law = frontier.law.value, let reach = frontier.nonDominated.map({ frontier.points[$0].flops }).max() {
            // Runs of a study share a few planned budgets: the band's edge once per budget.
            var upperAt: [Double: Double] = [:]
            for place in running {
                let run = runs[place]
                guard var f = out[run.id], let final = f.forecast, let c = RunForecaster.plannedFlops(run), c <= reach else { continue }
                let upper = upperAt[c] ?? {
                    let draws = frontier.lawDraws.map { $0(c) }.sorted()
                    let edge = draws.count >= 10 ? draws[Int(Double(draws.count - 1) * (1 + StudyFits.level) / 2)] : law(c)
                    upperAt[c] = edge
                    return edge
                }()
                f.offFrontier = final.interval.lowerBound > upper * 1.01
                out[run.id] = f
            }
        }
        return out
    }

    /// Whether a forecast made with floor `a` stands with floor `b`. The frontier's E moves a
    /// little with every appended line (it reads every run's loss so far): a move under 0.1%
    /// changes no printed digit of a bound, and redoing every forecast for it cost seconds
    /// of CPU per line at 10,000 runs.
    static func sameFloor(_ a: LossFloor?, _ b: LossFloor?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.source == b.source && abs(a.value - b.value) <= 1e-3 * max(abs(a.value), abs(b.value))
    }

    /// Compute at the run's planned end.
    static func plannedFlops(_ run: Run) -> Double? {
        guard let planned = run.metadata.plannedTokens else { return nil }
        if let perToken = run.metadata.flopsPerToken { return planned * perToken }
        if let n = run.metadata.parameters { return 6 * n * planned }
        return nil
    }
}
