/// Why a call to the tracking server failed, in the words the status line and `runs` use.
/// Faults that may pass (a server down or restarting, a 5xx, a timeout, an answer cut
/// short) are retried with back-off; the others need the person (a wrong address, refused
/// credentials, a certificate that does not check out) and say what to change.
public enum ServerFault: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection: refused, no route, name not resolved.
    case unreachable(String)
    /// Connected, but no answer in time.
    case timeout
    /// The answer stopped part-way, or was not the JSON it started as.
    case truncated(String)
    /// HTTP 5xx (or 429): the server is there but failing or overloaded.
    case serverError(status: Int, message: String?)
    /// HTTP 401 or 403.
    case refused(status: Int, message: String?)
    /// The address answers, but not as an MLflow tracking server does.
    case notMLflow(String)
    /// TLS could not be set up: a certificate that does not check out, a bad CA bundle.
    case tls(String)
    /// MLflow answered with an error of its own (a 4xx with error_code).
    case api(status: Int, code: String?, message: String?)

    /// Whether trying again later may work without anyone changing anything.
    public var isTransient: Bool {
        switch self {
        case .unreachable, .timeout, .truncated, .serverError: return true
        case .refused, .notMLflow, .tls, .api: return false
        }
    }

    /// A few words for the status line: "server unreachable", "server error (HTTP 503)".
    public var headline: String {
        switch self {
        case .unreachable: return "server unreachable"
        case .timeout: return "server not answering"
        case .truncated: return "server's answer cut short"
        case .serverError(let status, _): return "server error (HTTP \(status))"
        case .refused(let status, _): return "credentials refused (HTTP \(status))"
        case .notMLflow: return "not an MLflow tracking server"
        case .tls: return "TLS failed"
        case .api(let status, let code, _): return "server refused a request (\(code ?? "HTTP \(status)"))"
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let why): return "server unreachable (\(why))"
        case .timeout: return "server not answering (timed out)"
        case .truncated(let why): return "server's answer cut short (\(why))"
        case .serverError(let status, let message):
            return "server error (HTTP \(status))" + (message.map { ": " + $0 } ?? "")
        case .refused(let status, let message):
            return "credentials refused (HTTP \(status))" + (message.map { ": " + $0 } ?? "")
                + "; set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD"
        case .notMLflow(let why): return "not an MLflow tracking server: \(why)"
        case .tls(let why): return "TLS failed (\(why)); MLFLOW_TRACKING_SERVER_CERT_PATH names a CA bundle, "
            + "MLFLOW_TRACKING_INSECURE_TLS=true skips the check"
        case .api(let status, let code, let message):
            return "server refused a request (HTTP \(status)\(code.map { ", " + $0 } ?? ""))" + (message.map { ": " + $0 } ?? "")
        }
    }
}
