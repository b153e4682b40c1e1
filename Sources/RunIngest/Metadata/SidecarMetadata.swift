import Foundation

/// Reads a run's metadata sidecar: `scaletop.json` beside the run or in a folder above it,
/// or `<run>.scaletop.json` beside a metrics file. Pure: bytes in, metadata or error out.
///
/// ```json
/// {"parameters": 190354176, "tokens_per_step": 524288, "planned_tokens": 3.8e9,
///  "flops_per_token": 1903391232, "learning_rate_peak": 9.7e-4}
/// ```
/// Keys other than the known ones (also `planned_steps`) are kept as hyperparameters.
public enum SidecarMetadata {
    public static let folderFileName = "scaletop.json"
    public static let fileSuffix = ".scaletop.json"

    static let parameterKeys = ["parameters", "n_params", "num_params", "N"]
    static let tokensPerStepKeys = ["tokens_per_step", "batch_size_in_tokens"]
    static let plannedTokensKeys = ["planned_tokens", "total_tokens"]
    static let plannedStepsKeys = ["planned_steps", "max_steps", "total_steps"]
    static let flopsPerTokenKeys = ["flops_per_token"]

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        /// 1-based line of the fault, when it is a place in the text (not a bad value).
        public var line: Int?
    }

    public static func parse(_ data: Data, source: String) throws(Failure) -> RunMetadata {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Failure(description: "not valid JSON (\(error.localizedDescription))",
                          line: JSONFaultLocation.line(ofFaultIn: Array(data)))
        }
        guard let dictionary = object as? [String: Any] else {
            throw Failure(description: "must hold one JSON object")
        }
        var metadata = RunMetadata(source: source)
        func positive(_ keys: [String]) throws(Failure) -> Double? {
            for key in keys {
                guard let raw = dictionary[key] else { continue }
                let value: Double?
                switch raw {
                case let n as NSNumber: value = n.doubleValue
                case let s as String: value = Double(s)
                default: value = nil
                }
                guard let v = value, v.isFinite, v > 0 else {
                    throw Failure(description: "\(key) must be a positive number, not \(raw)")
                }
                return v
            }
            return nil
        }
        metadata.parameters = try positive(parameterKeys)
        metadata.tokensPerStep = try positive(tokensPerStepKeys)
        metadata.plannedTokens = try positive(plannedTokensKeys)
        metadata.plannedSteps = try positive(plannedStepsKeys)
        metadata.flopsPerToken = try positive(flopsPerTokenKeys)
        let known = Set(parameterKeys + tokensPerStepKeys + plannedTokensKeys + plannedStepsKeys + flopsPerTokenKeys)
        for (key, value) in dictionary where !known.contains(key) {
            switch value {
            case let s as String: metadata.hyperparameters[key] = s
            case let n as NSNumber: metadata.hyperparameters[key] = "\(n)"
            default: continue   // nested values are not hyperparameters we can filter on
            }
        }
        return metadata
    }
}
