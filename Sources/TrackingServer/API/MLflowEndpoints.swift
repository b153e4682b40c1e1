import Foundation

/// The calls scaletop makes, as MLflow's REST API defines them (API version 2.0). Only
/// reads: the searches are POSTs because MLflow defines them so (their filters and lists do
/// not fit a query string), and they change nothing on the server. Pure: values in, calls out.
enum MLflowEndpoints {
    static let base = "/api/2.0/mlflow"
    /// Runs and experiments per search page: MLflow's own default page size.
    static let searchPageSize = 1000

    static func searchExperiments(pageToken: String?) -> HTTPCall {
        var body: [String: Any] = ["max_results": searchPageSize, "view_type": "ACTIVE_ONLY"]
        if let pageToken { body["page_token"] = pageToken }
        return HTTPCall(method: .post, path: base + "/experiments/search", body: json(body))
    }

    /// Active runs of `experimentIDs`; `filter` in MLflow's search syntax.
    static func searchRuns(experimentIDs: [String], filter: String?, pageToken: String?) -> HTTPCall {
        var body: [String: Any] = ["experiment_ids": experimentIDs, "max_results": searchPageSize, "run_view_type": "ACTIVE_ONLY"]
        if let filter { body["filter"] = filter }
        if let pageToken { body["page_token"] = pageToken }
        return HTTPCall(method: .post, path: base + "/runs/search", body: json(body))
    }

    static func getRun(id: String) -> HTTPCall {
        HTTPCall(method: .get, path: base + "/runs/get?" + query(["run_id": id]))
    }

    /// One page of a metric's history: `maxResults` values from where `pageToken` points.
    static func metricHistory(runID: String, key: String, maxResults: Int, pageToken: String?) -> HTTPCall {
        var parameters = ["run_id": runID, "metric_key": key, "max_results": String(maxResults)]
        if let pageToken { parameters["page_token"] = pageToken }
        return HTTPCall(method: .get, path: base + "/metrics/get-history?" + query(parameters))
    }

    static func json(_ object: [String: Any]) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
    }

    /// `key=value&…` in a fixed order, everything but unreserved characters percent-encoded
    /// (metric keys hold `/`, page tokens `=`).
    static func query(_ parameters: [String: String]) -> String {
        parameters.keys.sorted().map { "\(encode($0))=\(encode(parameters[$0]!))" }.joined(separator: "&")
    }

    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            out += unreserved ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }
        return out
    }
}
