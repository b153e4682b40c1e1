import Foundation
import Glibc

/// An HTTP proxy in front of a server that misbehaves on demand, for the fault tests: it
/// forwards each request, or answers 500, hangs, cuts the answer short, answers a web page,
/// or asks for a bearer token, as `mode` says at that moment.
public final class FaultProxy {
    public enum Mode: String {
        case pass, error500 = "500", hang, truncate, html
        /// Forward only requests with `Authorization: Bearer test-token`, else 401.
        case bearer
    }

    public let port: Int
    public var uri: String { "http://127.0.0.1:\(port)" }
    private let folder: String
    private let process: BackgroundProcess
    /// Requests seen, one line each: `METHOD PATH AUTHORIZATION-PRESENT`.
    public var requestLog: [String] {
        ((try? String(contentsOfFile: folder + "/requests", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    public var mode: Mode = .pass {
        didSet { try? mode.rawValue.write(toFile: folder + "/mode", atomically: true, encoding: .utf8) }
    }

    public init(target: String) throws {
        folder = NSTemporaryDirectory() + "scaletop-fault-proxy-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "pass".write(toFile: folder + "/mode", atomically: true, encoding: .utf8)
        port = freeLocalPort()
        try Self.script.write(toFile: folder + "/proxy.py", atomically: true, encoding: .utf8)
        process = try BackgroundProcess([TestPython.command, folder + "/proxy.py", String(port), target, folder],
                                        logPath: folder + "/proxy.log")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: folder + "/ready") { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TmuxSession.Failure(message: "the fault proxy did not start:\n\(process.log)")
    }

    deinit {
        process.stop(signal: SIGKILL)
        try? FileManager.default.removeItem(atPath: folder)
    }

    static let script = #"""
    import http.server, socketserver, sys, time, urllib.request, urllib.error, os
    port, target, folder = int(sys.argv[1]), sys.argv[2], sys.argv[3]

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            mode = open(os.path.join(folder, "mode")).read().strip()
            with open(os.path.join(folder, "requests"), "a") as f:
                f.write(f"{self.command} {self.path} {'auth' if self.headers.get('Authorization') else 'none'}\n")
            if mode == "500":
                return self.reply(500, b"Internal Server Error", "text/plain")
            if mode == "hang":
                time.sleep(600)
                return
            if mode == "html":
                return self.reply(200, b"<!doctype html><html><title>Sign in</title></html>", "text/html")
            if mode == "bearer" and self.headers.get("Authorization") != "Bearer test-token":
                return self.reply(401, b'{"error_code": "UNAUTHENTICATED", "message": "a token is needed"}', "application/json")
            request = urllib.request.Request(target + self.path, data=body, method=self.command,
                                             headers={"Content-Type": self.headers.get("Content-Type") or "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=60) as answer:
                    status, data, ctype = answer.status, answer.read(), answer.headers.get("Content-Type")
            except urllib.error.HTTPError as e:
                status, data, ctype = e.code, e.read(), e.headers.get("Content-Type")
            except Exception:
                return self.reply(502, b"Bad Gateway", "text/plain")
            if mode == "truncate" and len(data) > 20:
                self.send_response(status)
                self.send_header("Content-Type", ctype or "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.reply(status, data, ctype or "application/json")
        def reply(self, status, data, ctype):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        do_GET = do_POST = handle_any

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", port), Handler)
    open(os.path.join(folder, "ready"), "w").close()
    server.serve_forever()
    """#
}
