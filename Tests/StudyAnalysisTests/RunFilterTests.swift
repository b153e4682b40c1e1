import Testing
@testable import StudyAnalysis

@Suite struct RunFilterTests {
    let runs = [
        RunSummary(id: "a", name: "190M-1xC", parameters: 1.9e8, lastLoss: 3.4, status: .finished,
                   hyperparameters: ["learning_rate_peak": "9.7e-4"]),
        RunSummary(id: "b", name: "1B-10xC", parameters: 1.2e9, lastLoss: 2.9, status: .live,
                   hyperparameters: ["learning_rate_peak": "4e-4"]),
        RunSummary(id: "c", name: "scratch", lastLoss: 5.0, status: .stale),
    ]

    func names(_ text: String) throws -> [String] {
        let filter = try RunFilter(text)
        return runs.filter(filter.matches).map(\.name)
    }

    @Test func emptyMatchesAll() throws {
        #expect(try names("") == ["190M-1xC", "1B-10xC", "scratch"])
        #expect(RunFilter.all.isEmpty)
    }

    @Test func comparesNumbersWithSuffixes() throws {
        #expect(try names("N>1e8") == ["190M-1xC", "1B-10xC"])
        #expect(try names("N>=1B") == ["1B-10xC"])
        #expect(try names("N<300M") == ["190M-1xC"])
        #expect(try names("loss<=3.4") == ["190M-1xC", "1B-10xC"])
        // lr reads the peak learning rate from the run's hyperparameters.
        #expect(try names("lr<5e-4") == ["1B-10xC"])
        // A run without the quantity never matches a comparison.
        #expect(try names("N!=1.9e8") == ["1B-10xC"])
    }

    @Test func namesAreCaseInsensitiveRegexesAndTermsCombine() throws {
        #expect(try names("xc$") == ["190M-1xC", "1B-10xC"])
        #expect(try names("^1B N>1e9") == ["1B-10xC"])
        #expect(try names("!scratch status=live") == ["1B-10xC"])
        #expect(try names("status!=finished") == ["1B-10xC", "scratch"])
    }

    @Test func badTermsSayWhatIsWrong() {
        #expect(throws: RunFilter.ParseError.self) { try RunFilter("N>big") }
        #expect(throws: RunFilter.ParseError.self) { try RunFilter("status=running") }
        #expect(throws: RunFilter.ParseError.self) { try RunFilter("([unclosed") }
        do {
            _ = try RunFilter("lr<fast")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("'fast' is not a number"))
        }
    }
}
