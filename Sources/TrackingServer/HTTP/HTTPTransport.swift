/// One request to the tracking server's API: the path under the address
/// (`/api/2.0/mlflow/runs/search`), with its query already encoded, and a JSON body for POST.
public struct HTTPCall: Sendable, Equatable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    public var method: Method
    public var path: String
    public var body: [UInt8]?

    public init(method: Method, path: String, body: [UInt8]? = nil) {
        self.method = method
        self.path = path
        self.body = body
    }
}

/// What came back: the status, the content type and the whole body.
public struct HTTPReply: Sendable, Equatable {
    public var status: Int
    public var contentType: String?
    public var body: [UInt8]

    public init(status: Int, contentType: String? = nil, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// Sends calls to one server. The real one is `NIOHTTPTransport`; tests give canned replies.
/// Throws `ServerFault` for anything below HTTP (no connection, a timeout, a cut answer).
public protocol HTTPTransport: Sendable {
    func send(_ call: HTTPCall) async throws -> HTTPReply
    /// Close connections; no call may be sent after.
    func shutdown() async
}
