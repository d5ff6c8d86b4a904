/// The element types a `.npy` array may hold here: IEEE floats (features) and integers (labels).
public enum NumPyElementType: Sendable, Equatable {
    case float16, float32, float64
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .int8, .uint8: 1
        case .float16, .int16, .uint16: 2
        case .float32, .int32, .uint32: 4
        case .float64, .int64, .uint64: 8
        }
    }

    /// Whether the type is a floating-point type.
    public var isFloatingPoint: Bool {
        switch self {
        case .float16, .float32, .float64: true
        default: false
        }
    }

    /// NumPy's kind letter and size, as in a `descr` string without its byte-order mark: `f4`, `i8`, `u1`.
    public var code: String {
        switch self {
        case .float16: "f2"
        case .float32: "f4"
        case .float64: "f8"
        case .int8: "i1"
        case .int16: "i2"
        case .int32: "i4"
        case .int64: "i8"
        case .uint8: "u1"
        case .uint16: "u2"
        case .uint32: "u4"
        case .uint64: "u8"
        }
    }

    /// The type with NumPy code `code` (`f4`, `i8`, …), nil when it is not one of these.
    public init?(code: String) {
        let all: [NumPyElementType] = [.float16, .float32, .float64, .int8, .int16, .int32, .int64,
                                       .uint8, .uint16, .uint32, .uint64]
        guard let match = all.first(where: { $0.code == code }) else { return nil }
        self = match
    }
}
