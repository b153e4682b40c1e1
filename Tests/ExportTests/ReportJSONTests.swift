import Foundation
import Testing
@testable import Export

/// The `--format json` reports' writer: valid JSON that reads back as what was written,
/// keys in byte order, strings escaped, and a refusal of what JSON cannot hold.
@Suite struct ReportJSONTests {
    @Test func aSmallReportIsWrittenExactly() throws {
        let text = try ReportJSON.text(["runs": [["name": "a", "points": 3, "loss": 2.5, "done": true, "N": 5e7, "C": -0.0]],
                                        "problems": [], "metadata": [:], "none": .null])
        #expect(text == """
            {
              "metadata": {},
              "none": null,
              "problems": [],
              "runs": [
                {
                  "C": 0,
                  "N": 50000000,
                  "done": true,
                  "loss": 2.5,
                  "name": "a",
                  "points": 3
                }
              ]
            }
            """)
    }

    @Test func keysAreInByteOrderWhateverTheLocale() throws {
        let keys = ["b", "a", "B", "_x", "a_b", "ab", "é", "10", "9", "Z"]
        let text = try ReportJSON.text(.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, 1) })))
        let order = text.split(separator: "\n").dropFirst().dropLast().map { line in
            String(line.split(separator: "\"")[1])
        }
        #expect(order == ["10", "9", "B", "Z", "_x", "a", "a_b", "ab", "b", "é"])
    }

    @Test func whatIsWrittenReadsBackAsItWas() throws {
        let awkward = "quote \" backslash \\ newline \n tab \t bell \u{07} nul \u{00} é 漢 🚀 /"
        let value: ReportValue = [
            awkward: [.string(awkward), 1, -2.5e-300, 1e300, 0.1, .int(Int.max), .int(Int.min), false, 9.3e18, -0x1p63],
            "nested": [["deep": [[:]]]],
            "hyperparameters": ["lr": "3e-4", "n_layer": "12"],
        ]
        let text = try ReportJSON.text(value)
        let read = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let list = try #require(read[awkward] as? [Any])
        #expect(list[0] as? String == awkward)
        #expect((list[2] as? NSNumber)?.doubleValue == -2.5e-300 && (list[4] as? NSNumber)?.doubleValue == 0.1)
        #expect((list[5] as? NSNumber)?.int64Value == Int64.max && (list[6] as? NSNumber)?.int64Value == Int64.min)
        #expect((list[8] as? NSNumber)?.doubleValue == 9.3e18 && (list[9] as? NSNumber)?.doubleValue == -0x1p63)
        #expect(read["hyperparameters"] as? [String: String] == ["lr": "3e-4", "n_layer": "12"])
        #expect(text.contains("\\u0007") && text.contains("\\u0000") && !text.contains("\u{07}"))
    }

    @Test func whatJSONCannotHoldIsRefused() {
        for bad: ReportValue in [.number(.nan), .number(.infinity), ["x": .number(-.infinity)], [[1, .number(.nan)]]] {
            #expect(throws: ReportJSON.InvalidValue.self) { try ReportJSON.text(bad) }
        }
    }
}
