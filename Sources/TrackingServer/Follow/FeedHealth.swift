import Foundation

/// How the follower's reading of the server is going, and what the status line says about
/// it. Pure: a state and the time in, text out.
public struct FeedHealth: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Before the first answer.
        case connecting
        /// Reading runs: `done` of `total` in this refresh.
        case reading(done: Int, total: Int)
        /// The last refresh succeeded.
        case following
        /// Failing since `since` (seconds since the epoch), `failures` times in a row; the
        /// next try at `retryAt`.
        case failing(fault: ServerFault, since: Double, failures: Int, retryAt: Double)
    }

    public var state: State = .connecting
    /// When the last refresh succeeded.
    public var lastSuccess: Double?

    public init(state: State = .connecting, lastSuccess: Double? = nil) {
        self.state = state
        self.lastSuccess = lastSuccess
    }

    /// "server unreachable since 12:03, retrying": the fault and since when, in local time
    /// (`utcOffsetSeconds` from UTC); nil while all is well.
    public func alert(utcOffsetSeconds: Int) -> String? {
        guard case .failing(let fault, let since, _, _) = state else { return nil }
        let clock = Self.clock(since, utcOffsetSeconds: utcOffsetSeconds)
        let retry = fault.isTransient ? "retrying" : "retrying (\(Self.advice(for: fault)))"
        return "\(fault.headline) since \(clock), \(retry)"
    }

    /// The follow description: the address and how often it is read, or the reading's progress.
    public func description(server: String, pollInterval: Double) -> String {
        switch state {
        case .connecting: return "connecting to \(server)…"
        case .reading(let done, let total) where total > 1: return "reading \(server): \(done) of \(total) runs"
        default: return "following \(server) (every \(Self.seconds(pollInterval)))"
        }
    }

    static func advice(for fault: ServerFault) -> String {
        switch fault {
        case .refused: return "check MLFLOW_TRACKING_TOKEN or USERNAME/PASSWORD"
        case .tls: return "check the certificate"
        case .notMLflow: return "check the address"
        default: return "see scaletop runs"
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    /// HH:MM of `seconds` since the epoch, at `utcOffsetSeconds` from UTC.
    static func clock(_ seconds: Double, utcOffsetSeconds: Int) -> String {
        let local = Int((seconds + Double(utcOffsetSeconds)).rounded(.down))
        let minutes = ((local / 60) % (24 * 60) + 24 * 60) % (24 * 60)
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// This machine's offset from UTC now.
    public static var localUTCOffset: Int { TimeZone.current.secondsFromGMT() }
}
