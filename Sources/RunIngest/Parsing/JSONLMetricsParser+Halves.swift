import Dispatch
import Glibc

extension JSONLMetricsParser {
    /// Below this a read is parsed on one thread: starting others costs more than it saves.
    static let halvingThreshold = 1 << 20

    /// How many parts a large read is cut into: one per online core, at least two.
    static let partCount: Int = max(2, min(16, sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// `bytes` cut at the newlines nearest to equal shares into `parts` parts, parsed on as
    /// many threads (lines are independent in JSONL) and merged in order, numbered as one
    /// pass would number them. Nil when there is no newline to cut at.
    func parseInParts(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int, parts: Int) -> ParseOutcome? {
        guard let base = bytes.baseAddress, parts >= 2 else { return nil }
        // Part i is `bounds[i]..<bounds[i + 1]`; every bound but the last follows a newline.
        var bounds = [0]
        for i in 1..<parts {
            let from = max(bounds[bounds.count - 1], bytes.count * i / parts)
            guard from < bytes.count, let newline = memchr(base + from, 0x0A, bytes.count - from) else { break }
            let cut = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base + 1
            if cut < bytes.count, cut > bounds[bounds.count - 1] { bounds.append(cut) }
        }
        guard bounds.count >= 2 else { return nil }
        bounds.append(bytes.count)
        let slots = PartOutcomes(bytes: bytes, bounds: bounds)
        let parser = self
        DispatchQueue.concurrentPerform(iterations: slots.count) { i in
            // Parts after the first are numbered from 0 here and shifted below, once the
            // line counts before them are known.
            slots.store(i, parser.parseInOrder(slots.part(i), firstRecord: i == 0 ? firstRecord : 0))
        }
        var outcome = slots.take(0)
        var later: [ParseOutcome] = []
        for i in 1..<slots.count { later.append(slots.take(i)) }
        outcome.points.reserveCapacity(outcome.points.count + later.reduce(0) { $0 + $1.points.count })
        for next in later {
            // Every part but the last ends at a newline, so all of it was consumed.
            let shift = firstRecord + outcome.consumedRecords
            for (record, point) in next.points { outcome.points.append((record + shift, point)) }
            for (record, message) in next.problems { outcome.problems.append((record + shift, message)) }
            outcome.consumedBytes += next.consumedBytes
            outcome.consumedRecords += next.consumedRecords
        }
        return outcome
    }
}

/// The parts of a read and their outcomes: each slot written by one thread, read after
/// `concurrentPerform` returns (it waits for all), so no lock is needed. The slots are raw
/// memory, so the writes touch no shared array (no copy-on-write check between threads).
private final class PartOutcomes: @unchecked Sendable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let bounds: [Int]
    private let slots: UnsafeMutablePointer<ParseOutcome>
    let count: Int

    init(bytes: UnsafeBufferPointer<UInt8>, bounds: [Int]) {
        self.bytes = bytes
        self.bounds = bounds
        count = bounds.count - 1
        slots = .allocate(capacity: count)
        slots.initialize(repeating: ParseOutcome(), count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func part(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[bounds[i]..<bounds[i + 1]])
    }

    func store(_ i: Int, _ outcome: ParseOutcome) {
        slots[i] = outcome
    }

    /// The outcome of part i, moved out (its slot left empty), so merging copies no array.
    func take(_ i: Int) -> ParseOutcome {
        let outcome = slots[i]
        slots[i] = ParseOutcome()
        return outcome
    }
}
