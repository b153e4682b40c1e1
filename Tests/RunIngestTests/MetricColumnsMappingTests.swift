import Testing
@testable import RunIngest

@Suite struct MetricColumnsMappingTests {
    @Test func mappingPointsRolesAtOneColumnEach() throws {
        let c = try MetricColumns(mapping: "step=iter, loss = train/loss ;tokens=tok,lr=learning_rate")
        #expect(c.step == ["iter"])
        #expect(c.loss == ["train/loss"])
        #expect(c.tokens == ["tok"])
        #expect(c.learningRate == ["learning_rate"])
        #expect(c.flops == MetricColumns.standard.flops)
        #expect(c.mappedColumn(.loss) == "train/loss")
        #expect(c.mappedColumn(.flops) == nil)
    }

    @Test func badMappingsSayWhatIsWrong() {
        func message(_ text: String) -> String {
            do { _ = try MetricColumns(mapping: text); return "" } catch { return error.description }
        }
        #expect(message("") .contains("empty"))
        #expect(message("step") == "\"step\" in the column mapping has no '='; write ROLE=COLUMN, e.g. loss=train/loss")
        #expect(message("los=x").contains("\"los\" in the column mapping is not a role; the roles are step, tokens, flops, loss, lr, time"))
        #expect(message("loss=") == "loss= in the column mapping names no column")
        #expect(message("loss=a,loss=b") == "loss is mapped twice in the column mapping (a and b)")
        #expect(message("loss=a=b").contains("more than one '='"))
    }

    @Test func jsonlParserFollowsTheMapping() throws {
        let parser = JSONLMetricsParser(columns: try MetricColumns(mapping: "step=it,loss=train/ce,tokens=seen"))
        let out = parser.parse(Array("{\"it\": 3, \"train/ce\": 2.5, \"seen\": 300, \"loss\": 9}\n{\"step\": 4, \"loss\": 1}\n".utf8))
        #expect(out.points.map(\.point) == [MetricPoint(step: 3, tokens: 300, loss: 2.5)])
        #expect(out.problems.isEmpty)
    }
}
