/// Where a run is in its life, as the runs table shows it.
public enum RunStatus: String, Sendable, CaseIterable {
    /// No point has been read yet.
    case waiting
    /// Its files changed recently.
    case live
    /// It reached its planned tokens or steps, or its writer recorded a normal end.
    case finished
    /// Not finished, and its files have not changed for longer than the stale threshold:
    /// a crashed or stuck job, or one whose planned end is unknown and which has stopped.
    /// Also a run whose writer recorded a failure (W&B exit code, MLflow FAILED/KILLED).
    case stale

    /// The word the dashboard and `scaletop runs` show: `done` for a finished run.
    public var word: String { self == .finished ? "done" : rawValue }
}
