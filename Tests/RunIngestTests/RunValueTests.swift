import Testing
@testable import RunIngest

/// `Run` keeps its fields behind one shared reference; it must still behave as a value.
@Suite struct RunValueTests {
    @Test func aCopyIsUnchangedByChangesToTheOriginal() {
        var a = Run(id: "r/metrics.jsonl", name: "r", metadata: RunMetadata(parameters: 1e8),
                    points: [MetricPoint(step: 1, loss: 3), MetricPoint(step: 2, loss: 2.9)])
        a.lastModified = 10
        let b = a
        a.append(MetricPoint(step: 3, loss: 2.8))
        a.name = "renamed"
        a.metadata.parameters = 2e8
        a.lastModified = 20
        a.revision = 7
        #expect(b.points.map(\.step) == [1, 2] && a.points.map(\.step) == [1, 2, 3])
        #expect(b.name == "r" && a.name == "renamed")
        #expect(b.metadata.parameters == 1e8 && a.metadata.parameters == 2e8)
        #expect(b.lastModified == 10 && a.lastModified == 20)
        #expect(b.revision == 0 && a.revision == 7)
        #expect(a.id == b.id)
    }

    @Test func changesToACopyLeaveTheOriginal() {
        let a = Run(id: "x", name: "x", points: [MetricPoint(step: 5, loss: 1)])
        var b = a
        b.append(MetricPoint(step: 4, loss: 0.9))     // a rewind
        #expect(a.points.map(\.step) == [5])
        #expect(b.points.map(\.step) == [4])
    }
}
