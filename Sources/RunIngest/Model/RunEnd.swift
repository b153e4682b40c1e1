/// How a run ended, as its writer recorded it: W&B's exit record, MLflow's run status and
/// end time, the TensorBoard hparams plugin's session end, HF Trainer's `global_step`
/// reaching `max_steps`. Absent while the writer has said nothing (a crashed MLflow run
/// stays RUNNING forever; a killed W&B process writes no exit record).
public struct RunEnd: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Ended normally: W&B exit code 0, MLflow FINISHED, hparams STATUS_SUCCESS.
        case succeeded
        /// Failed, crashed or was killed; says how ("exit code 1", "FAILED", "KILLED").
        case failed(String)
    }

    public var outcome: Outcome
    /// When it ended (seconds since the Unix epoch), when the writer says.
    public var time: Double?

    public init(_ outcome: Outcome, time: Double? = nil) {
        self.outcome = outcome
        self.time = time
    }

    /// Points logged this long after the recorded end mean the run went on (a TensorBoard
    /// hparams session is often written, with its end, when training starts).
    public static let toleranceSeconds = 1.0
}
