/// A dense real matrix in column-major order, the layout LAPACK expects.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    /// Column-major entries: element (i, j) is `storage[i + j * rows]`.
    public var storage: [Double]

    public init(rows: Int, cols: Int, storage: [Double]) {
        precondition(storage.count == rows * cols, "Matrix storage does not match its shape")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        self.init(rows: rows, cols: cols, storage: [Double](repeating: value, count: rows * cols))
    }

    /// Build from columns of equal length.
    public init(columns: [[Double]]) {
        let r = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == r }, "Matrix columns differ in length")
        self.init(rows: r, cols: columns.count, storage: columns.flatMap { $0 })
    }

    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }
}
