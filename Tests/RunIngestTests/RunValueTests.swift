import Testing
@testable import RunIngest

/// `Run` keeps its fields behind one copy-on-write reference: a copy shares them (one
/// retain instead of a dozen), and a change to either value never shows in the other.
@Suite struct RunValueTests {
    static func run() -> Run {
        var metadata = RunMetadata()
        metadata.parameters = 1e8
        metadata.hyperparameters = ["lr": "3e-4"]
        return Run(id: "a/metrics.jsonl", name: "a", metadata: metadata,
                   points: (1...50).map { MetricPoint(step: $0, loss: 3 - Double($0) / 100) })
    }

    @Test func aCopySharesTheFieldsUntilOneSideChanges() {
        let original = Self.run()
        var copy = original
        #expect(copy.sharesFields(with: original))
        copy.append(MetricPoint(step: 51, loss: 2.4))
        #expect(!copy.sharesFields(with: original))
        #expect(original.points.count == 50 && copy.points.count == 51)
        #expect(original.points.last?.step == 50)
    }

    @Test func everyFieldChangedInACopyLeavesTheOriginalAsItWas() {
        let original = Self.run()
        var copy = original
        copy.name = "b"
        copy.metadata.parameters = 2e8
        copy.metadata.hyperparameters["lr"] = "1e-3"
        copy.lastModified = 12
        copy.revision = 7
        copy.removeAllPoints()
        #expect(original.name == "a" && original.metadata.parameters == 1e8)
        #expect(original.metadata.hyperparameters["lr"] == "3e-4")
        #expect(original.lastModified == nil && original.revision == 0 && original.points.count == 50)
        #expect(copy.name == "b" && copy.metadata.parameters == 2e8 && copy.metadata.hyperparameters["lr"] == "1e-3")
        #expect(copy.lastModified == 12 && copy.revision == 7 && copy.points.isEmpty)
    }

    @Test func aSnapshotOfTheStudyKeepsItsRunsWhileTheStoreChangesThem() {
        var stored = (0..<4).map { i in Run(id: "r\(i)", name: "r\(i)", points: [MetricPoint(step: 1, loss: 3)]) }
        let snapshot = stored
        stored[2].append(MetricPoint(step: 2, loss: 2.9))
        stored[2].revision = 9
        #expect(snapshot[2].points.count == 1 && snapshot[2].revision == 0)
        #expect(stored[2].points.count == 2 && stored[2].revision == 9)
        #expect(stored[1].sharesFields(with: snapshot[1]), "runs that did not change are not copied")
        #expect(!stored[2].sharesFields(with: snapshot[2]))
    }
}
