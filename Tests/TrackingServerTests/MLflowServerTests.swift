import Foundation
import Glibc
import Testing
import TestSupport
@testable import RunIngest
@testable import TrackingServer

/// scaletop against a real `mlflow server` (MLflow 3.17 from .venv, SQLite store, a free
/// port on 127.0.0.1), its runs logged by MLflow's own `MlflowClient`, and compared with
/// what that client's `get_metric_history` returns.
@Suite(.serialized, .enabled(if: MLflowTestServer.isAvailable, "needs mlflow in .venv (make test installs it)"))
struct MLflowServerTests {
    /// One server for the tests that only read; each test logs to its own experiment.
    nonisolated(unsafe) static var shared: MLflowTestServer?
    static func server() throws -> MLflowTestServer {
        if let shared { return shared }
        let started = try MLflowTestServer()
        shared = started
        // A static is never released, so its server would outlive the test process (one
        // `mlflow server` left running per test run): stopped and its folder removed at exit.
        atexit { MLflowServerTests.shared = nil }
        return started
    }

    /// Logs a small ladder into a new experiment with MLflow's client: runs ended in each way,
    /// one still running with several pages of history, learning rates, a NaN.
    static let logLadder = #"""
    import sys, time
    from mlflow import MlflowClient
    from mlflow.entities import Metric, Param
    c = MlflowClient()
    exp = c.create_experiment(sys.argv[1])
    now = int(time.time() * 1000) - 100_000
    def log(run_id, key, count, f):
        ms = [Metric(key, f(s), now + 10 * s, s) for s in range(count)]
        for i in range(0, len(ms), 1000):
            c.log_batch(run_id, metrics=ms[i:i + 1000])
    for name, n, status, count in [("70M-1xC", 7e7, "FINISHED", 1200), ("160M-1xC", 1.6e8, "FAILED", 800),
                                   ("410M-1xC", 4.1e8, "RUNNING", 2600), ("tiny-killed", None, "KILLED", 5)]:
        run = c.create_run(exp, run_name=name, tags={"sweep": "iso"})
        params = [Param("tokens_per_step", "524288"), Param("lr", "3e-4")]
        if n:
            params.append(Param("parameters", repr(n)))
        c.log_batch(run.info.run_id, params=params)
        log(run.info.run_id, "lr", count, lambda s: 3e-4 * (1 - s / 5000))
        log(run.info.run_id, "train/loss", count, lambda s: 2 + 5 / (s + 1) ** 0.3)
        if name == "160M-1xC":
            c.log_metric(run.info.run_id, "train/loss", float("nan"), timestamp=now + 50_000, step=count)
        if status != "RUNNING":
            c.set_terminated(run.info.run_id, status)
    print(exp)
    """#

    /// What MLflow's client reads of an experiment: each run's name, status, params and
    /// `get_metric_history` of `train/loss` and `lr`, as JSON.
    static let readBack = #"""
    import sys, json, math
    from mlflow import MlflowClient
    c = MlflowClient()
    exp = c.get_experiment_by_name(sys.argv[1])
    out = []
    for r in c.search_runs([exp.experiment_id], max_results=1000):
        h = lambda key: [[m.step, None if math.isnan(m.value) else m.value, m.timestamp]
                         for m in c.get_metric_history(r.info.run_id, key)]
        out.append({"id": r.info.run_id, "name": r.info.run_name, "status": r.info.status, "end": r.info.end_time,
                    "params": r.data.params, "loss": h("train/loss"), "lr": h("lr")})
    print(json.dumps(out))
    """#

    struct ClientRun: Decodable {
        var id: String
        var name: String
        var status: String
        var end: Int64?
        var params: [String: String]
        var loss: [[Double?]]
        var lr: [[Double?]]

        /// The points the file store's rule makes of this history (NaN left out, an earlier
        /// step again replaces what followed it), with the learning rate at the same step.
        var points: MetricPoints {
            let rates = Dictionary(lr.compactMap { r in r[1].map { (Int(r[0]!), $0) } }, uniquingKeysWith: { _, b in b })
            var run = Run(id: id, name: name)
            for row in loss {
                guard let value = row[1], value.isFinite else { continue }
                let step = Int(row[0]!)
                run.append(MetricPoint(step: step, loss: value, learningRate: rates[step], wallTime: row[2]! / 1000))
            }
            return run.points
        }
    }

    static func readBack(_ server: MLflowTestServer, experiment: String) throws -> [ClientRun] {
        let output = try server.run(readBack, experiment)
        let json = output.split(separator: "\n").last.map(String.init) ?? ""
        return try JSONDecoder().decode([ClientRun].self, from: Data(json.utf8))
    }

    func source(_ uri: String, experiments: [String], environment: [String: String] = [:]) throws -> TrackingSource {
        let parsed = try TrackingURI.parse(uri)
        return TrackingSource(uri: parsed, credentials: TrackingCredentials.resolve(environment: environment, credentialsFile: nil, uri: parsed),
                              selection: try RunSelection(experiments: experiments), environment: environment)
    }

    @Test func runsAreWhatMLflowsOwnClientReads() throws {
        let server = try Self.server()
        let experiment = "ladder-\(UUID().uuidString.prefix(6))"
        _ = try server.run(Self.logLadder, experiment)
        let truth = try Self.readBack(server, experiment: experiment)
        #expect(truth.count == 4)

        let store = try ServerLoad.load(try source(server.uri, experiments: [experiment]))
        #expect(store.runs.count == 4)
        for expected in truth {
            let run = try #require(store.run(id: expected.id), "\(expected.name)")
            #expect(run.name == expected.name)
            #expect(run.points == expected.points, "\(expected.name): points as get_metric_history gives them")
            #expect(run.points.count == (expected.name == "410M-1xC" ? 2600 : expected.name == "tiny-killed" ? 5 : expected.name == "70M-1xC" ? 1200 : 800))
            #expect(run.metadata.parameters == expected.params["parameters"].flatMap(Double.init), "\(expected.name): N")
            #expect(run.metadata.tokensPerStep == 524288)
            #expect(run.metadata.hyperparameters["lr"] == "3e-4")
            // Ended as the client set it: FINISHED is done; FAILED and KILLED failures.
            #expect(run.isFinished == (expected.status == "FINISHED"), "\(expected.name): \(expected.status)")
            #expect(run.failure == (["FAILED", "KILLED"].contains(expected.status) ? expected.status : nil), "\(expected.name)")
        }
        // The NaN MLflow stored is a problem of that run, not a point.
        #expect(store.totalIssues == 1)
        #expect(store.issues.first?.first.message == "train/loss is NaN at step 800")
    }

    @Test func namedExperimentsAndWhereTerms() throws {
        let server = try Self.server()
        let a = "iso-a-\(UUID().uuidString.prefix(6))", b = "iso-b-\(UUID().uuidString.prefix(6))"
        _ = try server.run(Self.logLadder, a)
        _ = try server.run(Self.logLadder, b)
        let both = try ServerLoad.load(try source(server.uri, experiments: [a, b]))
        #expect(both.runs.count == 8 && both.runs.allSatisfy { $0.name.hasPrefix(a + "/") || $0.name.hasPrefix(b + "/") })
        var only = try source(server.uri, experiments: [a])
        only.selection = try RunSelection(experiments: [a], where: ["parameters=1.6e8"])
        #expect(try ServerLoad.load(only).runs.map(\.name) == ["160M-1xC"])
        let unknown = try source(server.uri, experiments: ["no-such-experiment"])
        do {
            _ = try ServerLoad.load(unknown)
            Issue.record("an unknown experiment should fail")
        } catch {
            #expect(error.description.contains("no experiment named or numbered 'no-such-experiment'"))
        }
    }

    @Test func aClosedPortAndAServerThatIsNotMLflowSaySo() throws {
        let port = freeLocalPort()
        let closed = try source("http://127.0.0.1:\(port)", experiments: [])
        do {
            _ = try ServerLoad.load(closed)
            Issue.record("nothing listens there")
        } catch {
            #expect(error.description == "http://127.0.0.1:\(port): server unreachable (connection refused)")
        }
        let server = try Self.server()
        let proxy = try FaultProxy(target: server.uri)
        proxy.mode = .html
        let page = try source(proxy.uri, experiments: [])
        do {
            _ = try ServerLoad.check(page)
            Issue.record("a web page is not MLflow")
        } catch {
            #expect(error.description.contains("not an MLflow tracking server"))
        }
        proxy.mode = .pass
        let wrongPrefix = try source(proxy.uri + "/wrong/prefix", experiments: [])
        do {
            _ = try ServerLoad.load(wrongPrefix)
            Issue.record("no MLflow API under that prefix")
        } catch {
            #expect(error.description.contains("not an MLflow tracking server"), "\(error)")
        }
    }

    @Test func aBearerTokenIsSentAsMLflowsClientSendsIt() throws {
        let server = try Self.server()
        let proxy = try FaultProxy(target: server.uri)
        proxy.mode = .bearer
        let noToken = try source(proxy.uri, experiments: [])
        do {
            _ = try ServerLoad.load(noToken)
            Issue.record("no token: refused")
        } catch {
            #expect(error.description.contains("credentials refused (HTTP 401)"))
        }
        let withToken = try source(proxy.uri, experiments: [], environment: ["MLFLOW_TRACKING_TOKEN": "test-token"])
        #expect(try ServerLoad.check(withToken) == nil)
        #expect(proxy.requestLog.allSatisfy { !$0.hasPrefix("PUT") && !$0.hasPrefix("DELETE") && !$0.hasPrefix("PATCH") },
                "nothing but reads")
    }
}

/// Waits for a follower as the dashboard's event loop does (handling its wake-ups), but
/// sleeping with `Task.sleep` rather than in poll(2): a test that blocked one of Swift's
/// cooperative threads (two on this machine) for a minute, while other suites block the
/// other, would starve the HTTP client's own timeouts and so the very fault it waits for.
func pump(_ follower: ServerFollower, timeout: Double, until condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        follower.handleWake()
        if condition() { return true }
        try? await Task.sleep(nanoseconds: 100_000_000)
    }
    follower.handleWake()
    return condition()
}
