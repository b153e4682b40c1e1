import Export
import Foundation
import Testing

@Suite struct FigureDataTests {
    @Test func csvHasOneRowPerPlottedPointAndQuotesLabels() {
        var spec = SyntheticFigures.isoFLOP()
        spec.figure.layers.append(.line(LineSeries(label: "a, \"quoted\" run", points: [DataPoint(x: 1, y: 2)], color: .black)))
        let csv = FigureData.layersCSV(spec.figure)
        let rows = csv.split(separator: "\n")
        let points = spec.figure.layers.reduce(0) { $0 + $1.dataPoints.count }
        #expect(rows.first == "layer,kind,label,part,x,y")
        #expect(rows.count == points + 1)
        #expect(rows.last == "\(spec.figure.layers.count - 1),line,\"a, \"\"quoted\"\" run\",line,1.0,2.0")
        #expect(csv.contains(",annotation,N_opt ∝ C^0.51 ± 0.02,annotation,"))
    }

    @Test func parametersCSVKeepsIntervalsAndLeavesMissingOnesEmpty() {
        let csv = FigureData.parametersCSV([
            FitParameter(name: "a", value: 0.51, lower: 0.49, upper: 0.53, confidence: 0.95, method: "Approach 2"),
            FitParameter(name: "E", value: 1.69, unit: "nats/token"),
        ])
        #expect(csv == "name,value,lower,upper,confidence,unit,method\na,0.51,0.49,0.53,0.95,,Approach 2\nE,1.69,,,,nats/token,\n")
    }

    @Test func jsonCarriesAxesLayersAndParameters() throws {
        let spec = SyntheticFigures.frontier(pointsPerRun: 20)
        let object = try #require(try JSONSerialization.jsonObject(with: FigureData.json(spec)) as? [String: Any])
        let x = try #require(object["x"] as? [String: Any])
        #expect(x["unit"] as? String == "FLOPs" && x["scale"] as? String == "log10")
        let layers = try #require(object["layers"] as? [[String: Any]])
        #expect(layers.count == spec.figure.layers.count)
        let first = try #require(layers.first?["points"] as? [[Double]])
        #expect(first.count == 20)
        let parameters = try #require(object["parameters"] as? [[String: Any]])
        #expect(parameters.first?["lower"] as? Double != nil)
    }

    @Test func specRoundTripsAndRecreatesTheSameFigure() throws {
        for spec in [SyntheticFigures.frontier(pointsPerRun: 30), SyntheticFigures.isoFLOP()] {
            let data = try spec.jsonData()
            let decoded = try FigureSpec.decode(data)
            #expect(decoded == spec)
            #expect(SVGRenderer.render(decoded) == SVGRenderer.render(spec))
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("{\"line\":{"))
            #expect(text.contains("\"color\":\"#"))
            #expect(text.contains("\"points\":[["))
        }
    }

    @Test func aPointIsAPairAndNothingElse() throws {
        #expect(try JSONDecoder().decode(DataPoint.self, from: Data("[1e19, 2.5]".utf8)) == DataPoint(x: 1e19, y: 2.5))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DataPoint.self, from: Data("[1, 2, 3]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DataPoint.self, from: Data("[1]".utf8)) }
    }

    @Test func aHandWrittenFigureMayLeaveOutCaptionLegendAndInsets() throws {
        let json = ##"{"title": "t", "xAxis": {"label": "C", "unit": "FLOPs", "scale": "log10"},"##
            + ##" "yAxis": {"label": "L", "unit": "", "scale": "linear"}, "layers": []}"##
        let figure = try JSONDecoder().decode(Figure.self, from: Data(json.utf8))
        #expect(figure.caption == "" && figure.legend == .automatic && figure.insets.isEmpty)
    }

    @Test func aNewerSpecVersionIsRefusedWithAMessage() throws {
        var spec = SyntheticFigures.isoFLOP()
        spec.version = FigureSpec.currentVersion + 1
        #expect(throws: FigureSpecError.newerVersion(found: FigureSpec.currentVersion + 1, supported: FigureSpec.currentVersion)) {
            try FigureSpec.decode(try spec.jsonData())
        }
    }

    @Test func aLayerWithTwoKindsIsRejected() {
        let json = ##"{"line": {"points": [[1, 2]], "color": "#000000", "width": 1, "dash": "solid"}, "band": {}}"##
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FigureLayer.self, from: Data(json.utf8)) }
    }
}
