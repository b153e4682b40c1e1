import Foundation
import Testing
@testable import RunIngest
@testable import TrackingServer

/// The sync against an MLflow server in memory: what reaches the store, and what is asked.
struct ServerSyncTests {
    let server = FakeMLflowServer()
    let uri = try! TrackingURI.parse("http://mlflow.test:5000")

    func source(experiments: [String] = [], where terms: [String] = []) -> TrackingSource {
        TrackingSource(uri: uri, credentials: TrackingCredentials(), selection: try! RunSelection(experiments: experiments, where: terms))
    }

    func sync(_ source: TrackingSource? = nil) -> ServerSync {
        ServerSync(api: MLflowAPI(transport: server), source: source ?? self.source())
    }

    @discardableResult
    func refresh(_ sync: ServerSync, into store: RunStore, full: Bool) async throws -> [StoreChange] {
        let collected = ChangeCollector()
        defer { store.apply(collected.changes) }
        try await sync.refresh(full: full, emit: { collected.add($0) })
        return collected.changes
    }

    /// The points the file store's rule makes of a history in MLflow's order.
    func oracle(_ id: String, _ key: String) -> MetricPoints {
        var run = Run(id: id, name: id)
        for m in server.history(id, key) where m.hasFiniteValue {
            run.append(MetricPoint(step: Int(m.step), loss: m.value, wallTime: Double(m.timestamp) / 1000))
        }
        return run.points
    }

    func steps(_ range: Range<Int>, loss: (Int) -> Double = { 4 - Double($0) / 1000 }, at time: Int64 = 1_000) -> [(step: Int64, value: Double, timestamp: Int64)] {
        range.map { (Int64($0), loss($0), time + Int64($0)) }
    }

    @Test func runsWithNamesMetadataAndPointsAndOnlyNewPointsAfter() async throws {
        server.addExperiment("7", "ladder")
        server.createRun("r1", experiment: "7", name: "190M-1xC", params: ["parameters": "1.9e8", "tokens_per_step": "524288", "lr": "3e-4"])
        server.log("r1", "lr", steps(0..<3_000, loss: { _ in 3e-4 }))
        server.log("r1", "train/loss", steps(0..<3_000))
        server.log("r1", "val/loss", steps(0..<30, loss: { _ in 9 }))
        let sync = sync(source(experiments: ["ladder"]))
        try await sync.connect()
        let store = RunStore()
        try await refresh(sync, into: store, full: true)
        let run = try #require(store.run(id: "r1"))
        #expect(run.name == "190M-1xC", "one experiment named: no prefix")
        #expect(run.points.count == 3_000 && run.points.last?.loss == 4 - 2.999)
        #expect(run.points.allSatisfy { abs($0.learningRate! - 3e-4) <= 3e-4 * 0x1p-24 }, "lr attached by step (older points keep it as a float)")
        #expect(run.metadata.parameters == 1.9e8 && run.metadata.tokensPerStep == 524288 && run.metadata.hyperparameters["lr"] == "3e-4")
        #expect(run.metadata.source?.hasPrefix("http://mlflow.test:5000/#/experiments/7/runs/r1") == true, "the run's page in the UI")
        #expect(run.lastModified == Double(1_000 + 2_999) / 1000)

        server.log("r1", "train/loss", steps(3_000..<3_005))
        server.clearCalls()
        try await refresh(sync, into: store, full: false)
        #expect(store.run(id: "r1")?.points.count == 3_005)
        #expect(server.callCount(containing: "get-history") == 2, "the last page again (to check it), then the new points")
        #expect(server.callCount(containing: "metric_key=val") == 0 && server.callCount(containing: "metric_key=lr") == 0)

        server.clearCalls()
        try await refresh(sync, into: store, full: false)
        #expect(server.callCount(containing: "get-history") == 0, "nothing changed: only the listing")
        #expect(store.run(id: "r1")?.points.count == 3_005)
    }

    @Test func endedRunsAreSeenByIDAndDeletedOnesDisappear() async throws {
        server.createRun("a", name: "a")
        server.createRun("b", name: "b")
        server.createRun("old", name: "old", status: "FINISHED")
        for id in ["a", "b", "old"] { server.log(id, "loss", steps(0..<10)) }
        let sync = sync()
        let store = RunStore()
        try await refresh(sync, into: store, full: true)
        #expect(store.runs.map(\.name).sorted() == ["Default/a", "Default/b", "Default/old"], "all experiments: prefixed")

        server.setStatus("a", "FINISHED", endTime: 9_000)
        server.delete("b")
        server.clearCalls()
        try await refresh(sync, into: store, full: false)
        #expect(server.callCount(containing: "runs/get") == 2, "a and b left the running list: asked for by id")
        #expect(store.run(id: "b") == nil && store.run(id: "a") != nil)

        server.delete("old")
        try await refresh(sync, into: store, full: false)
        #expect(store.run(id: "old") != nil, "a quick refresh does not list ended runs")
        try await refresh(sync, into: store, full: true)
        #expect(store.run(id: "old") == nil, "a full one does")
    }

    @Test func whereTermsChooseRunsByParamOrTag() async throws {
        server.createRun("x", name: "x", params: ["lr": "0.0003"], tags: ["sweep": "iso"])
        server.createRun("y", name: "y", params: ["lr": "1e-3"], tags: ["sweep": "iso"])
        server.createRun("z", name: "z", params: ["lr": "3e-4"], tags: ["sweep": "other"])
        let store = RunStore()
        try await refresh(sync(source(where: ["lr=3e-4", "tags.sweep=iso"])), into: store, full: true)
        #expect(store.runs.map(\.id) == ["x"])
        #expect(server.callCount(containing: "run_id=y") == 0, "runs left out are never read")
    }

    @Test func aRewrittenHistoryIsReadAgainAndReplaced() async throws {
        server.createRun("r", name: "r")
        server.log("r", "loss", steps(0..<100))
        let sync = sync()
        let store = RunStore()
        try await refresh(sync, into: store, full: true)
        // A value logged with an old timestamp lands in the middle of MLflow's order.
        server.log("r", "loss", [(step: 100, value: 1, timestamp: 1_050)])
        let changes = try await refresh(sync, into: store, full: false)
        #expect(changes.contains { if case .replace(id: "r", _) = $0 { return true } else { return false } })
        #expect(store.run(id: "r")?.points == oracle("r", "loss"))
    }

    @Test func nanAndInfiniteLossesAreProblemsNotPoints() async throws {
        server.createRun("r", name: "r")
        server.log("r", "loss", [(1, 2.0, 1), (2, .nan, 2), (3, Double.greatestFiniteMagnitude, 3), (4, 1.5, 4)])
        let store = RunStore()
        try await refresh(sync(), into: store, full: true)
        #expect(store.run(id: "r")?.points.map(\.step) == [1, 4])
        #expect(store.totalIssues == 2)
        #expect(store.issues.first?.first.file == "Default/r/r")
    }

    @Test func aFaultPartWayKeepsWhatWasReadAndTheNextRefreshCarriesOn() async throws {
        for i in 0..<12 {
            server.createRun("r\(i)", name: "r\(i)")
            server.log("r\(i)", "loss", steps(0..<50))
        }
        let sync = sync()
        sync.concurrency = 1
        let store = RunStore()
        server.failingPath = "run_id=r3"
        server.failure = .serverError(status: 502, message: nil)
        do {
            try await refresh(sync, into: store, full: true)
            Issue.record("the refresh should fail")
        } catch {
            #expect(error as? ServerFault == .serverError(status: 502, message: nil))
        }
        let before = store.totalPoints
        #expect(before > 0 && before < 600, "runs read before the fault stay")
        server.failure = nil
        try await refresh(sync, into: store, full: true)
        #expect(store.totalPoints == 600 && store.runs.allSatisfy { $0.points.count == 50 }, "nothing twice, nothing lost")
    }

    @Test func unknownExperimentsAreNamedWithWhatExists() async throws {
        server.addExperiment("3", "ladder")
        do {
            try await sync(source(experiments: ["ladder", "nope"])).connect()
            Issue.record("connect should fail")
        } catch let error as RunSelection.ParseError {
            #expect(error.description.contains("'nope'") && error.description.contains("ladder (3)"))
        }
        try await sync(source(experiments: ["3"])).connect()
    }
}
