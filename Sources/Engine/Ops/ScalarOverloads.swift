/// Named binary ops with a Swift number on one side; the number adopts the tensor's dtype where it
/// can (MLX's weak scalars), as with the operators.

public func pow(_ a: Tensor, _ b: Double, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.power, a, WeakScalar.tensor(b, like: a, op: "power"), stream)
}
public func pow(_ a: Tensor, _ b: Int, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.power, a, WeakScalar.tensor(b, like: a, op: "power"), stream)
}
public func maximum(_ a: Tensor, _ b: Double, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.maximum, a, WeakScalar.tensor(b, like: a, op: "maximum"), stream)
}
public func maximum(_ a: Tensor, _ b: Int, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.maximum, a, WeakScalar.tensor(b, like: a, op: "maximum"), stream)
}
public func minimum(_ a: Tensor, _ b: Double, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.minimum, a, WeakScalar.tensor(b, like: a, op: "minimum"), stream)
}
public func minimum(_ a: Tensor, _ b: Int, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.minimum, a, WeakScalar.tensor(b, like: a, op: "minimum"), stream)
}
public func add(_ a: Tensor, _ b: Double, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.add, a, WeakScalar.tensor(b, like: a, op: "add"), stream)
}
public func multiply(_ a: Tensor, _ b: Double, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.multiply, a, WeakScalar.tensor(b, like: a, op: "multiply"), stream)
}
