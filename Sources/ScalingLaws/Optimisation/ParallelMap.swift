import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Independent computations (multi-start fits, bootstrap refits) spread over the cores.
/// Results come back in index order, so whatever reduces them afterwards is deterministic.
enum ParallelMap {
    static var onlineCores: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// `body(i)` for i in 0..<count on up to `threads` workers (0: one per core).
    static func map<T: Sendable>(_ count: Int, threads: Int = 0, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count: count)
        let workers = max(1, min(count, threads > 0 ? threads : onlineCores))
        if workers == 1 {
            for i in 0..<count { slots.store(i, body(i)) }
        } else {
            // Each worker takes the next index from a shared counter rather than a fixed
            // stride: on a shared machine one worker may be descheduled for a while, and with
            // fixed shares the others would then sit idle waiting for its half.
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard i < count else { break }
                    slots.store(i, body(i))
                }
            }
        }
        return slots.values()
    }
}

/// One slot per index, each written by exactly one worker and read after all of them
/// finished (`concurrentPerform` returns only then), so no lock is needed.
private final class Slots<T>: @unchecked Sendable {
    private var slots: [T?]

    init(count: Int) {
        slots = [T?](repeating: nil, count: count)
    }

    func store(_ i: Int, _ value: T) {
        slots.withUnsafeMutableBufferPointer { $0[i] = value }
    }

    func values() -> [T] { slots.map { $0! } }
}
