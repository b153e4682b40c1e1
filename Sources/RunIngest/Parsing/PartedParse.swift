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

    /// The whole parse, as one pass would give it: helps with what is left, waits for the
    /// parts other threads took, and merges. Called once, by the thread that owns the bytes.
    public func outcome() -> ParseOutcome {
        work()
        allDone.wait()
        var outcome = take(0)
        var later: [ParseOutcome] = []
        for i in 1..<count { later.append(take(i)) }
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

    /// The outcome of part i, moved out (its slot left empty), so merging copies no array.
    private func take(_ i: Int) -> ParseOutcome {
        let outcome = slots[i]
        slots[i] = ParseOutcome()
        return outcome
    }
}
