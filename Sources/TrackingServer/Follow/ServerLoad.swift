import Foundation
import RunIngest
import Synchronization

/// A study read from a tracking server once, for the commands that do not follow it
/// (`runs`, `fit`, `forecast`, `export`, `whatif --from`): every run and every value, or
/// one clear error.
public enum ServerLoad {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        /// The fault behind it, when it was the server's.
        public let fault: ServerFault?
    }

    /// Every run of the study.
    public static func load(_ source: TrackingSource) throws(Failure) -> RunStore {
        let changes = try wait(source) { api in
            let sync = ServerSync(api: api, source: source)
            try await sync.connect()
            let collected = ChangeCollector()
            try await sync.refresh(full: true, emit: { collected.add($0) })
            return collected.changes
        }
        let store = RunStore()
        store.apply(changes)
        return store
    }

    /// Check that the address is an MLflow server that takes the credentials and has the
    /// experiments named. Returns the fault when the server is only unreachable for now (a
    /// dashboard starts anyway and retries); throws when waiting will not help.
    public static func check(_ source: TrackingSource) throws(Failure) -> ServerFault? {
        do {
            _ = try wait(source) { api in
                try await ServerSync(api: api, source: source).connect()
                return [StoreChange]()
            }
            return nil
        } catch {
            if let fault = error.fault, fault.isTransient { return fault }
            throw error
        }
    }

    /// Run `body` on a new connection and wait for it on this thread.
    static func wait(_ source: TrackingSource,
                     _ body: @escaping @Sendable (MLflowAPI) async throws -> [StoreChange]) throws(Failure) -> [StoreChange] {
        let transport: NIOHTTPTransport
        do {
            transport = try NIOHTTPTransport(uri: source.uri, credentials: source.credentials, environment: source.environment)
        } catch {
            throw failure(error, source: source)
        }
        let outcome = OutcomeBox()
        let semaphore = DispatchSemaphore(value: 0)
        let executor = ThreadTaskExecutor(name: "scaletop-mlflow-load")
        Task.detached(executorPreference: executor) {
            do {
                outcome.set(.success(try await body(MLflowAPI(transport: transport))))
            } catch {
                outcome.set(.failure(error))
            }
            await transport.shutdown()
            executor.stop()
            semaphore.signal()
        }
        semaphore.wait()
        switch outcome.get() {
        case .success(let changes): return changes
        case .failure(let error): throw failure(error, source: source)
        case nil: throw Failure(description: "\(source.uri.display): the read ended without an outcome", fault: nil)
        }
    }

    static func failure(_ error: Error, source: TrackingSource) -> Failure {
        if let selection = error as? RunSelection.ParseError {
            return Failure(description: "\(source.uri.display): \(selection.description)", fault: nil)
        }
        let fault = Self.fault(error)
        return Failure(description: "\(source.uri.display): \(fault.description)", fault: fault)
    }

    /// Any error of a read as the fault it shows.
    static func fault(_ error: Error) -> ServerFault {
        if let fault = error as? ServerFault { return fault }
        if let selection = error as? RunSelection.ParseError { return .api(status: 0, code: nil, message: selection.description) }
        return NIOHTTPTransport.fault(error)
    }
}

/// Changes gathered from the sync's callbacks (called on its task, one at a time).
final class ChangeCollector: Sendable {
    private let collected = Mutex<[StoreChange]>([])

    func add(_ changes: [StoreChange]) {
        collected.withLock { $0 += changes }
    }

    var changes: [StoreChange] { collected.withLock { $0 } }
}

final class OutcomeBox: Sendable {
    private let outcome = Mutex<Result<[StoreChange], Error>?>(nil)

    func set(_ value: Result<[StoreChange], Error>) {
        outcome.withLock { $0 = value }
    }

    func get() -> Result<[StoreChange], Error>? {
        outcome.withLock { $0 }
    }
}
