import Testing
@testable import RunIngest
@testable import StudyAnalysis

@Suite struct IssueAttributionTests {
    static func issues(_ files: [(String, Int)]) -> [FileIssues] {
        files.map { file, count in
            var issues = FileIssues(ParseIssue(file: file, line: 1, message: "bad"))
            for _ in 1..<count { issues.record(ParseIssue(file: file, line: 2, message: "bad")) }
            return issues
        }
    }

    @Test func eachFilesProblemsGoToTheRunOwningIt() {
        let ids = ["a/run1", "a/run10", "b.jsonl", "c/d/version_0"]
        let counts = IssueAttribution.counts(Self.issues([
            ("a/run1/metrics.jsonl", 2),      // inside a folder run
            ("a/run10/events.out", 1),        // not run1's, though it starts like it
            ("b.jsonl", 3),                   // the run's own file
            ("c/d", 4),                       // a folder holding a run
            ("stray/notes.log", 5),           // no run's
        ]), runIDs: ids)
        #expect(counts == ["a/run1": 2, "a/run10": 1, "b.jsonl": 3, "c/d/version_0": 4])
    }

    @Test func theInnermostRunWins() {
        let counts = IssueAttribution.counts(Self.issues([("x/y/z.csv", 1)]), runIDs: ["x", "x/y"])
        #expect(counts == ["x/y": 1])
    }
}
