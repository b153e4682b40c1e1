import Foundation

/// The HTTP proxy the environment asks for, as MLflow's client (Python requests) reads it:
/// `HTTPS_PROXY`/`https_proxy` for https addresses, `HTTP_PROXY`/`http_proxy` for http,
/// `ALL_PROXY` for both, skipped for hosts that `NO_PROXY` lists (exact, or a domain suffix;
/// `*` for all). Pure.
public struct ProxySetting: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String?
    public var password: String?

    public static func from(environment: [String: String], for uri: TrackingURI) -> ProxySetting? {
        func value(_ names: String...) -> String? {
            for name in names { if let v = environment[name] ?? environment[name.uppercased()], !v.isEmpty { return v } }
            return nil
        }
        if let noProxy = value("no_proxy"), bypasses(noProxy, host: uri.host) { return nil }
        let text = (uri.scheme == .https ? value("https_proxy") : value("http_proxy")) ?? value("all_proxy")
        guard let text else { return nil }
        // `host:port` without a scheme means an http proxy, as requests reads it.
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let parsed = try? TrackingURI.parse(withScheme), withScheme.lowercased().hasPrefix("http") else { return nil }
        return ProxySetting(host: parsed.host, port: parsed.port, user: parsed.user, password: parsed.password)
    }

    static func bypasses(_ list: String, host: String) -> Bool {
        let host = host.lowercased()
        for raw in list.split(separator: ",") {
            var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry == "*" { return true }
            if let colon = entry.lastIndex(of: ":"), !entry.contains("]"), entry.filter({ $0 == ":" }).count == 1 {
                entry = String(entry[..<colon])
            }
            while entry.hasPrefix(".") || entry.hasPrefix("*") { entry.removeFirst() }
            if entry.isEmpty { continue }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }
}
