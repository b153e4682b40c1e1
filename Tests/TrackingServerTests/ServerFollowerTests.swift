import Foundation
import Testing
import TestSupport
@testable import RunIngest
@testable import TrackingServer

/// The follower against a real `mlflow server`: a live run grows, an ended run and a deleted
/// one are seen, and faults (a killed and restarted server, 5xx, a hung or cut answer) show
/// on the alert while nothing read is lost.
@Suite(.serialized, .enabled(if: MLflowTestServer.isAvailable, "needs mlflow in .venv (make test installs it)"))
struct ServerFollowerTests {
    static let startRun = #"""
    import sys, time
    from mlflow import MlflowClient
    from mlflow.entities import Metric
    c = MlflowClient()
    exp = c.create_experiment(sys.argv[1])
    run = c.create_run(exp, run_name="live-410M")
    c.log_param(run.info.run_id, "parameters", "4.1e8")
    print(run.info.run_id)
    """#

    /// Log steps [from, to) of `train/loss` to a run, as a training loop would.
    static let logSteps = #"""
    import sys, time
    from mlflow import MlflowClient
    from mlflow.entities import Metric
    c = MlflowClient()
    run_id, start, stop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    now = int(time.time() * 1000)
    ms = [Metric("train/loss", 2 + 5 / (s + 1) ** 0.3, now + s - start, s) for s in range(start, stop)]
    for i in range(0, len(ms), 1000):
        c.log_batch(run_id, metrics=ms[i:i + 1000])
    """#

    static let history = #"""
    import sys, json
    from mlflow import MlflowClient
    print(json.dumps([[m.step, m.value, m.timestamp] for m in MlflowClient().get_metric_history(sys.argv[1], "train/loss")]))
    """#

    func truth(_ server: MLflowTestServer, _ runID: String) throws -> MetricPoints {
        let json = try server.run(Self.history, runID).split(separator: "\n").last.map(String.init) ?? "[]"
        let rows = try JSONDecoder().decode([[Double]].self, from: Data(json.utf8))
        var run = Run(id: runID, name: "")
        for row in rows { run.append(MetricPoint(step: Int(row[0]), loss: row[1], wallTime: row[2] / 1000)) }
        return run.points
    }

    func source(_ uri: String, experiment: String, environment: [String: String] = [:]) throws -> TrackingSource {
        let parsed = try TrackingURI.parse(uri)
        return TrackingSource(uri: parsed, credentials: TrackingCredentials(), selection: try RunSelection(experiments: [experiment]),
                              environment: environment)
    }

    func newRun(_ server: MLflowTestServer, points: Int) throws -> (experiment: String, runID: String) {
        let experiment = "live-\(UUID().uuidString.prefix(6))"
        let runID = try server.run(Self.startRun, experiment).split(separator: "\n").last.map(String.init) ?? ""
        try server.run(Self.logSteps, runID, "0", String(points))
        return (experiment, runID)
    }

    @Test func aLiveRunGrowsEndsAndIsDeleted() async throws {
        let server = try MLflowTestServer()
        let (experiment, runID) = try newRun(server, points: 1_500)
        let follower = try ServerFollower(source: try source(server.uri, experiment: experiment), pollInterval: 0.3, fullRefreshSeconds: 2)
        defer { follower.stop() }
        #expect(await pump(follower, timeout: 60) { follower.store.run(id: runID)?.points.count == 1_500 })
        #expect(follower.store.run(id: runID)?.name == "live-410M")
        #expect(follower.store.run(id: runID)?.metadata.parameters == 4.1e8)

        for chunk in 0..<3 {
            try server.run(Self.logSteps, runID, String(1_500 + 20 * chunk), String(1_520 + 20 * chunk))
            let want = 1_520 + 20 * chunk
            #expect(await pump(follower, timeout: 30) { follower.store.run(id: runID)?.points.count == want }, "chunk \(chunk)")
        }
        #expect(follower.store.run(id: runID)?.points == (try truth(server, runID)))
        #expect(follower.alert == nil && follower.followDescription.contains("following http://127.0.0.1"))

        try server.run("import sys\nfrom mlflow import MlflowClient\nMlflowClient().delete_run(sys.argv[1])", runID)
        #expect(await pump(follower, timeout: 30) { follower.store.run(id: runID) == nil }, "a deleted run disappears")
    }

    @Test func aServerKilledAndRestartedLosesNothing() async throws {
        let server = try MLflowTestServer()
        let (experiment, runID) = try newRun(server, points: 400)
        let follower = try ServerFollower(source: try source(server.uri, experiment: experiment), pollInterval: 0.3)
        defer { follower.stop() }
        #expect(await pump(follower, timeout: 60) { follower.store.run(id: runID)?.points.count == 400 })

        server.kill()
        #expect(await pump(follower, timeout: 30) { follower.alert?.hasPrefix("server unreachable since ") == true }, "\(follower.alert ?? "no alert")")
        #expect(follower.alert?.hasSuffix(", retrying") == true)
        #expect(follower.store.run(id: runID)?.points.count == 400, "what was read stays")

        try server.start()
        try server.run(Self.logSteps, runID, "400", "450")
        #expect(await pump(follower, timeout: 90) { follower.store.run(id: runID)?.points.count == 450 && follower.alert == nil },
                "\(follower.alert ?? "")")
        #expect(follower.store.run(id: runID)?.points == (try truth(server, runID)), "nothing lost, nothing twice")
    }

    @Test func faultsShowOnTheAlertAndPass() async throws {
        let server = try MLflowTestServer()
        let (experiment, runID) = try newRun(server, points: 300)
        let proxy = try FaultProxy(target: server.uri)
        let follower = try ServerFollower(source: try source(proxy.uri, experiment: experiment, environment: ["MLFLOW_HTTP_REQUEST_TIMEOUT": "2"]),
                                          pollInterval: 0.3)
        defer { follower.stop() }
        #expect(await pump(follower, timeout: 60) { follower.store.run(id: runID)?.points.count == 300 })

        var logged = 300
        for (mode, words) in [(FaultProxy.Mode.error500, "server error (HTTP 500) since "), (.truncate, "server's answer cut short since "),
                              (.hang, "server not answering since ")] {
            proxy.mode = mode
            #expect(await pump(follower, timeout: 60) { follower.alert?.hasPrefix(words) == true }, "\(mode): \(follower.alert ?? "no alert")")
            #expect(follower.store.run(id: runID)?.points.count == logged, "\(mode): what was read stays")
            try server.run(Self.logSteps, runID, String(logged), String(logged + 10))
            logged += 10
            proxy.mode = .pass
            #expect(await pump(follower, timeout: 60) { follower.alert == nil && follower.store.run(id: runID)?.points.count == logged },
                    "\(mode): recovered (\(follower.alert ?? ""))")
        }
        #expect(follower.store.run(id: runID)?.points == (try truth(server, runID)))
        #expect(proxy.requestLog.allSatisfy { $0.hasPrefix("GET /api/2.0/mlflow/") || $0.hasPrefix("POST /api/2.0/mlflow/") })
        #expect(proxy.requestLog.allSatisfy { line in
            ["experiments/search", "runs/search", "runs/get", "metrics/get-history"].contains { line.contains($0) }
        }, "only reads")
    }
}
