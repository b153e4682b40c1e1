import Foundation
import Testing
import TestSupport

/// `scaletop runs` on the bundled sample runs and on bad input, through the real binary.
@Suite struct RunsCommandTests {
    let binary = BuiltBinary.path

    @Test func listsTheOLMoLadderWithItsMetadata() throws {
        let samples = SharedData.packageRoot.appendingPathComponent("sample-runs/olmo-ladder").path
        let table = try ProcessRunner.run([binary, "runs", samples])
        #expect(table.status == 0)
        #expect(table.output.contains("190M-1xC"))
        #expect(table.output.contains("25 runs, 2,920 points, 0 problems"))

        let json = try ProcessRunner.run([binary, "runs", samples, "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.count == 25)
        let first = try #require(runs.first { $0["name"] as? String == "190M-1xC" })
        let metadata = try #require(first["metadata"] as? [String: Any])
        #expect(metadata["parameters"] as? Double == 190_354_176)
        #expect(first["last_step"] as? Int == 7272)
        #expect(first["format"] as? String == "JSONL")
    }

    @Test func namesEachBadLineAndFailsOnAMissingFolder() throws {
        let folder = NSTemporaryDirectory() + "scaletop-runs-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "{\"step\": 1, \"loss\": 3}\nnot json\n{\"step\": 2, \"loss\": NaN}\n"
            .write(toFile: folder + "/run.jsonl", atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run([binary, "runs", folder])
        #expect(result.status == 0)
        #expect(result.output.contains("1 runs, 1 points, 2 problems"))
        #expect(result.output.contains("run.jsonl:2: not a JSON object"))
        #expect(result.output.contains("missing: parameters, tokens_per_step, planned_tokens"))

        let missing = try ProcessRunner.run([binary, "runs", folder + "/nope"])
        #expect(missing.status != 0)
        #expect(missing.output.contains("no such file or folder"))
    }
}
