import Dispatch
import Synchronization

/// A parse cut into parts at line boundaries, which any thread may help with: each call of
/// `work` takes the next part no thread has taken, until none is left. Why not
/// `DispatchQueue.concurrentPerform`: called from the tailer's read-ahead job (itself on a
/// pool thread) it ran the parts one after another most of the time, one core busy of two
/// (perf's timeline of a 189 MB load, issue 16), while the tailer's own thread sat waiting
/// for the chunk. Now that thread helps, and a part never waits for a thread to start.
public final class PartedParse: @unchecked Sendable {   // each slot is written by the one thread that took its part, read after all are done
    private let bytes: UnsafeBufferPointer<UInt8>
    private let bounds: [Int]
    private let firstRecord: Int
    private let parsePart: @Sendable (_ part: UnsafeBufferPointer<UInt8>, _ firstRecord: Int) -> ParseOutcome
    private let slots: UnsafeMutablePointer<ParseOutcome>
    private let count: Int
    private let nextPart = Atomic<Int>(0)
    private let partsDone = Atomic<Int>(0)
    private let allDone = DispatchSemaphore(value: 0)

    /// Parts `bounds[i]..<bounds[i + 1]` of `bytes`, each ending at a newline but the last.
    init(bytes: UnsafeBufferPointer<UInt8>, bounds: [Int], firstRecord: Int,
         parsePart: @escaping @Sendable (_ part: UnsafeBufferPointer<UInt8>, _ firstRecord: Int) -> ParseOutcome) {
        self.bytes = bytes
        self.bounds = bounds
        self.firstRecord = firstRecord
        self.parsePart = parsePart
        count = bounds.count - 1
        slots = .allocate(capacity: count)
        slots.initialize(repeating: ParseOutcome(), count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// Parse parts until every part is taken. Safe from any thread, at any time: a call that
    /// comes after the last part was taken does nothing (it never touches the bytes, which
    /// may be gone by then).
    public func work() {
        while true {
            let i = nextPart.wrappingAdd(1, ordering: .relaxed).oldValue
            guard i < count else { return }
            // Parts after the first are numbered from 0 here and shifted in `outcome`, once
            // the line counts before them are known.
            let part = UnsafeBufferPointer(rebasing: bytes[bounds[i]..<bounds[i + 1]])
            slots[i] = parsePart(part, i == 0 ? firstRecord : 0)
            if partsDone.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == count { allDone.signal() }
        }
    }

    /// The parts' outcomes in order, numbered as one pass would number them: helps with what
    /// is left, waits for the parts other threads took, and shifts each part's records in
    /// place. Called once, by the thread that owns the bytes. A reader that can take the parts
    /// one by one should (the tailer does): merging them into one array copied every point on
    /// one thread while the other waited, a seventh of each chunk (perf's timeline).
    public func numberedParts() -> [ParseOutcome] {
        work()
        allDone.wait()
        var parts: [ParseOutcome] = []
        parts.reserveCapacity(count)
        var shift = 0
        for i in 0..<count {
            var part = take(i)
            if i > 0 {
                // Every part but the last ends at a newline, so all of it was consumed.
                part.points.withUnsafeMutableBufferPointer { points in
                    for k in points.indices { points[k].record += shift }
                }
                part.problems.withUnsafeMutableBufferPointer { problems in
                    for k in problems.indices { problems[k].record += shift }
                }
            } else {
                shift = firstRecord
            }
            shift += part.consumedRecords
            parts.append(part)
        }
        return parts
    }

    /// The whole parse as one outcome, as one pass would give it.
    public func outcome() -> ParseOutcome {
        var parts = numberedParts()
        var outcome = parts[0]
        parts[0] = ParseOutcome()
        outcome.points.reserveCapacity(parts.reduce(outcome.points.count) { $0 + $1.points.count })
        for next in parts.dropFirst() {
            outcome.points += next.points
            outcome.problems += next.problems
            outcome.consumedBytes += next.consumedBytes
            outcome.consumedRecords += next.consumedRecords
        }
        return outcome
    }

    /// The outcome of part i, moved out (its slot left empty), so merging copies no array.
    private func take(_ i: Int) -> ParseOutcome {
        let outcome = slots[i]
        slots[i] = ParseOutcome()
        return outcome
    }
}
