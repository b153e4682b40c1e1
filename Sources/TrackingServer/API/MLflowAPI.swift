/// The MLflow REST calls scaletop makes, paged through, over a transport. Every method only
/// reads. Throws `ServerFault`.
public struct MLflowAPI: Sendable {
    public let transport: HTTPTransport

    public init(transport: HTTPTransport) {
        self.transport = transport
    }

    func call<T: Decodable>(_ call: HTTPCall, as type: T.Type) async throws -> T {
        let reply: HTTPReply
        do {
            reply = try await transport.send(call)
        } catch let fault as ServerFault {
            throw fault
        } catch {
            throw NIOHTTPTransport.fault(error)
        }
        return try ReplyDecoding.decode(type, from: reply, call: call)
    }

    /// Every active experiment.
    public func experiments() async throws -> [MLflowExperiment] {
        var all: [MLflowExperiment] = []
        var token: String?
        repeat {
            let page = try await call(MLflowEndpoints.searchExperiments(pageToken: token), as: ExperimentsPage.self)
            all += page.experiments
            token = page.nextPageToken
        } while token != nil
        return all.filter { ($0.lifecycleStage ?? "active") == "active" }
    }

    /// Every active run of `experimentIDs` that `filter` (MLflow's search syntax) admits.
    public func runs(experimentIDs: [String], filter: String? = nil) async throws -> [MLflowRun] {
        guard !experimentIDs.isEmpty else { return [] }
        var all: [MLflowRun] = []
        // MLflow's SQL store takes any number of experiments per search; a hosted one may cap
        // it, so long lists go in slices.
        for start in stride(from: 0, to: experimentIDs.count, by: 100) {
            let slice = Array(experimentIDs[start..<min(start + 100, experimentIDs.count)])
            var token: String?
            repeat {
                let page = try await call(MLflowEndpoints.searchRuns(experimentIDs: slice, filter: filter, pageToken: token),
                                          as: RunsPage.self)
                all += page.runs
                token = page.nextPageToken
            } while token != nil
        }
        return all
    }

    /// One run, or nil when the server no longer has it.
    public func run(id: String) async throws -> MLflowRun? {
        do {
            return try await call(MLflowEndpoints.getRun(id: id), as: RunAnswer.self).run
        } catch ServerFault.api(_, let code, _) where code == "RESOURCE_DOES_NOT_EXIST" {
            return nil
        }
    }

    /// One page of a metric's history; nil when the run is gone.
    public func historyPage(runID: String, key: String, maxResults: Int, pageToken: String?) async throws -> HistoryPage? {
        do {
            return try await call(MLflowEndpoints.metricHistory(runID: runID, key: key, maxResults: maxResults, pageToken: pageToken),
                                  as: HistoryPage.self)
        } catch ServerFault.api(_, let code, _) where code == "RESOURCE_DOES_NOT_EXIST" {
            return nil
        }
    }
}
