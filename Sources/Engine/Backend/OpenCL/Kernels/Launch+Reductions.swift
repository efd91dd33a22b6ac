/// Row reductions: reduce, argmax/argmin, softmax, logsumexp.
extension Launch {
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
        guard ReduceSource.reduceOps(input.dtype).contains(reduceOp), output.dtype == input.dtype else {
            throw .dtype(op, "the OpenCL kernels reduce \(input.dtype) to \(output.dtype) only with \(ReduceSource.reduceOps(input.dtype).map(\.rawValue)) into the same dtype (the builder casts)")
        }
        let k = try kernel("reduce.\(input.dtype).\(fp64)", "reduce_" + reduceOp.rawValue) {
            () throws(EngineError) -> String in
            try ReduceSource.reduceGroup(input.dtype, fp64: fp64)
        }
        let group = rowGroup(r.inner)
        let accumulatorSize =
            switch accumulator.type {
            case "uchar": 1
            case "int", "uint", "float": 4
            default: 8
            }
        if r.inner >= Self.splitThreshold && r.outer < 64 {
            return try splitReduce(reduceOp, input, rows: r, accumulatorSize: accumulatorSize, output: output)
        }
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, memory: input.memory, op: op)
        try k.set(2, bytes: r.words, op: op)
        try k.setLocal(3, bytes: group * accumulatorSize, op: op)
        return try runRows(k, outer: r.outer, group: group)
    }

    /// Rows at least this long, when there are few of them, are split across work-groups: one
    /// group per row would leave most of a GPU idle on `sum(x)`.
    static let splitThreshold = 1 << 16

    /// Two passes: chunks of each row into a temporary buffer of accumulators, then one group per row
    /// merges them. The temporary buffer is released here; OpenCL frees it after the commands ran.
    private func splitReduce(
        _ reduceOp: ReduceOp, _ input: CLArrayRef, rows r: (words: [Int64], outer: Int, inner: Int), accumulatorSize: Int,
        output: CLArrayRef
    ) throws(EngineError) -> CLEvent {
        let group = rowGroup(r.inner)
        let chunks = Swift.min(1024, (r.inner + 16 * group - 1) / (16 * group))
        let chunkLength = (r.inner + chunks - 1) / chunks
        let partials = try CLMemory(context: kernels.context, bytes: r.outer * chunks * accumulatorSize, op: op)
        let source = { () throws(EngineError) -> String in try ReduceSource.reduceGroup(input.dtype, fp64: fp64) }
        let first = try kernel("reduce.\(input.dtype).\(fp64)", "partial_" + reduceOp.rawValue, source: source)
        try first.set(0, memory: partials.handle, op: op)
        try first.set(1, memory: input.memory, op: op)
        try first.set(2, bytes: r.words, op: op)
        try first.setLocal(3, bytes: group * accumulatorSize, op: op)
        try first.set(4, Int64(chunks), op: op)
        try first.set(5, Int64(chunkLength), op: op)
        let partial = try first.enqueue(global: [r.outer * chunks * group], local: [group], queue: queue, waitFor: waitFor, op: op)
        let second = try kernel("reduce.\(input.dtype).\(fp64)", "combine_" + reduceOp.rawValue, source: source)
        let combineGroup = rowGroup(chunks)
        try second.set(0, memory: output.memory, op: op)
        try second.set(1, memory: partials.handle, op: op)
        try second.set(2, Int64(chunks), op: op)
        try second.setLocal(3, bytes: combineGroup * accumulatorSize, op: op)
        return try second.enqueue(global: [r.outer * combineGroup], local: [combineGroup], queue: queue, waitFor: [partial], op: op)
    }

    func argReduce(_ argOp: ArgReduceOp, _ input: CLArrayRef, axis: Int, output: CLArrayRef) throws(EngineError) -> CLEvent {
        let r = try rows(input, axes: [axis], outputStrides: input.strides)
        guard r.inner > 0 else { throw .shape(op, "cannot take \(op) of an empty axis \(axis) of \(formatShape(input.shape))") }
        guard output.dtype == .int32 else { throw .dtype(op, "gives int32 indices, not \(output.dtype)") }
        let k = try kernel("arg.\(input.dtype)", argOp.rawValue) { ReduceSource.argGroup(input.dtype) }
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
        guard output.dtype == input.dtype else { throw .dtype(op, "gives \(input.dtype), not \(output.dtype)") }
        let k = try kernel("normalize.\(input.dtype).\(fp64)", "softmax") { ReduceSource.normalizeGroup(input.dtype, fp64: fp64) }
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
        guard output.dtype == input.dtype else { throw .dtype(op, "gives \(input.dtype), not \(output.dtype)") }
        let k = try kernel("normalize.\(input.dtype).\(fp64)", "logsumexp") { ReduceSource.normalizeGroup(input.dtype, fp64: fp64) }
        let group = rowGroup(r.inner)
        try k.set(0, memory: output.memory, op: op)
        try k.set(1, memory: input.memory, op: op)
        try k.set(2, bytes: r.words, op: op)
        try k.setLocal(3, bytes: group * (fp64 ? 8 : 4), op: op)
        return try runRows(k, outer: r.outer, group: group)
    }
}
