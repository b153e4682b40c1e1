import Foundation
import Testing
@testable import TrackingServer

/// Answers as `mlflow server` 3.17 writes them (copied from a real server's replies), and
/// the faults other replies show.
struct ReplyDecodingTests {
    let search = HTTPCall(method: .post, path: "/api/2.0/mlflow/runs/search")

    func reply(_ text: String, status: Int = 200, type: String? = "application/json") -> HTTPReply {
        HTTPReply(status: status, contentType: type, body: Array(text.utf8))
    }

    static let runsPage = """
    {
      "runs": [
        {
          "info": {"run_uuid": "af4d8c", "experiment_id": "1", "run_name": "run2", "user_id": "unknown",
                   "status": "FINISHED", "start_time": 1796171102408, "end_time": "1796171109000",
                   "artifact_uri": "mlflow-artifacts:/1/af4d8c/artifacts", "lifecycle_stage": "active", "run_id": "af4d8c"},
          "data": {
            "metrics": [{"key": "train/loss", "value": 2.5000999999999998, "timestamp": 1796171107590, "step": 4999},
                        {"key": "lr", "value": "NaN", "timestamp": "1796171103645"}],
            "params": [{"key": "parameters", "value": "300000000.0"}],
            "tags": [{"key": "team", "value": "a"}, {"key": "mlflow.runName", "value": "run2"}]
          },
          "inputs": {}, "outputs": {}
        },
        {"info": {"run_id": "b1", "experiment_id": "1", "status": "RUNNING", "lifecycle_stage": "active"},
         "data": {"tags": [{"key": "mlflow.runName", "value": "from-tag"}]}}
      ],
      "next_page_token": "eyJvZmZzZXQiOiAyfQ=="
    }
    """

    @Test func aRealRunsPage() throws {
        let page = try ReplyDecoding.decode(RunsPage.self, from: reply(Self.runsPage), call: search)
        #expect(page.nextPageToken == "eyJvZmZzZXQiOiAyfQ==")
        let run = try #require(page.runs.first)
        #expect(run.id == "af4d8c" && run.name == "run2" && run.status == "FINISHED" && run.experimentID == "1")
        #expect(run.startTime == 1796171102408 && run.endTime == 1796171109000)
        #expect(run.params == ["parameters": "300000000.0"] && run.tags["team"] == "a")
        #expect(run.latestMetrics["train/loss"]?.step == 4999)
        let lr = try #require(run.latestMetrics["lr"])
        #expect(lr.value.isNaN && lr.step == 0 && lr.timestamp == 1796171103645)
        #expect(page.runs[1].name == "from-tag" && page.runs[1].latestMetrics.isEmpty)
    }

    @Test func anEmptyAnswerIsNoRuns() throws {
        // MLflow leaves out empty lists: no runs matched comes back as `{}`.
        #expect(try ReplyDecoding.decode(RunsPage.self, from: reply("{}"), call: search).runs.isEmpty)
        let history = try ReplyDecoding.decode(HistoryPage.self, from: reply("{}"), call: search)
        #expect(history.metrics.isEmpty && history.nextPageToken == nil)
    }

    @Test func faultsByWhatCameBack() {
        func fault(_ r: HTTPReply) -> ServerFault? {
            do {
                _ = try ReplyDecoding.decode(RunsPage.self, from: r, call: search)
                return nil
            } catch {
                return error
            }
        }
        #expect(fault(reply("<!doctype html><title>Sign in</title>", type: "text/html"))?.headline == "not an MLflow tracking server")
        #expect(fault(reply("<html>404</html>", status: 404, type: "text/html; charset=utf-8"))?.description
            .contains("no MLflow API at /api/2.0/mlflow/runs/search") == true)
        #expect(fault(reply(String(Self.runsPage.prefix(700))))?.headline == "server's answer cut short")
        #expect(fault(reply(#"{"hello": ["world"], "runs": 3}"#))?.headline == "not an MLflow tracking server")
        #expect(fault(reply("Service Unavailable", status: 503, type: "text/plain")) == .serverError(status: 503, message: nil))
        #expect(fault(reply(#"{"error_code": "INTERNAL_ERROR", "message": "db locked"}"#, status: 500))
                == .serverError(status: 500, message: "db locked"))
        #expect(fault(reply(#"{"error_code": "UNAUTHENTICATED", "message": "You are not authenticated."}"#, status: 401))?
            .headline == "credentials refused (HTTP 401)")
        #expect(fault(reply(#"{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run 'x' not found"}"#, status: 404))
                == .api(status: 404, code: "RESOURCE_DOES_NOT_EXIST", message: "Run 'x' not found"))
        #expect(fault(reply("")) == .truncated("/api/2.0/mlflow/runs/search sent 0 bytes of unfinished JSON"))
    }

    @Test func transientOrNot() {
        #expect(ServerFault.unreachable("connection refused").isTransient)
        #expect(ServerFault.timeout.isTransient && ServerFault.truncated("x").isTransient)
        #expect(ServerFault.serverError(status: 502, message: nil).isTransient)
        #expect(!ServerFault.refused(status: 403, message: nil).isTransient)
        #expect(!ServerFault.notMLflow("x").isTransient)
        #expect(ServerFault.refused(status: 401, message: nil).description.contains("MLFLOW_TRACKING_TOKEN"))
    }

    @Test func requestsAreReadsWithEncodedQueries() throws {
        let history = MLflowEndpoints.metricHistory(runID: "r1", key: "train/loss", maxResults: 1000, pageToken: "eyJvZmZzZXQiOiAyfQ==")
        #expect(history.method == .get)
        #expect(history.path == "/api/2.0/mlflow/metrics/get-history?max_results=1000&metric_key=train%2Floss"
                + "&page_token=eyJvZmZzZXQiOiAyfQ%3D%3D&run_id=r1")
        let runs = MLflowEndpoints.searchRuns(experimentIDs: ["1", "2"], filter: ServerSync.runningFilter, pageToken: nil)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(runs.body ?? [])) as? [String: Any])
        #expect(body["experiment_ids"] as? [String] == ["1", "2"] && body["run_view_type"] as? String == "ACTIVE_ONLY")
        #expect(body["filter"] as? String == "attributes.status = 'RUNNING'" && body["max_results"] as? Int == 1000)
    }
}
