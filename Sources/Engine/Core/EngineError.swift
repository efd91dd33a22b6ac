/// Every failure the engine reports: a bad shape, dtype, axis or argument at op build,
/// or a failure while evaluating (out of memory, unavailable device).
///
/// The message always starts with the op's name, so `matmul: (2,3) × (4,5): inner dimensions 3 and 4 differ`
/// tells the user which call to look at.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case shape
        case dtype
        case axis
        case argument
        case outOfMemory
        case device
        case evaluation
    }

    public let op: String
    public let kind: Kind
    public let message: String

    public init(op: String, kind: Kind, _ message: String) {
        self.op = op
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(op): \(message)" }

    static func shape(_ op: String, _ message: String) -> EngineError { .init(op: op, kind: .shape, message) }
    static func dtype(_ op: String, _ message: String) -> EngineError { .init(op: op, kind: .dtype, message) }
    static func axis(_ op: String, _ message: String) -> EngineError { .init(op: op, kind: .axis, message) }
    static func argument(_ op: String, _ message: String) -> EngineError { .init(op: op, kind: .argument, message) }
}

/// Formats a shape the way error messages and MLX print it: `(2,3)`, `()` for a scalar.
func formatShape(_ shape: [Int]) -> String {
    "(" + shape.map(String.init).joined(separator: ",") + ")"
}

/// `(2,3) float32` — a shape and dtype for error messages.
func describe(_ shape: [Int], _ dtype: DType) -> String { "\(formatShape(shape)) \(dtype)" }
