import Engine

/// The engine's side of `bench opencl`: ops placed on `.gpu(0)` through the public API only, so the
/// figures are what a user of the engine gets (graph build, scheduling and `eval` included).
enum OpenCLEngineSide {
    /// Nil when an op on `gpu(0)` evaluates; otherwise the engine's own error, which says why.
    static func unavailableReason() -> String? {
        do {
            try eval(Random.normal(shape: [4], key: Random.key(0), stream: .gpu))
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Two n×n float32 normal operands on `gpu(0)`, evaluated.
    static func squareOperands(_ n: Int) throws -> (Tensor, Tensor) {
        let a = try Random.normal(shape: [n, n], key: Random.key(11), stream: .gpu)
        let b = try Random.normal(shape: [n, n], key: Random.key(12), stream: .gpu)
        try eval(a, b)
        return (a, b)
    }

    static func matmul(_ a: Tensor, _ b: Tensor) throws { try eval(Engine.matmul(a, b, stream: .gpu)) }

    /// A float32 normal vector of `count` elements on `gpu(0)`, evaluated.
    static func vector(_ count: Int, seed: UInt64) throws -> Tensor {
        let x = try Random.normal(shape: [count], key: Random.key(seed), stream: .gpu)
        try eval(x)
        return x
    }

    static func add(_ x: Tensor, _ y: Tensor) throws { try eval(Engine.add(x, y, stream: .gpu)) }

    static func exp(_ x: Tensor) throws { try eval(Engine.exp(x, stream: .gpu)) }

    /// The engine's GPU product of two random operands of the check's shape, with the operands as
    /// read back from the device, so the caller can compare against a CPU reference.
    static func checkProduct(_ shape: MatmulCheck.Shape) throws -> (a: [Float], b: [Float], c: [Float]) {
        let a = try Random.normal(shape: [shape.m, shape.k], key: Random.key(21), stream: .gpu)
        let b = try Random.normal(shape: [shape.k, shape.n], key: Random.key(22), stream: .gpu)
        let c = try Engine.matmul(a, b, stream: .gpu)
        try eval(c)
        return (try a.toArray(Float.self), try b.toArray(Float.self), try c.toArray(Float.self))
    }

    /// Host values of a float32 normal matrix drawn on the CPU (for the peer's operands).
    static func hostNormal(rows: Int, columns: Int, seed: UInt64) throws -> [Float] {
        try Random.normal(shape: [rows, columns], key: Random.key(seed), stream: .cpu).toArray(Float.self)
    }
}
