import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// HTTP through AsyncHTTPClient (SwiftNIO, with BoringSSL vendored in swift-nio-ssl).
///
/// Why this client and not Foundation's URLSession: on Linux URLSession lives in
/// FoundationNetworking, which is built on libcurl, so a binary that links it needs
/// libcurl (and its TLS and HTTP/2 libraries) at load time, for every command, on every
/// machine it is copied to — the installed scaletop is one static binary that needs only
/// glibc. AsyncHTTPClient is Swift and C compiled into the binary; it costs build time and
/// size instead (see the README's section on tracking servers).
public final class NIOHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let uri: TrackingURI
    private let authorization: String?
    /// Seconds a whole request may take (MLFLOW_HTTP_REQUEST_TIMEOUT, as MLflow's client).
    private let deadlineSeconds: Int64
    /// Largest body read; a bigger one is a fault rather than memory exhausted.
    static let maximumBodyBytes = 512 << 20

    public init(uri: TrackingURI, credentials: TrackingCredentials, environment: [String: String]) throws {
        self.uri = uri
        authorization = credentials.authorizationHeader
        deadlineSeconds = environment["MLFLOW_HTTP_REQUEST_TIMEOUT"].flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 120
        var tls = TLSConfiguration.makeClientConfiguration()
        if credentials.insecureTLS { tls.certificateVerification = .none }
        if let path = credentials.serverCertificatePath {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw ServerFault.tls("MLFLOW_TRACKING_SERVER_CERT_PATH: cannot read \(path)")
            }
            tls.trustRoots = .file(path)
        }
        if let path = credentials.clientCertificatePath {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(path).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: path, format: .pem))
            } catch {
                throw ServerFault.tls("MLFLOW_TRACKING_CLIENT_CERT_PATH: \(path) is not a PEM certificate with its key (\(error))")
            }
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .seconds(10), read: .seconds(60)),
            proxy: ProxySetting.from(environment: environment, for: uri).map { proxy in
                .server(host: proxy.host, port: proxy.port,
                        authorization: proxy.user.map { .basic(username: $0, password: proxy.password ?? "") })
            },
            decompression: .enabled(limit: .ratio(200)))
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    public func send(_ call: HTTPCall) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: uri.url(call.path))
        request.method = call.method == .get ? .GET : .POST
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "scaletop")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let body = call.body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(request, timeout: .seconds(deadlineSeconds))
            let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
            return HTTPReply(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
                             body: Array(body.readableBytesView))
        } catch {
            throw Self.fault(error)
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// What went wrong below HTTP, in words that name no address or secret.
    static func fault(_ error: Error) -> ServerFault {
        if let fault = error as? ServerFault { return fault }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return .unreachable("connection timed out")
            case .readTimeout, .deadlineExceeded, .writeTimeout: return .timeout
            case .remoteConnectionClosed: return .truncated("the server closed the connection")
            case .tlsHandshakeTimeout: return .tls("handshake timed out")
            case .httpProxyHandshakeTimeout, .invalidProxyResponse: return .unreachable("the proxy did not connect")
            case .proxyAuthenticationRequired: return .unreachable("the proxy asks for credentials")
            case .bodyLengthMismatch: return .truncated("the body was shorter than announced")
            default: break
            }
        }
        if let parser = error as? HTTPParserError {
            // The connection closed inside an answer, or what came was not HTTP at all.
            if case .invalidEOFState = parser { return .truncated("the connection closed part-way through the answer") }
            return .notMLflow("the address does not answer HTTP (\(parser))")
        }
        if error is NIOTooManyBytesError { return .truncated("an answer larger than \(maximumBodyBytes >> 20) MiB") }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return .tls(String(describing: error).prefix(200).description)
        }
        if let connection = error as? NIOConnectionError {
            if connection.dnsAError != nil || connection.dnsAAAAError != nil, connection.connectionErrors.isEmpty {
                return .unreachable("host name not found")
            }
            if let first = connection.connectionErrors.first { return fault(first.error) }
            return .unreachable("cannot connect")
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return .unreachable("connection refused")
            case ECONNRESET, EPIPE: return .truncated("connection reset")
            case ETIMEDOUT: return .unreachable("connection timed out")
            case EHOSTUNREACH, ENETUNREACH: return .unreachable("no route to host")
            default: return .unreachable(String(cString: strerror(io.errnoCode)))
            }
        }
        if error is ChannelError { return .truncated("connection closed") }
        let text = String(describing: error)
        if text.lowercased().contains("refused") { return .unreachable("connection refused") }
        return .unreachable(String(text.prefix(160)))
    }
}
