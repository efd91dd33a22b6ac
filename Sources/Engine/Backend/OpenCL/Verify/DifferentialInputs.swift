/// Random CPU arrays for differential checks, in the memory layouts the OpenCL kernels must
/// handle: contiguous, transposed, strided with an offset (a sliced view), and broadcast (zero strides).
enum InputLayout: String, CaseIterable, Sendable {
    case contiguous, transposed, strided, broadcast
}

/// What values to draw.
enum ValueKind: Sendable {
    /// Mixed signs; floats include NaN, ±∞ and −0 now and then, integers their extremes.
    case general
    /// Mixed signs, no special values (for ops whose CPU result on NaN is not a spec, such as matmul).
    case plain
    /// Strictly positive (logs, square roots).
    case positive
}

enum DifferentialInputs {
    /// A CPU tensor of `shape` and `dtype`, evaluated, laid out as `layout`.
    static func tensor(
        _ dtype: DType, shape: [Int], layout: InputLayout, values: ValueKind, rng: inout SplitMix
    ) throws(EngineError) -> Tensor {
        let stream = Runtime.shared.cpuDefaultStream
        switch layout {
        case .contiguous:
            return try raw(dtype, shape: shape, values: values, rng: &rng)
        case .transposed:
            guard shape.count >= 2 else { return try raw(dtype, shape: shape, values: values, rng: &rng) }
            let base = try raw(dtype, shape: shape.reversed(), values: values, rng: &rng)
            return try transpose(base, Array((0..<shape.count).reversed()), stream: .stream(stream)).eval()
        case .strided:
            guard let last = shape.last else { return try raw(dtype, shape: shape, values: values, rng: &rng) }
            var wide = shape
            wide[wide.count - 1] = 2 * last + 1
            let base = try raw(dtype, shape: wide, values: values, rng: &rng)
            let starts = [Int](repeating: 0, count: shape.count - 1) + [1]
            let steps = [Int](repeating: 1, count: shape.count - 1) + [2]
            return try Builder.node(.slice(starts: starts, steps: steps), [base], shape: shape, dtype: dtype, stream: stream).eval()
        case .broadcast:
            guard !shape.isEmpty else { return try raw(dtype, shape: shape, values: values, rng: &rng) }
            var small = shape.map { $0 > 1 && Bool.random(using: &rng) ? 1 : $0 }
            if small == shape, let i = shape.indices.first(where: { shape[$0] > 1 }) { small[i] = 1 }
            // Sometimes also drop a leading axis (rank broadcasting).
            if small.count > 1, small[0] == 1, Bool.random(using: &rng) { small.removeFirst() }
            let base = try raw(dtype, shape: small, values: values, rng: &rng)
            return small == shape ? base : try broadcast(base, to: shape, stream: .stream(stream)).eval()
        }
    }

    /// A contiguous CPU tensor with random contents.
    static func raw(_ dtype: DType, shape: [Int], values: ValueKind, rng: inout SplitMix) throws(EngineError) -> Tensor {
        let count = Shape.count(shape)
        let buffer = try Runtime.shared.cpuPool.allocate(Swift.max(count, 1) * dtype.size, op: "verify")
        for i in 0..<count {
            switch dtype {
            case .bool: buffer.typed(Bool.self)[i] = Bool.random(using: &rng)
            case .int32: buffer.typed(Int32.self)[i] = Int32(integer(values, rng: &rng, big: Int64(Int32.max)))
            case .int64: buffer.typed(Int64.self)[i] = integer(values, rng: &rng, big: Int64.max)
            case .float16: buffer.typed(Float16.self)[i] = Float16(float(values, rng: &rng))
            case .float32: buffer.typed(Float.self)[i] = float(values, rng: &rng)
            }
        }
        return Tensor(shape: shape, dtype: dtype, data: ArrayData(buffer: buffer, offset: 0, strides: Shape.contiguousStrides(shape)))
    }

    private static func integer(_ values: ValueKind, rng: inout SplitMix, big: Int64) -> Int64 {
        switch values {
        case .positive: return Int64.random(in: 1...60, using: &rng)
        case .plain: return Int64.random(in: -9...9, using: &rng)
        case .general:
            let roll = Int.random(in: 0..<100, using: &rng)
            if roll < 2 { return big }
            if roll < 4 { return -big - 1 }
            if roll < 6, big == Int64.max { return (Bool.random(using: &rng) ? 1 : -1) * ((1 << 53) + Int64.random(in: 1...4095, using: &rng)) }
            if roll < 15 { return 0 }
            return Int64.random(in: -60...60, using: &rng)
        }
    }

    private static func float(_ values: ValueKind, rng: inout SplitMix) -> Float {
        switch values {
        case .positive: return Float.random(in: 0.01..<6, using: &rng)
        case .plain: return Float.random(in: -3..<3, using: &rng)
        case .general:
            let roll = Int.random(in: 0..<100, using: &rng)
            if roll < 2 { return .nan }
            if roll < 3 { return .infinity }
            if roll < 4 { return -.infinity }
            if roll < 6 { return -0.0 }
            if roll < 9 { return 0 }
            if roll < 14 { return Float(Int.random(in: -6...6, using: &rng)) }
            return Float.random(in: -8..<8, using: &rng)
        }
    }

    /// The row-major bytes of an evaluated tensor, whatever its strides.
    static func rowMajorBytes(_ t: Tensor) throws(EngineError) -> [UInt8] {
        let data = try t.materialized()
        let size = t.dtype.size
        let count = t.size
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count * size)
        let plan = StridedPlan(shape: t.shape, inputStrides: [data.strides])
        let step = plan.innerStride(0)
        let base = data.buffer.pointer.assumingMemoryBound(to: UInt8.self) + data.offset * size
        out.withUnsafeMutableBufferPointer { dst in
            plan.forEachSegment(in: 0..<plan.count) { start, n, offset, _, _ in
                for i in 0..<n {
                    let src = base + (offset + i * step) * size
                    for b in 0..<size { dst[(start + i) * size + b] = src[b] }
                }
            }
        }
        return out
    }
}
