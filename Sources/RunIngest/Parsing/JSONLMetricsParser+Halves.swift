import Dispatch
import Glibc

extension JSONLMetricsParser {
    /// Below this a read is parsed on one thread: starting a second costs more than it saves.
    static let halvingThreshold = 1 << 20

    /// `bytes` split at the newline nearest its middle, the two halves parsed on two
    /// threads (lines are independent in JSONL) and merged in order, numbered as one pass
    /// would number them. Nil when there is no newline to split at.
    func parseInHalves(_ bytes: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> ParseOutcome? {
        guard let base = bytes.baseAddress,
              let newline = memchr(base + bytes.count / 2, 0x0A, bytes.count - bytes.count / 2) else { return nil }
        let split = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base + 1
        let halves = Halves(bytes: bytes, split: split)
        let parser = self
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            // The second half is numbered from 0 here and shifted below, once the first
            // half's line count is known.
            halves.store(i, parser.parseInOrder(halves.part(i), firstRecord: i == 0 ? firstRecord : 0))
        }
        let both = halves.outcomes
        var outcome = both[0]
        let second = both[1]
        // The first half ends at a newline, so all of it was consumed.
        let shift = firstRecord + outcome.consumedRecords
        outcome.points.reserveCapacity(outcome.points.count + second.points.count)
        for (record, point) in second.points { outcome.points.append((record + shift, point)) }
        for (record, message) in second.problems { outcome.problems.append((record + shift, message)) }
        outcome.consumedBytes += second.consumedBytes
        outcome.consumedRecords += second.consumedRecords
        return outcome
    }
}

/// The two halves of a read and their outcomes: each slot written by one thread, read after
/// `concurrentPerform` returns (it waits for both), so no lock is needed. The slots are raw
/// memory, so the two writes touch no shared array (no copy-on-write check between threads).
private final class Halves: @unchecked Sendable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let split: Int
    private let slots = UnsafeMutablePointer<ParseOutcome>.allocate(capacity: 2)

    init(bytes: UnsafeBufferPointer<UInt8>, split: Int) {
        self.bytes = bytes
        self.split = split
        slots.initialize(repeating: ParseOutcome(), count: 2)
    }

    deinit {
        slots.deinitialize(count: 2)
        slots.deallocate()
    }

    var outcomes: [ParseOutcome] { [slots[0], slots[1]] }

    func part(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        i == 0 ? UnsafeBufferPointer(rebasing: bytes[..<split]) : UnsafeBufferPointer(rebasing: bytes[split...])
    }

    func store(_ i: Int, _ outcome: ParseOutcome) {
        slots[i] = outcome
    }
}
