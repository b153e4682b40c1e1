import Testing
import ScalingLaws
@testable import TrackingServer

/// `HistoryRead` against a history paged the way MLflow's SQL store pages it: an offset
/// token, `max_results` records from it, a next token only when more records exist.
struct MetricCursorTests {
    struct PagedHistory {
        var records: [MLflowMetric] = []
        var recordsSent = 0
        var requests = 0
        /// Hosted servers may send a token on a last page that turns out empty.
        var tokenOnLastPage = false

        mutating func page(token: String?, maxResults: Int) -> HistoryPage {
            requests += 1
            let offset = token.flatMap(Int.init) ?? 0
            let slice = Array(records.dropFirst(offset).prefix(maxResults))
            recordsSent += slice.count
            let more = offset + maxResults < records.count || (tokenOnLastPage && !slice.isEmpty && slice.count == maxResults)
            return HistoryPage(metrics: slice, nextPageToken: more ? String(offset + slice.count) : nil)
        }

        mutating func append(_ n: Int) {
            let start = records.count
            for i in start..<(start + n) {
                records.append(MLflowMetric(key: "loss", value: 3 - Double(i) / 1e5, timestamp: 1_000 + Int64(i), step: Int64(i)))
            }
        }

        /// Read with `cursor`: the new records, the cursor after, and whether it mismatched.
        mutating func read(_ cursor: MetricCursor, pageSize: Int) -> ([MLflowMetric], MetricCursor, Bool) {
            var read = HistoryRead(cursor: cursor, pageSize: pageSize)
            var got: [MLflowMetric] = []
            while let r = read.request { got += read.accept(page(token: r.token, maxResults: r.maxResults)) }
            return (got, read.cursor, read.mismatch)
        }
    }

    @Test(arguments: [1, 7, 1000])
    func everyRecordOnceAndFewReadAgain(pageSize: Int) {
        var rng = SplitMix64(seed: UInt64(pageSize))
        var server = PagedHistory()
        var cursor = MetricCursor()
        var seen: [MLflowMetric] = []
        for round in 0..<60 {
            server.append(round == 0 ? 2_345 : 1 + Int(rng.next() % 24))
            server.recordsSent = 0
            let (new, next, mismatch) = server.read(cursor, pageSize: pageSize)
            #expect(!mismatch)
            // What is read again is exactly what the cursor kept: the last batch, one page at most.
            #expect(server.recordsSent - new.count == cursor.tailCount, "round \(round)")
            seen += new
            cursor = next
            #expect(cursor.tailCount <= (round == 0 ? pageSize : min(pageSize, 24)), "round \(round)")
        }
        #expect(seen == server.records)
        #expect(cursor.count == server.records.count)
    }

    @Test func nothingNewCostsOneSmallRequest() {
        var server = PagedHistory()
        server.append(10_000)
        var (_, cursor, _) = server.read(MetricCursor(), pageSize: 1_000)
        server.append(3)
        (_, cursor, _) = server.read(cursor, pageSize: 1_000)
        server.requests = 0
        server.recordsSent = 0
        let (new, _, mismatch) = server.read(cursor, pageSize: 1_000)
        #expect(new.isEmpty && !mismatch)
        #expect(server.requests == 1 && server.recordsSent == 3, "only the last batch is read again")
    }

    @Test func aValueLoggedWithAnOlderTimestampIsNoticed() {
        var server = PagedHistory()
        server.append(500)
        let (_, cursor, _) = server.read(MetricCursor(), pageSize: 100)
        // Inserted in the middle (MLflow orders by timestamp): every later offset shifts.
        server.records.insert(MLflowMetric(key: "loss", value: 9, timestamp: 1_250, step: 250), at: 251)
        let (new, _, mismatch) = server.read(cursor, pageSize: 100)
        #expect(mismatch && new.isEmpty)
    }

    @Test func aHistoryThatShrankIsNoticed() {
        var server = PagedHistory()
        server.append(50)
        let (_, cursor, _) = server.read(MetricCursor(), pageSize: 1_000)
        server.records.removeLast(10)  // a database restored from an older backup
        #expect(server.read(cursor, pageSize: 1_000).2)
    }

    @Test func aTokenOnAnEmptyLastPage() {
        var server = PagedHistory(tokenOnLastPage: true)
        server.append(200)
        var (seen, cursor, _) = server.read(MetricCursor(), pageSize: 100)
        server.append(5)
        let (new, next, mismatch) = server.read(cursor, pageSize: 100)
        seen += new
        cursor = next
        #expect(!mismatch && seen == server.records && cursor.count == 205)
    }

    @Test func nanRecordsCompareEqualToThemselves() {
        let a = MLflowMetric(key: "loss", value: .nan, timestamp: 5, step: 1)
        #expect(a.isSameRecord(as: a))
        #expect(!a.isSameRecord(as: MLflowMetric(key: "loss", value: 1, timestamp: 5, step: 1)))
        #expect(!MLflowMetric(key: "loss", value: 1.7976931348623157e308, timestamp: 1, step: 1).hasFiniteValue)
    }
}
