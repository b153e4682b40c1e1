import Foundation

/// A tracking server's address as MLflow users write it: `http://host:port` or
/// `https://host`, with an optional path prefix (`https://example.org/mlflow`) and optional
/// credentials (`https://user:secret@host`). Pure: text in, parts out.
///
/// `display` is the address without credentials: the only form that is ever printed, put in
/// a title, an export's caption or an error message.
public struct TrackingURI: Sendable, Equatable, CustomStringConvertible {
    public enum Scheme: String, Sendable { case http, https }

    public var scheme: Scheme
    /// Host name or address; an IPv6 address without its brackets.
    public var host: String
    public var port: Int
    /// The path prefix before `/api/2.0/mlflow/…`, without a trailing slash ("" for none).
    public var pathPrefix: String
    /// Credentials written into the address, percent-decoded; never shown.
    public var user: String?
    public var password: String?

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Whether `argument` is meant as a tracking server rather than a folder or a file: it
    /// starts with a URI scheme (`http:`, `https:`, and the schemes MLflow knows that
    /// scaletop does not read over the network, which `parse` explains).
    public static func looksLikeURI(_ argument: String) -> Bool {
        if argument.lowercased() == "databricks" { return true }
        guard let separator = argument.range(of: "://") else { return false }
        let scheme = argument[..<separator.lowerBound]
        guard let first = scheme.first, first.isLetter, scheme.count >= 2 else { return false }
        return scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    public static func parse(_ text: String) throws(ParseError) -> TrackingURI {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else {
            if trimmed.lowercased().hasPrefix("databricks") || trimmed.lowercased().hasPrefix("uc:") {
                throw ParseError(description: "\(trimmed): scaletop reads MLflow servers at an http:// or https:// address, not Databricks profiles")
            }
            throw ParseError(description: "\(trimmed): not an address (write http://host:port or https://host/prefix)")
        }
        let schemeText = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard let scheme = Scheme(rawValue: schemeText) else {
            switch schemeText {
            case "file":
                throw ParseError(description: "\(display(of: trimmed)): a file store is a folder; give its path (the folder holding mlruns/) instead")
            case "sqlite":
                throw ParseError(description: "\(display(of: trimmed)): an SQLite store is a file; give the folder holding mlflow.db instead")
            default:
                throw ParseError(description: "\(display(of: trimmed)): scaletop reads MLflow tracking servers over http:// or https://, not \(schemeText)://")
            }
        }
        var rest = trimmed[schemeEnd.upperBound...]
        // Query and fragment mean nothing to MLflow's API; drop them (a UI link pasted whole).
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        var user: String?, password: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = percentDecoded(userInfo[..<colon])
                password = percentDecoded(userInfo[userInfo.index(after: colon)...])
            } else {
                user = percentDecoded(userInfo)
            }
        }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw ParseError(description: "\(display(of: trimmed)): unclosed '[' in the host")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw ParseError(description: "\(display(of: trimmed)): unexpected '\(after)' after the host")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw ParseError(description: "\(display(of: trimmed)): no host name") }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:%".contains($0) }) else {
            throw ParseError(description: "\(display(of: trimmed)): '\(host)' is not a host name")
        }
        var port = scheme == .https ? 443 : 80
        if let portText, !portText.isEmpty {
            guard let p = Int(portText), (1...65535).contains(p) else {
                throw ParseError(description: "\(display(of: trimmed)): port '\(portText)' is not a number from 1 to 65535")
            }
            port = p
        }
        while path.hasSuffix("/") { path.removeLast() }
        // A pasted UI address (`…/#/experiments/1`) lost its fragment above; a pasted API
        // address keeps only its prefix.
        if let api = path.range(of: "/api/2.0/mlflow") { path = String(path[..<api.lowerBound]) }
        if let ajax = path.range(of: "/ajax-api/") { path = String(path[..<ajax.lowerBound]) }
        return TrackingURI(scheme: scheme, host: String(host), port: port, pathPrefix: path, user: user, password: password)
    }

    /// `https://host:port/prefix`, with the port only when it is not the scheme's own.
    public var display: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        let defaultPort = scheme == .https ? 443 : 80
        return "\(scheme.rawValue)://\(bracketed)\(port == defaultPort ? "" : ":\(port)")\(pathPrefix)"
    }

    public var description: String { display }

    /// The URL of an API call (`path` starts with `/api/…`) or a UI page (`/#/…`).
    public func url(_ path: String) -> String {
        display + path
    }

    /// `text` with any `user:password@` removed, for messages about an address that did not
    /// parse (so a typo never prints a secret).
    public static func display(of text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
        return String(text[..<schemeEnd.upperBound]) + String(rest[rest.index(after: at)...])
    }

    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%"), let h1 = utf8.index(i, offsetBy: 1, limitedBy: utf8.endIndex), h1 != utf8.endIndex,
               let h2 = utf8.index(h1, offsetBy: 1, limitedBy: utf8.endIndex), h2 != utf8.endIndex,
               let value = UInt8(String(decoding: [utf8[h1], utf8[h2]], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i = utf8.index(after: h2)
            } else {
                bytes.append(byte)
                i = utf8.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
