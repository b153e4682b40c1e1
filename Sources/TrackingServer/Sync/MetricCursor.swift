/// Where the follower is in one metric's history on the server, so a refresh fetches only
/// what was logged since, through MLflow's own paging: never a page token it made itself
/// (MLflow's tokens are opaque, and their form is not promised to last).
///
/// It keeps the token of the last page read (nil: the history's start) and how many records
/// were read from there on, with the first and last of them. A refresh asks again from that
/// token for exactly that many records: the server sends them back (checked against the
/// first and last kept, so a history that changed under us is noticed) and, if anything was
/// logged since, a token pointing just after them; from there the new records are read in
/// pages. So the records read again are the previous refresh's new ones, a few for a live
/// run, and never more than one page.
///
/// MLflow returns a history in the order of (timestamp, step, value): values logged since
/// come after those read, unless one was logged with an older timestamp; then the check
/// fails and the history is read again from its start (`mismatch`).
public struct MetricCursor: Sendable, Equatable {
    /// Token of the page `tailCount` records were read from; nil for the history's start.
    public var token: String?
    /// Records read from `token` on, with the first and last of them.
    public var tailCount = 0
    public var tailFirst: MLflowMetric?
    public var tailLast: MLflowMetric?
    /// Records read in all.
    public var count = 0

    public init() {}
}

/// One read of a metric's new records: a small state machine the follower drives. Ask
/// `request` for the next page to fetch, hand its answer to `accept`, until `request` is
/// nil; then `cursor` is where the next read starts, or `mismatch` says to start over.
public struct HistoryRead: Sendable {
    public private(set) var cursor: MetricCursor
    public let pageSize: Int
    /// The page to fetch next, or nil when the read is over.
    public private(set) var request: (token: String?, maxResults: Int)?
    /// True when the records read before are no longer what the server has.
    public private(set) var mismatch = false
    private var verifying: Bool

    public init(cursor: MetricCursor, pageSize: Int) {
        self.cursor = cursor
        self.pageSize = max(1, pageSize)
        verifying = cursor.tailCount > 0
        request = (cursor.token, verifying ? cursor.tailCount : self.pageSize)
    }

    /// Take one page's answer; returns the records that are new.
    public mutating func accept(_ page: HistoryPage) -> [MLflowMetric] {
        guard request != nil else { return [] }
        if verifying {
            verifying = false
            let records = page.metrics
            guard records.count == cursor.tailCount, let first = records.first, let last = records.last,
                  let keptFirst = cursor.tailFirst, let keptLast = cursor.tailLast,
                  first.isSameRecord(as: keptFirst), last.isSameRecord(as: keptLast) else {
                mismatch = true
                request = nil
                return []
            }
            guard let next = page.nextPageToken else {
                request = nil
                return []
            }
            cursor.token = next
            cursor.tailCount = 0
            cursor.tailFirst = nil
            cursor.tailLast = nil
            request = (next, pageSize)
            return []
        }
        let records = page.metrics
        cursor.count += records.count
        if let next = page.nextPageToken, !records.isEmpty {
            // A full page with more behind it: the next page is where new records start.
            cursor.token = next
            cursor.tailCount = 0
            cursor.tailFirst = nil
            cursor.tailLast = nil
            request = (next, pageSize)
        } else {
            cursor.tailCount += records.count
            if cursor.tailFirst == nil { cursor.tailFirst = records.first }
            if let last = records.last { cursor.tailLast = last }
            request = nil
        }
        return records
    }
}
