/// Random arrays from an explicit key (counter-based Threefry, MLX's layout), so the same key gives
/// the same numbers on every device and in MLX itself.
public enum Random {
    private static let sequence = KeySequence()

    /// MLX's `random.key(seed)`.
    public static func key(_ seed: UInt64) -> RandomKey { RandomKey(seed: seed) }

    /// Seeds the global key sequence used when no key is passed.
    public static func seed(_ seed: UInt64) { sequence.reset(seed) }

    /// Uniform values in [low, high).
    public static func uniform(
        low: Double = 0, high: Double = 1, shape: [Int], dtype: DType = .float32, key: RandomKey? = nil,
        stream: StreamOrDevice = .default
    ) throws(EngineError) -> Tensor {
        guard dtype.isFloatingPoint else { throw .dtype("uniform", "can only generate floating-point values, got \(dtype)") }
        try checkShape(shape, "uniform")
        let key = key ?? sequence.next()
        return try Builder.node(
            .randomUniform(key: key, low: low, high: high), [], shape: shape, dtype: dtype, stream: try Builder.stream(stream, "uniform"))
    }

    /// Normal values with mean `loc` and standard deviation `scale`.
    public static func normal(
        shape: [Int], dtype: DType = .float32, loc: Double = 0, scale: Double = 1, key: RandomKey? = nil,
        stream: StreamOrDevice = .default
    ) throws(EngineError) -> Tensor {
        guard dtype.isFloatingPoint else { throw .dtype("normal", "can only generate floating-point values, got \(dtype)") }
        try checkShape(shape, "normal")
        let key = key ?? sequence.next()
        return try Builder.node(
            .randomNormal(key: key, loc: loc, scale: scale), [], shape: shape, dtype: dtype, stream: try Builder.stream(stream, "normal"))
    }
}

/// The global key stream: each call without a key splits off a fresh one.
final class KeySequence: @unchecked Sendable {
    private let lock = Lock()
    private var key = RandomKey(seed: 0)

    func reset(_ seed: UInt64) { lock.withLock { key = RandomKey(seed: seed) } }

    func next() -> RandomKey {
        lock.withLock {
            let (a, b) = key.split()
            key = a
            return b
        }
    }
}
