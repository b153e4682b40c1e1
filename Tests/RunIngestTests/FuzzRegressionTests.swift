import Foundation
import Testing
@testable import RunIngest

/// Inputs `make fuzz` (fuzz/run.sh) found crashing a parser, kept so they never crash it
/// again. Each is fed to the parser the fuzz target named; reading it must end in values or
/// a problem, not a trap.
@Suite struct FuzzRegressionTests {
    /// wandb-config: a flow sequence holding a complex mapping key (`? []`) trapped in
    /// Yams's value builder (a mapping key that is not text); the same YAML in the other
    /// two YAML readers.
    @Test(arguments: ["[?[]]", "{? [a, b]: 1, ? {c: d}: 2}", "x: {? [1]: [2]}\n"])
    func yamlWithMappingKeysThatAreNotText(text: String) throws {
        _ = try? WandBConfigFile.metadata(bytes: Array(text.utf8), source: "config.yaml")
        _ = try? LightningHyperparameters.parse(text, source: "hparams.yaml")
        _ = try? MLflowRunFolder.runInfo(metaYAML: Array(text.utf8))
        let value = try SafeYAML.load("{? [a, b]: 1}") as? [String: Any]
        #expect(value?.keys.first?.contains("a") == true)
    }

    /// Integers YAML resolves that do not fit an Int, and sexagesimal ones, stay numbers or text.
    @Test func yamlIntegersBeyondInt() throws {
        let value = try #require(try SafeYAML.load("a: 99999999999999999999999\nb: 1:30:00\nc: 0x1F\nd: 1_000\ne: .inf\n") as? [String: Any])
        #expect(value["a"] as? Double == 1e23)
        #expect(value["b"] as? String == "1:30:00")
        #expect(value["c"] as? Int == 31)
        #expect(value["d"] as? Int == 1000)
        #expect(value["e"] as? Double == .infinity)
    }
}
