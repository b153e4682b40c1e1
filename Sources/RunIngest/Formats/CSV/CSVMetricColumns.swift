import ScalingLaws

/// Where each quantity sits in one CSV header, and how a row becomes a point. Shared by
/// the appending `CSVMetricsParser` and the whole-file `LightningMetricsParser`.
struct CSVMetricColumns: Sendable, Equatable {
    var header: [String]
    var step: Int
    var loss: Int
    var tokens: Int?
    var flops: Int?
    var learningRate: Int?
    var wallTime: Int?

    /// Positions of `columns`' names in `header`, or a message saying which column is missing
    /// and which exist.
    static func resolve(header: [String], columns: MetricColumns) -> Result<CSVMetricColumns, MetricColumns.MappingError> {
        func find(_ role: MetricColumns.Role) throws(MetricColumns.MappingError) -> Int? {
            try columns.resolve(role, in: header).get()
        }
        do throws(MetricColumns.MappingError) {
            let tokens = try find(.tokens), flops = try find(.flops)
            let lr = try find(.learningRate), time = try find(.wallTime)
            guard let loss = try find(.loss) else {
                return .failure(.init(description: "no loss column (looked for \(columns.loss.prefix(6).joined(separator: ", "))); the header has: \(header.joined(separator: ", ")); map one with loss=COLUMN"))
            }
            guard let step = try find(.step) else {
                return .failure(.init(description: "no step column (looked for \(columns.step.prefix(6).joined(separator: ", "))); the header has: \(header.joined(separator: ", ")); map one with step=COLUMN"))
            }
            return .success(CSVMetricColumns(header: header, step: step, loss: loss, tokens: tokens, flops: flops,
                                             learningRate: lr, wallTime: time))
        } catch {
            return .failure(error)
        }
    }

    enum RowResult {
        /// A point, and a problem when a value was left out of it (`NonFiniteValues`).
        case point(MetricPoint, problem: String?)
        case skip
        case problem(String)
    }

    /// One data row. A row with an empty loss cell carries no point (Lightning rows hold only
    /// some columns); a loss without a step, text that is not a number and a NaN or infinite
    /// loss are problems.
    func point(_ fields: [String]) -> RowResult {
        guard fields.count == header.count else {
            return .problem("\(fields.count) fields where the header has \(header.count)")
        }
        let lossText = fields[loss].trimmingSpaces
        if lossText.isEmpty { return .skip }
        guard let lossValue = Double(lossText) else {
            return .problem("\(header[loss]) is \"\(lossText)\", not a number")
        }
        let stepText = fields[step].trimmingSpaces
        guard !stepText.isEmpty else { return .problem("has a \(header[loss]) but an empty \(header[step])") }
        guard let stepValue = Double(stepText) else {
            return .problem("\(header[step]) is \"\(stepText)\", not a number")
        }
        guard let stepNumber = WholeNumber.step(stepValue) else {
            return .problem("\(header[step]) \(stepText) is not a whole number ≥ 0")
        }
        guard lossValue.isFinite else {
            return .problem("\(header[loss]) is \(lossValue.isNaN ? "NaN" : "infinite") at step \(stepNumber)")
        }
        var nonFinite = NonFiniteValues()
        func finite(_ k: Int?) -> Double? {
            guard let k else { return nil }
            return nonFinite.finite(Double(fields[k].trimmingSpaces), header[k])
        }
        let point = MetricPoint(step: stepNumber, tokens: finite(tokens), flops: finite(flops), loss: lossValue,
                                learningRate: finite(learningRate), wallTime: finite(wallTime))
        return .point(point, problem: nonFinite.problem(atStep: stepNumber))
    }
}
