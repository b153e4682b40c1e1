import Dispatch
import Glibc

extension JSONLMetricsParser {
    /// Below this a read is parsed on one thread: starting others costs more than it saves.
    static let halvingThreshold = 1 << 20

    /// How many parts a large read is cut into. Two threads share them (the one that asked and
    /// one from the pool; the tailer's thread stores the chunk before meanwhile), and whichever
    /// is done takes the next part, so the last part, which one thread finishes while the
    /// other waits, should be short. At 8 parts (256 KiB of a 2 MiB chunk) the tailer's thread
    /// waited 0.3–0.4 ms of every 2.1 ms chunk for the pool thread's last part (`perf sched
    /// timehist`, issue 16); at 32, the cores' idle time in a load of 189 MB fell from 60 to
    /// 43 ms, and its median wall time by 9% (40 alternated loads). Cutting costs a `memchr`
    /// from each cut to the next newline.
    static let partCount = 32

    /// `bytes` cut at the newlines nearest to equal shares into `parts` parts (lines are
    /// independent in JSONL), parsed by this thread and one from the pool, merged in order and
    /// numbered as one pass would number them. Nil when there is no newline to cut at.
    func parseInParts(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int, parts: Int) -> ParseOutcome? {
        guard let shared = parted(bytes, firstRecord: firstRecord, parts: parts) else { return nil }
        DispatchQueue.global().async { shared.work() }
        return shared.outcome()
    }

    /// The parse of a large read as parts any thread can help with: the tailer's thread helps
    /// with the chunk it reads ahead (`ChunkParseAhead`).
    public func sharedParse(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> PartedParse? {
        bytes.count >= Self.halvingThreshold ? parted(bytes, firstRecord: firstRecord, parts: Self.partCount) : nil
    }

    private func parted(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int, parts: Int) -> PartedParse? {
        guard let base = bytes.baseAddress, parts >= 2 else { return nil }
        // Part i is `bounds[i]..<bounds[i + 1]`; every bound but the last follows a newline.
        var bounds = [0]
        for i in 1..<parts {
            let from = max(bounds[bounds.count - 1], bytes.count * i / parts)
            guard from < bytes.count, let newline = memchr(base + from, 0x0A, bytes.count - from) else { break }
            let cut = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base + 1
            // The read's last byte is its last newline: every later share would find it again.
            guard cut < bytes.count else { break }
            bounds.append(cut)   // past the cut before: the search started at or after it
        }
        guard bounds.count >= 2 else { return nil }
        bounds.append(bytes.count)
        let parser = self
        return PartedParse(bytes: bytes, bounds: bounds, firstRecord: firstRecord) { part, first in
            parser.parseInOrder(part, firstRecord: first)
        }
    }
}
