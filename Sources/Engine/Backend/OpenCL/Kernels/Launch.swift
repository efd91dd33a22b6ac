/// One `enqueue` call: the queue, what to wait for and the op's name, with a method per kernel family.
struct Launch {
    let kernels: OpenCLKernels
    let queue: CLQueue
    let waitFor: [CLEvent]
    let op: String

    private var fp64: Bool { kernels.fp64 }

    private func kernel(_ key: String, _ name: String, source: () throws(EngineError) -> String) throws(EngineError) -> CLKernel {
        try CLKernel(program: kernels.program(key, op: op, source: source), name: name, op: op)
    }

    private func run(_ kernel: CLKernel, count: Int, group: Int? = nil) throws(EngineError) -> CLEvent {
        let local = group ?? kernels.groupSize
        let (blocks, overflow) = ((count + local - 1) / local).multipliedReportingOverflow(by: local)
        guard !overflow else { throw .shape(op, "\(count) work items are too many for one launch") }
        return try kernel.enqueue(global: [blocks], local: [local], queue: queue, waitFor: waitFor, op: op)
    }

    // MARK: Generators

    func fill(_ output: CLArrayRef, _ value: Scalar) throws(EngineError) -> CLEvent {
        let pattern: [UInt8] =
            switch output.dtype {
            case .bool: [value.doubleValue != 0 ? 1 : 0]
            case .int32: bytes(Int32(truncatingIfNeeded: value.int64Value))
            case .int64: bytes(value.int64Value)
            case .float16: bytes(Float16(Float(value.doubleValue)).bitPattern)
            case .float32: bytes(Float(value.doubleValue).bitPattern)
            }
        return try CLMemory.fill(
            output.memory, pattern: pattern, offset: 0, count: output.count * output.dtype.size, queue: queue,
            waitFor: waitFor, op: op)
    }

    func arange(_ output: CLArrayRef, start: Double, step: Double) throws(EngineError) -> CLEvent {
        let t = CLTypeInfo(output.dtype)
        if output.dtype.isInteger, start.rounded() == start, step.rounded() == step {
            let k = try kernel("arange.int.\(t.tag)", "arange_int") { GeneratorSource.integerRange(output.dtype) }
            try k.set(0, memory: output.memory, op: op)
            try k.set(1, Int64(start), op: op)
            try k.set(2, Int64(step), op: op)
            try k.set(3, Int64(output.count), op: op)
            return try run(k, count: output.count)
        }
        guard fp64 else { return try hostWrite(output) { start + Double($0) * step } }
        let k = try kernel("ranges.double.\(t.tag)", "arange_double") { GeneratorSource.doubleRanges(output.dtype) }
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, start, op: op)
        try k.set(2, step, op: op)
        try k.set(3, Int64(output.count), op: op)
        return try run(k, count: output.count)
    }

    func linspace(_ output: CLArrayRef, start: Double, stop: Double) throws(EngineError) -> CLEvent {
        let count = output.count
        let step = count > 1 ? (stop - start) / Double(count - 1) : 0
        guard fp64 else {
            return try hostWrite(output) { i in i == count - 1 && count > 1 ? stop : start + Double(i) * step }
        }
        let t = CLTypeInfo(output.dtype)
        let k = try kernel("ranges.double.\(t.tag)", "linspace_double") { GeneratorSource.doubleRanges(output.dtype) }
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, start, op: op)
        try k.set(2, stop, op: op)
        try k.set(3, step, op: op)
        try k.set(4, Int64(count), op: op)
        return try run(k, count: count)
    }

    func eye(_ output: CLArrayRef, k diagonal: Int) throws(EngineError) -> CLEvent {
        guard output.shape.count == 2 else { throw .shape(op, "expects a 2-d output, got \(formatShape(output.shape))") }
        let t = CLTypeInfo(output.dtype)
        let k = try kernel("eye.\(t.tag)", "eye") { GeneratorSource.eye(output.dtype) }
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, Int64(output.shape[1]), op: op)
        try k.set(2, Int64(diagonal), op: op)
        try k.set(3, Int64(output.count), op: op)
        return try run(k, count: output.count)
    }

    /// Uniform on [a, b) or normal with mean a and deviation b, with the CPU's float32 recipe.
    func random(_ output: CLArrayRef, key: RandomKey, normal: Bool, a: Double, b: Double) throws(EngineError) -> CLEvent {
        guard output.dtype.isFloatingPoint else { throw .dtype(op, "can only generate floating-point values, got \(output.dtype)") }
        let t = CLTypeInfo(output.dtype)
        let k = try kernel("random.\(t.tag).\(fp64)", normal ? "normal" : "uniform") {
            GeneratorSource.random(output.dtype, fp64: fp64)
        }
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, key.high, op: op)
        try k.set(2, key.low, op: op)
        try k.set(3, Int64(output.count), op: op)
        if normal {
            let lo = Float(-1).nextUp
            try k.set(4, lo, op: op)
            try k.set(5, Float(1) - lo, op: op)
            try k.set(6, Float(2.0.squareRoot()), op: op)
            try k.set(7, Float(b), op: op)
            try k.set(8, Float(a), op: op)
        } else {
            let lo = Float(a)
            try k.set(4, lo, op: op)
            try k.set(5, Float(b) - lo, op: op)
        }
        return try run(k, count: output.count)
    }

    /// Without fp64, ranges are computed on the host (as `GeneratorKernels.generate`) and written.
    private func hostWrite(_ output: CLArrayRef, _ f: (Int) -> Double) throws(EngineError) -> CLEvent {
        var data: [UInt8] = []
        data.reserveCapacity(output.count * output.dtype.size)
        for i in 0..<output.count {
            let v = f(i)
            switch output.dtype {
            case .bool: data.append(v != 0 ? 1 : 0)
            case .int32: data += bytes(Int32(converting: v))
            case .int64: data += bytes(Int64(saturating: v))
            case .float16: data += bytes(Float16(Float(v)).bitPattern)
            case .float32: data += bytes(Float(v).bitPattern)
            }
        }
        let result = data.withUnsafeBytes { raw in
            Result { () throws(EngineError) -> CLEvent in
                try CLMemory.writeBlocking(
                    output.memory, from: raw.baseAddress!, offset: 0, count: raw.count, queue: queue, waitFor: waitFor, op: op)
            }
        }
        return try result.get()
    }

    // MARK: Elementwise

    /// `expression` of the inputs (`x`, `y`, `z`, each broadcast to the output) into `output`, which
    /// may itself be a strided view (concatenate writes into slices of its result).
    func elementwise(_ expression: String, inputs: [CLArrayRef], output: CLArrayRef) throws(EngineError) -> CLEvent {
        let operands = [output] + inputs.map { $0.broadcast(to: output.shape) }
        let layout = try StridedLayout(shape: output.shape, operands: operands.map { ($0.offset, $0.strides) }, op: op)
        let types = inputs.map(\.dtype)
        let key = "ew|\(expression)|\(output.dtype)|\(types)"
        let name = layout.isLinear ? "k_linear" : "k_strided"
        let k = try kernel(key, name) {
            ElementwiseSource.program(name: "k", output: output.dtype, inputs: types, expression: expression, fp64: false)
        }
        try k.set(0, memory: output.memory, op: op)
        for (i, input) in inputs.enumerated() { try k.set(1 + i, memory: input.memory, op: op) }
        try k.set(1 + inputs.count, bytes: layout.packed, op: op)
        return try run(k, count: layout.count)
    }

    func concatenate(_ inputs: [CLArrayRef], axis: Int, output: CLArrayRef) throws(EngineError) -> CLEvent {
        guard axis >= 0, axis < output.shape.count else { throw .axis(op, "invalid axis \(axis) for \(formatShape(output.shape))") }
        var events: [CLEvent] = []
        var start = 0
        for input in inputs {
            guard input.shape.count == output.shape.count else {
                throw .shape(op, "input \(formatShape(input.shape)) does not match output \(formatShape(output.shape))")
            }
            defer { start += input.shape[axis] }
            if input.count == 0 { continue }
            let slice = CLArrayRef(
                memory: output.memory, offset: start * output.strides[axis], shape: input.shape, strides: output.strides,
                dtype: output.dtype)
            events.append(try elementwise(ElementwiseSource.cast(from: input.dtype, to: output.dtype), inputs: [input], output: slice))
        }
        guard start == output.shape[axis] else {
            throw .shape(op, "inputs add up to \(start) along axis \(axis), output has \(output.shape[axis])")
        }
        return try queue.marker(waitFor: events.isEmpty ? waitFor : events, op: op)
    }

    // MARK: Reductions

    /// `rows_t` for reducing `axes` of `input`, with output strides (for softmax) over the same axes.
    private func rows(_ input: CLArrayRef, axes: [Int], outputStrides: [Int]) throws(EngineError) -> (words: [Int64], outer: Int, inner: Int) {
        guard axes.allSatisfy({ $0 >= 0 && $0 < input.shape.count }) else {
            throw .axis(op, "axes \(axes) out of range for \(formatShape(input.shape))")
        }
        let kept = input.shape.indices.filter { !axes.contains($0) }
        func merged(_ dims: [Int]) throws(EngineError) -> [(size: Int, stride: Int, out: Int)] {
            var out: [(size: Int, stride: Int, out: Int)] = []
            for d in dims where input.shape[d] != 1 {
                let next = (input.shape[d], input.strides[d], outputStrides[d])
                if let last = out.last, last.stride == next.1 * next.0, last.out == next.2 * next.0 {
                    out[out.count - 1] = (last.size * next.0, next.1, next.2)
                } else {
                    out.append(next)
                }
            }
            guard out.count <= StridedLayout.maxRank else {
                throw .shape(op, "the OpenCL kernels reduce at most \(StridedLayout.maxRank) non-mergeable dimensions (\(formatShape(input.shape)))")
            }
            return out
        }
        let outer = try merged(kept)
        let inner = try merged(axes)
        let outerCount = outer.reduce(1) { $0 * $1.size }
        let innerCount = inner.reduce(1) { $0 * $1.size }
        var words = [Int64](repeating: 0, count: 5 + 6 * 8)
        words[0] = Int64(outer.count)
        words[1] = Int64(inner.count)
        words[2] = Int64(outerCount)
        words[3] = Int64(innerCount)
        words[4] = Int64(input.offset)
        for (d, dim) in outer.enumerated() {
            words[5 + d] = Int64(dim.size)
            words[13 + d] = Int64(dim.stride)
            words[37 + d] = Int64(dim.out)
        }
        for (d, dim) in inner.enumerated() {
            words[21 + d] = Int64(dim.size)
            words[29 + d] = Int64(dim.stride)
            words[45 + d] = Int64(dim.out)
        }
        return (words, outerCount, innerCount)
    }

    /// A power-of-two group: 32 items for short rows, else the largest up to 256. Two sizes only,
    /// since PoCL generates code per (kernel, group size).
    private func rowGroup(_ inner: Int) -> Int {
        var size = 1
        while size * 2 <= kernels.groupSize { size *= 2 }
        return inner <= 32 ? Swift.min(32, size) : size
    }

    private func runRows(_ k: CLKernel, outer: Int, group: Int) throws(EngineError) -> CLEvent {
        let (global, overflow) = outer.multipliedReportingOverflow(by: group)
        guard !overflow else { throw .shape(op, "\(outer) rows are too many for one launch") }
        return try k.enqueue(global: [global], local: [group], queue: queue, waitFor: waitFor, op: op)
    }

    func reduce(_ reduceOp: ReduceOp, _ input: CLArrayRef, axes: [Int], output: CLArrayRef) throws(EngineError) -> CLEvent {
        let r = try rows(input, axes: axes, outputStrides: input.strides)
        let accumulator = try ReduceSource.accumulator(reduceOp, input.dtype, fp64: fp64)
        let k = try kernel("reduce.\(reduceOp).\(input.dtype).\(output.dtype).\(fp64)", "reduce") {
            () throws(EngineError) -> String in
            try ReduceSource.reduce(reduceOp, input: input.dtype, output: output.dtype, fp64: fp64)
        }
        let group = rowGroup(r.inner)
        let accumulatorSize =
            switch accumulator.type {
            case "uchar": 1
            case "int", "uint", "float": 4
            default: 8
            }
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, memory: input.memory, op: op)
        try k.set(2, bytes: r.words, op: op)
        try k.setLocal(3, bytes: group * accumulatorSize, op: op)
        return try runRows(k, outer: r.outer, group: group)
    }

    func argReduce(_ argOp: ArgReduceOp, _ input: CLArrayRef, axis: Int, output: CLArrayRef) throws(EngineError) -> CLEvent {
        let r = try rows(input, axes: [axis], outputStrides: input.strides)
        guard r.inner > 0 else { throw .shape(op, "cannot take \(op) of an empty axis \(axis) of \(formatShape(input.shape))") }
        let k = try kernel("arg.\(argOp).\(input.dtype)", "argreduce") { ReduceSource.argReduce(argOp, input: input.dtype) }
        let group = rowGroup(r.inner)
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, memory: input.memory, op: op)
        try k.set(2, bytes: r.words, op: op)
        try k.setLocal(3, bytes: group * (input.dtype == .int64 ? 8 : 4), op: op)
        try k.setLocal(4, bytes: group * 4, op: op)
        return try runRows(k, outer: r.outer, group: group)
    }

    func softmax(_ input: CLArrayRef, axes: [Int], output: CLArrayRef) throws(EngineError) -> CLEvent {
        guard input.dtype.isFloatingPoint else { throw .dtype(op, "expects a floating-point input, got \(input.dtype)") }
        let r = try rows(input, axes: axes, outputStrides: Shape.contiguousStrides(output.shape))
        let k = try kernel("softmax.\(input.dtype)", "softmax") { ReduceSource.softmax(input.dtype) }
        let group = rowGroup(r.inner)
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, memory: input.memory, op: op)
        try k.set(2, bytes: r.words, op: op)
        try k.setLocal(3, bytes: group * 4, op: op)
        return try runRows(k, outer: r.outer, group: group)
    }

    func logsumexp(_ input: CLArrayRef, axes: [Int], output: CLArrayRef) throws(EngineError) -> CLEvent {
        guard input.dtype.isFloatingPoint else { throw .dtype(op, "expects a floating-point input, got \(input.dtype)") }
        let r = try rows(input, axes: axes, outputStrides: input.strides)
        let k = try kernel("logsumexp.\(input.dtype).\(fp64)", "logsumexp") { ReduceSource.logsumexp(input.dtype, fp64: fp64) }
        let group = rowGroup(r.inner)
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, memory: input.memory, op: op)
        try k.set(2, bytes: r.words, op: op)
        try k.setLocal(3, bytes: group * (fp64 ? 8 : 4), op: op)
        return try runRows(k, outer: r.outer, group: group)
    }

    // MARK: Matmul

    func matmul(_ a: CLArrayRef, _ b: CLArrayRef, output: CLArrayRef) throws(EngineError) -> CLEvent {
        let rank = output.shape.count
        guard rank >= 2, a.shape.count >= 2, b.shape.count >= 2 else {
            throw .shape(op, "expects operands of rank ≥ 2, got \(formatShape(a.shape)) × \(formatShape(b.shape))")
        }
        let m = output.shape[rank - 2]
        let n = output.shape[rank - 1]
        let k = a.shape[a.shape.count - 1]
        guard a.shape[a.shape.count - 2] == m, b.shape[b.shape.count - 1] == n, b.shape[b.shape.count - 2] == k else {
            throw .shape(op, "\(formatShape(a.shape)) × \(formatShape(b.shape)) does not give \(formatShape(output.shape))")
        }
        let batchShape = Array(output.shape[..<(rank - 2)])
        guard batchShape.count <= 8 else { throw .shape(op, "the OpenCL kernel takes at most 8 batch dimensions") }
        let aBatch = Loops.broadcastStrides(Array(a.shape.dropLast(2)), Array(a.strides.dropLast(2)), to: batchShape)
        let bBatch = Loops.broadcastStrides(Array(b.shape.dropLast(2)), Array(b.strides.dropLast(2)), to: batchShape)
        var words = [Int64](repeating: 0, count: 10 + 3 * 8)
        let head = [m, n, k, batchShape.count, a.offset, b.offset, a.strides[a.shape.count - 2], a.strides[a.shape.count - 1],
                    b.strides[b.shape.count - 2], b.strides[b.shape.count - 1]]
        for (i, v) in head.enumerated() { words[i] = Int64(v) }
        for d in batchShape.indices {
            words[10 + d] = Int64(batchShape[d])
            words[18 + d] = Int64(aBatch[d])
            words[26 + d] = Int64(bBatch[d])
        }
        let info = kernels.device.info
        let tiles = MatmulTiles.choose(
            isGPU: info.isGPU, maxWorkGroupSize: info.maxWorkGroupSize, localMemory: info.localMemory,
            elementSize: output.dtype == .int64 ? 8 : 4)
        let kernel = try kernel("matmul.\(output.dtype).\(tiles)", "matmul") { MatmulSource.program(output.dtype, tiles: tiles) }
        try kernel.set(0, memory: output.memory, op: op)
        try kernel.set(1, memory: a.memory, op: op)
        try kernel.set(2, memory: b.memory, op: op)
        try kernel.set(3, bytes: words, op: op)
        let local = tiles.localSize
        let global = [
            (n + tiles.tileN - 1) / tiles.tileN * local[0], (m + tiles.tileM - 1) / tiles.tileM * local[1],
            Shape.count(batchShape),
        ]
        return try kernel.enqueue(global: global, local: local + [1], queue: queue, waitFor: waitFor, op: op)
    }
}

/// The little-endian bytes of a fixed-width value (fill patterns, host-written data).
func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}
