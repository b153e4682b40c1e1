import Foundation

/// Turns what the server sent into a decoded answer or the fault it shows. Pure: a reply in,
/// a value or a `ServerFault` out.
enum ReplyDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from reply: HTTPReply, call: HTTPCall) throws(ServerFault) -> T {
        guard (200..<300).contains(reply.status) else { throw fault(for: reply, call: call) }
        if looksLikeHTML(reply) {
            throw ServerFault.notMLflow("\(endpoint(call)) answered with a web page, not MLflow's JSON"
                                        + " (a login page, or the wrong path prefix?)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(reply.body))
        } catch {
            if isIncompleteJSON(reply.body) {
                throw ServerFault.truncated("\(endpoint(call)) sent \(reply.body.count) bytes of unfinished JSON")
            }
            if (try? JSONSerialization.jsonObject(with: Data(reply.body))) is [String: Any] {
                throw ServerFault.notMLflow("\(endpoint(call)) answered JSON without MLflow's fields (\(reason(error)))")
            }
            throw ServerFault.notMLflow("\(endpoint(call)) did not answer JSON")
        }
    }

    /// The fault a non-2xx reply shows.
    static func fault(for reply: HTTPReply, call: HTTPCall) -> ServerFault {
        let body = try? JSONDecoder().decode(MLflowErrorBody.self, from: Data(reply.body))
        let mlflowError = body?.errorCode != nil
        let message = body?.message.map { String($0.prefix(300)) }
        switch reply.status {
        case 401, 403, 407: return .refused(status: reply.status, message: message)
        case 429, 500...599: return .serverError(status: reply.status, message: message)
        case 404 where !mlflowError, 405 where !mlflowError:
            return .notMLflow("no MLflow API at \(endpoint(call)) (HTTP \(reply.status)); is the address and its path prefix right?")
        default:
            if mlflowError { return .api(status: reply.status, code: body?.errorCode, message: message) }
            return .notMLflow("\(endpoint(call)) answered HTTP \(reply.status) without an MLflow error")
        }
    }

    static func endpoint(_ call: HTTPCall) -> String {
        String(call.path.prefix { $0 != "?" })
    }

    static func looksLikeHTML(_ reply: HTTPReply) -> Bool {
        if reply.contentType?.lowercased().contains("text/html") == true { return true }
        let start = reply.body.prefix(64).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return start.first == UInt8(ascii: "<")
    }

    /// A body that starts as a JSON object but stops before its end: a connection cut.
    static func isIncompleteJSON(_ body: [UInt8]) -> Bool {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = body.first(where: { !isSpace($0) }), first == UInt8(ascii: "{") else { return body.isEmpty }
        return body.last(where: { !isSpace($0) }) != UInt8(ascii: "}")
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : path + ": ") + context.debugDescription.prefix(80)
        default: return "unreadable"
        }
    }
}
