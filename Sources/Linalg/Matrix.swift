/// A dense row-major matrix: element (i, j) lives at `storage[i * cols + j]`.
public struct Matrix<Element: Numeric & Sendable>: Sendable, Equatable where Element: Equatable {
    public let rows: Int
    public let cols: Int
    public var storage: [Element]

    /// A `rows × cols` matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Element = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.storage = Array(repeating: value, count: rows * cols)
    }

    /// A `rows × cols` matrix over existing row-major storage.
    public init(rows: Int, cols: Int, storage: [Element]) {
        precondition(storage.count == rows * cols, "storage holds \(storage.count) elements, expected \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    @inlinable
    public subscript(row: Int, col: Int) -> Element {
        get { storage[row * cols + col] }
        set { storage[row * cols + col] = newValue }
    }

    /// The row `i` as a fresh array.
    public func row(_ i: Int) -> [Element] {
        Array(storage[(i * cols)..<((i + 1) * cols)])
    }

    /// The transpose, as a new matrix.
    public func transposed() -> Matrix {
        var out = Matrix(rows: cols, cols: rows)
        for i in 0..<rows {
            for j in 0..<cols { out.storage[j * rows + i] = storage[i * cols + j] }
        }
        return out
    }
}

extension Matrix where Element == Float {
    /// Widens every element to Float64.
    public func toDouble() -> Matrix<Double> {
        Matrix<Double>(rows: rows, cols: cols, storage: storage.map(Double.init))
    }
}
