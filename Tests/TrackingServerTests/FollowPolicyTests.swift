import Testing
@testable import RunIngest
@testable import TrackingServer

struct BackOffTests {
    @Test func doublesFromThePollIntervalUpToAMinute() {
        let delays = (1...9).map { BackOff.delay(afterFailures: $0, pollInterval: 5, jitter: 0.5) }
        #expect(delays == [5, 10, 20, 40, 60, 60, 60, 60, 60])
        #expect(BackOff.delay(afterFailures: 0, pollInterval: 5, jitter: 0.9) == 5)
        #expect(BackOff.delay(afterFailures: 1, pollInterval: 0.2, jitter: 0.5) == 1, "at least a second")
        #expect(BackOff.delay(afterFailures: 10_000, pollInterval: 1, jitter: 0.5) == 60)
    }

    @Test func jitterSpreadsByTwentyPercent() {
        #expect(BackOff.delay(afterFailures: 2, pollInterval: 5, jitter: 0) == 8)
        #expect(abs(BackOff.delay(afterFailures: 2, pollInterval: 5, jitter: 0.999_999) - 12) < 1e-4)
    }
}

struct FeedHealthTests {
    @Test func alertSaysWhatAndSinceWhenInLocalTime() {
        // 2026-12-02 12:03:40 UTC.
        let since = 1_796_213_020.0
        var health = FeedHealth(state: .failing(fault: .unreachable("connection refused"), since: since, failures: 3, retryAt: since + 20))
        #expect(health.alert(utcOffsetSeconds: 0) == "server unreachable since 12:03, retrying")
        #expect(health.alert(utcOffsetSeconds: 3600) == "server unreachable since 13:03, retrying")
        #expect(health.alert(utcOffsetSeconds: -13 * 3600) == "server unreachable since 23:03, retrying")
        health.state = .failing(fault: .serverError(status: 503, message: nil), since: since, failures: 1, retryAt: since)
        #expect(health.alert(utcOffsetSeconds: 0) == "server error (HTTP 503) since 12:03, retrying")
        health.state = .failing(fault: .refused(status: 401, message: nil), since: since, failures: 1, retryAt: since)
        #expect(health.alert(utcOffsetSeconds: 0)?.contains("check MLFLOW_TRACKING_TOKEN") == true)
        health.state = .following
        #expect(health.alert(utcOffsetSeconds: 0) == nil)
    }

    @Test func descriptionFollowsTheReading() {
        var health = FeedHealth()
        #expect(health.description(server: "http://h:5000", pollInterval: 5) == "connecting to http://h:5000…")
        health.state = .reading(done: 120, total: 1000)
        #expect(health.description(server: "http://h:5000", pollInterval: 5) == "reading http://h:5000: 120 of 1000 runs")
        health.state = .reading(done: 0, total: 1)
        #expect(health.description(server: "http://h:5000", pollInterval: 2.5) == "following http://h:5000 (every 2.5 s)")
    }
}

struct RunSelectionTests {
    @Test func termsByParamTagOrEither() throws {
        let s = try RunSelection(where: ["lr=3e-4", "tags.sweep=iso", "params.arch!=moe"])
        #expect(s.admits(params: ["lr": "0.0003", "arch": "dense"], tags: ["sweep": "iso"]))
        #expect(!s.admits(params: ["lr": "0.0003", "arch": "moe"], tags: ["sweep": "iso"]))
        #expect(!s.admits(params: ["lr": "1e-3"], tags: ["sweep": "iso"]))
        #expect(!s.admits(params: ["lr": "3e-4", "sweep": "iso"], tags: [:]), "tags.sweep is a tag only")
        #expect(try RunSelection(where: ["team=nlp"]).admits(params: [:], tags: ["team": "nlp"]), "a bare key falls back to the tag")
        #expect(try RunSelection(where: ["param.size=7B"]).terms == [.init(scope: .params, key: "size", value: "7B", negated: false)])
        #expect(try RunSelection(where: ["x!=1"]).admits(params: [:], tags: [:]), "absent passes !=")
    }

    @Test func badTermsSaySo() {
        for text in ["lr", "=3"] {
            #expect(throws: RunSelection.ParseError.self) { try RunSelection(where: [text]) }
        }
    }

    @Test func experimentsByIDThenName() throws {
        let available = [MLflowExperiment(id: "0", name: "Default"), MLflowExperiment(id: "4", name: "ladder"),
                         MLflowExperiment(id: "9", name: "4")]
        #expect(try RunSelection(experiments: ["4"]).resolve(available).map(\.id) == ["4"], "an id first")
        #expect(try RunSelection(experiments: ["ladder", "9", "ladder"]).resolve(available).map(\.id) == ["4", "9"])
        #expect(try RunSelection().resolve(available).count == 3)
    }
}

struct RunPlanTests {
    let columns = MetricColumns.standard

    func run(_ latest: [MLflowMetric], status: String = "RUNNING", params: [String: String] = [:]) -> MLflowRun {
        MLflowRun(id: "r", experimentID: "0", name: "r", status: status, params: params,
                  latestMetrics: Dictionary(uniqueKeysWithValues: latest.map { ($0.key, $0) }))
    }

    @Test func keysFollowTheFileStoreAndStayChosen() {
        let first = run([MLflowMetric(key: "val/loss", value: 3, timestamp: 1, step: 1), MLflowMetric(key: "learning_rate", value: 1, timestamp: 1, step: 1)])
        let plan = RunPlan.make(previous: nil, listed: first, columns: columns)
        #expect(plan.keys.loss == "val/loss" && plan.keys.learningRate == "learning_rate")
        #expect(plan.keysToRead == ["learning_rate", "val/loss"] && plan.headerChanged)

        var state = ServerRunState(listed: first)
        state.keys = plan.keys
        state.latestRead = first.latestMetrics
        // A training loss appears later: the curve stays the validation loss.
        let later = run(first.latestMetrics.values + [MLflowMetric(key: "train/loss", value: 2, timestamp: 2, step: 2)])
        let next = RunPlan.make(previous: state, listed: later, columns: columns)
        #expect(next.keys.loss == "val/loss" && next.keysToRead.isEmpty && !next.headerChanged)
    }

    @Test func aMovedLatestValueOrAChangedHeader() {
        let listed = run([MLflowMetric(key: "loss", value: 3, timestamp: 1, step: 1)])
        var state = ServerRunState(listed: listed)
        state.keys = RunPlan.make(previous: nil, listed: listed, columns: columns).keys
        state.latestRead = listed.latestMetrics
        #expect(RunPlan.make(previous: state, listed: run([MLflowMetric(key: "loss", value: 2, timestamp: 2, step: 2)]), columns: columns)
            .keysToRead == ["loss"])
        #expect(RunPlan.make(previous: state, listed: run(Array(listed.latestMetrics.values), status: "FINISHED"), columns: columns).headerChanged)
        #expect(RunPlan.make(previous: state, listed: run(Array(listed.latestMetrics.values), params: ["n": "1"]), columns: columns).headerChanged)
    }
}
