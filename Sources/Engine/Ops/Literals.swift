/// A Swift value that can become a tensor: a scalar, or (nested) arrays of scalars.
///
/// The dtype comes from the Swift type, matching what MLX infers from Python: `Int` → int32,
/// `Double`/`Float` → float32, `Bool` → bool; `Int64`, `Int32`, `Float16` keep their own dtype.
/// A nested literal mixing ints and floats is `[[Double]]` to Swift, hence float32 — as MLX.
public protocol TensorLiteral {
    associatedtype LiteralScalar: TensorScalar
    /// Appends this value's shape below the current level and its scalars in row-major order.
    func flatten(level: Int, shape: inout [Int], scalars: inout [LiteralScalar]) throws(EngineError)
}

/// A Swift scalar type usable in literals.
public protocol TensorScalar: TensorLiteral where LiteralScalar == Self {
    static var literalDType: DType { get }
    /// Writes `values` into `buffer` as `literalDType`, or throws when a value does not fit.
    static func store(_ values: [Self], into buffer: Buffer) throws(EngineError)
}

extension TensorScalar {
    public func flatten(level: Int, shape: inout [Int], scalars: inout [Self]) throws(EngineError) {
        if level != shape.count {
            throw .shape("array", "initialization encountered non-uniform length (a scalar where a list was expected)")
        }
        scalars.append(self)
    }

    public static func store(_ values: [Self], into buffer: Buffer) throws(EngineError) where Self: Element {
        values.withUnsafeBufferPointer { src in
            buffer.pointer.copyMemory(from: src.baseAddress!, byteCount: values.count * MemoryLayout<Self>.stride)
        }
    }
}

extension Array: TensorLiteral where Element: TensorLiteral {
    public typealias LiteralScalar = Element.LiteralScalar

    public func flatten(level: Int, shape: inout [Int], scalars: inout [LiteralScalar]) throws(EngineError) {
        if level == shape.count {
            // First visit at this depth defines the length; a scalar seen here earlier would differ.
            if level > 0 && scalars.count > 0 {
                throw .shape("array", "initialization encountered non-uniform length")
            }
            shape.append(count)
        } else if level > shape.count || shape[level] != count {
            throw .shape("array", "initialization encountered non-uniform length")
        }
        for element in self { try element.flatten(level: level + 1, shape: &shape, scalars: &scalars) }
    }
}

extension Int: TensorScalar {
    public static var literalDType: DType { .int32 }
    public static func store(_ values: [Int], into buffer: Buffer) throws(EngineError) {
        let out = buffer.typed(Int32.self)
        for (i, v) in values.enumerated() {
            guard let narrow = Int32(exactly: v) else {
                throw .argument("array", "\(v) does not fit int32 (Swift Int literals are int32 as in MLX; use Int64 values for int64)")
            }
            out[i] = narrow
        }
    }
}

extension Double: TensorScalar {
    public static var literalDType: DType { .float32 }
    public static func store(_ values: [Double], into buffer: Buffer) throws(EngineError) {
        let out = buffer.typed(Float.self)
        for (i, v) in values.enumerated() { out[i] = Float(v) }
    }
}

extension Float: TensorScalar { public static var literalDType: DType { .float32 } }
extension Float16: TensorScalar { public static var literalDType: DType { .float16 } }
extension Int32: TensorScalar { public static var literalDType: DType { .int32 } }
extension Int64: TensorScalar { public static var literalDType: DType { .int64 } }
extension Bool: TensorScalar { public static var literalDType: DType { .bool } }

extension Tensor {
    /// A tensor from a (nested) Swift array or a scalar. Ragged nesting is an error.
    ///
    /// ```swift
    /// let a = try Tensor([1, 2, 3, 4])                    // int32, shape [4]
    /// let d = try Tensor([[1, 2, 3, 4], [5.0, 6, 7, 8]])  // float32, shape [2, 4]
    /// ```
    public convenience init<L: TensorLiteral>(_ literal: L) throws(EngineError) {
        var shape: [Int] = []
        var scalars: [L.LiteralScalar] = []
        try literal.flatten(level: 0, shape: &shape, scalars: &scalars)
        guard scalars.count == Shape.count(shape) else {
            throw .shape("array", "initialization encountered non-uniform length")
        }
        try self.init(scalars: scalars, shape: shape)
    }

    /// A tensor from flat row-major values and a shape.
    public convenience init<S: TensorScalar>(_ values: [S], shape: [Int]) throws(EngineError) {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw .shape("array", "negative dimension in shape \(formatShape(shape))") }
        guard values.count == Shape.count(shape) else {
            throw .shape("array", "\(values.count) values cannot fill shape \(formatShape(shape))")
        }
        try self.init(scalars: values, shape: shape)
    }

    private convenience init<S: TensorScalar>(scalars: [S], shape: [Int]) throws(EngineError) {
        let dtype = S.literalDType
        let buffer = try Runtime.shared.cpuPool.allocate(Swift.max(scalars.count, 1) * dtype.size, op: "array")
        if !scalars.isEmpty { try S.store(scalars, into: buffer) }
        self.init(shape: shape, dtype: dtype, data: ArrayData(buffer: buffer, offset: 0, strides: Shape.contiguousStrides(shape)))
    }
}
