/// Elementwise ops of one input.
public enum UnaryOp: String, Sendable, CaseIterable {
    case negate, abs, exp, log, sqrt, rsqrt, tanh, sigmoid, square, logicalNot, sin, cos
}

/// Elementwise ops of two broadcast inputs.
public enum BinaryOp: String, Sendable, CaseIterable {
    case add, subtract, multiply, divide, floorDivide, remainder, power, maximum, minimum
    case equal, notEqual, less, lessEqual, greater, greaterEqual, logicalAnd, logicalOr

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        default: false
        }
    }
}

public enum ReduceOp: String, Sendable { case sum, prod, max, min, all, any }
public enum ArgReduceOp: String, Sendable { case argmax, argmin }

/// A constant fill value that keeps the kind it was written with.
public enum Scalar: Sendable, Equatable {
    case bool(Bool)
    case int(Int64)
    case float(Double)

    var doubleValue: Double {
        switch self {
        case .bool(let b): b ? 1 : 0
        case .int(let i): Double(i)
        case .float(let d): d
        }
    }

    var int64Value: Int64 {
        switch self {
        case .bool(let b): b ? 1 : 0
        case .int(let i): i
        case .float(let d): Int64(saturating: d)
        }
    }
}

/// What a graph node computes. Output shape and dtype live on the `Tensor`; the primitive carries
/// only what the kernel needs beyond its inputs.
enum Primitive: Sendable {
    case full(Scalar)
    case arange(start: Double, step: Double)
    case linspace(start: Double, stop: Double)
    case eye(k: Int)
    case randomUniform(key: RandomKey, low: Double, high: Double)
    case randomNormal(key: RandomKey, loc: Double, scale: Double)
    case unary(UnaryOp)
    case binary(BinaryOp)
    case select
    case astype
    case reduce(ReduceOp, axes: [Int])
    case argReduce(ArgReduceOp, axis: Int)
    case softmax(axes: [Int])
    case logsumexp(axes: [Int])
    case matmul
    case reshape
    case transpose(permutation: [Int])
    case slice(starts: [Int], steps: [Int])
    case broadcast
    case concatenate(axis: Int)
    case copy
    /// A chain of elementwise ops run as one (see `compile` and `Fusion`).
    case fused(FusedProgram)

    /// The name shown in traces and tables.
    var name: String {
        switch self {
        case .full: "full"
        case .arange: "arange"
        case .linspace: "linspace"
        case .eye: "eye"
        case .randomUniform: "uniform"
        case .randomNormal: "normal"
        case .unary(let op): op.rawValue
        case .binary(let op): op.rawValue
        case .select: "where"
        case .astype: "astype"
        case .reduce(let op, _): op.rawValue
        case .argReduce(let op, _): op.rawValue
        case .softmax: "softmax"
        case .logsumexp: "logsumexp"
        case .matmul: "matmul"
        case .reshape: "reshape"
        case .transpose: "transpose"
        case .slice: "slice"
        case .broadcast: "broadcast"
        case .concatenate: "concatenate"
        case .copy: "copy"
        case .fused(let program): program.name
        }
    }

    /// The ops a fused node stands for; empty for every other primitive.
    var containedOps: [String] {
        if case .fused(let program) = self { return program.containedOps }
        return []
    }

    /// Views share their input's buffer and cost no compute.
    var isView: Bool {
        switch self {
        case .reshape, .transpose, .slice, .broadcast: true
        default: false
        }
    }
}
