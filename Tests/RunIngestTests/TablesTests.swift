import Testing
@testable import RunIngest

@Suite struct TablesTests {
    @Test func quotedFieldsCommasNewlinesAndDoubledQuotes() throws {
        let text = "name,params,loss\r\n\"a, b\",1e8,3.5\r\n\"say \"\"hi\"\"\",2e8,3.1\n\"two\nlines\",4e8,2.9\n"
        let (table, issues) = CSVTable.parse(text, source: "t.csv")
        #expect(issues.isEmpty)
        #expect(table.header == ["name", "params", "loss"])
        #expect(table.rows.map { $0.fields[0] } == ["a, b", "say \"hi\"", "two\nlines"])
        #expect(table.rows.map(\.line) == [2, 3, 4])
        #expect(try table.numbers("params") == [1e8, 2e8, 4e8])
    }

    @Test func raggedRowsAreReportedWithTheirLine() {
        let (table, issues) = CSVTable.parse("a,b\n1,2\n3\n\n5,6", source: "r.csv")
        #expect(table.rows.count == 2)
        #expect(issues == [ParseIssue(file: "r.csv", line: 3, message: "1 fields where the header has 2; row skipped")])
    }

    @Test func whereFiltersAndUnknownColumns() throws {
        let (table, _) = CSVTable.parse("dataset,decay,loss\nrw,const,3\nowt2,const,4\nrw,cosine,5\n", source: "p.csv")
        let filters = [RowFilter("dataset=rw")!, RowFilter("decay = const")!]
        #expect(try table.filtered(by: filters).numbers("loss") == [3])
        #expect(RowFilter("novalue") == nil)
        #expect(throws: TableError.unknownColumn("lr", source: "p.csv", available: ["dataset", "decay", "loss"])) {
            try table.filtered(by: [RowFilter(column: "lr", value: "1")])
        }
    }

    @Test func nonNumberNamesItsLine() {
        let (table, _) = CSVTable.parse("loss\n3.1\noops\n", source: "n.csv")
        #expect(throws: TableError.notANumber(column: "loss", text: "oops", source: "n.csv", line: 3)) {
            try table.numbers("loss")
        }
    }

    @Test func emptyAndUnclosedQuote() {
        #expect(CSVTable.parse("", source: "e.csv").issues.first?.line == 0)
        #expect(CSVTable.parse("a\n\"open", source: "q.csv").issues.first?.message == "a quoted field is never closed")
    }

    /// The splitter behind CSVTable, fed growing prefixes as a tailer would: it consumes
    /// only whole records, and what it consumes matches one final split.
    @Test func splitterConsumesOnlyWholeRecords() {
        let text = Array("name,loss\r\n\"a, \"\"b\"\"\",3.5\r\n\"two\nlines\",2.9\rbare,1\n\nlast,0".utf8)
        let final = CSVRecordSplitter.split(text, final: true)
        #expect(final.records.map(\.line) == [1, 2, 3, 5, 7])
        #expect(final.records[1].fields == ["a, \"b\"", "3.5"])
        #expect(final.records[2].fields == ["two\nlines", "2.9"])
        for cut in 0...text.count {
            let part = CSVRecordSplitter.split(Array(text[..<cut]), final: false)
            #expect(part.records == Array(final.records.prefix(part.records.count)), "cut at \(cut)")
            let rest = CSVRecordSplitter.split(Array(text[part.consumedBytes...]), firstLine: 1 + part.consumedLines, final: true)
            #expect(part.records + rest.records == final.records, "cut at \(cut)")
        }
    }
}
