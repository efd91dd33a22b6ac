import Foundation

/// The host CPU: each stream a worker thread, kernels on host memory, OpenBLAS for matmul.
/// Synchronous: an op is done when `execute` returns, so its times are measured around the kernel.
final class CPUBackend: Backend {
    let device = Device.cpu
    let pool: MemoryPool
    var runsInline: Bool { true }

    init() {
        let ram = Int(ProcessInfo.processInfo.physicalMemory)
        // As MLX's CPU allocator: memory limit 0.8 × RAM, cache limit 32 MiB… but larger here, since the
        // dashboard's loops reuse big buffers; still bounded and settable.
        pool = MemoryPool(
            name: "cpu", device: .cpu, allocator: HostAllocator(), memoryLimit: ram / 10 * 8, cacheLimit: 256 << 20)
    }

    func makeStreamState(name: String) throws(EngineError) -> (any AnyObject & Sendable)? { nil }

    func execute(_ execution: Execution) throws(EngineError) -> (ArrayData, (any DeviceEvent)?) {
        try execution.waitForProducers(onDevice: true)
        let started = execution.recorder == nil ? 0 : EngineClock.now()
        let data = try Self.compute(execution.node, shape: execution.shape, dtype: execution.dtype, pool: pool, execution)
        execution.recordOp(started: started, finished: execution.recorder == nil ? 0 : EngineClock.now())
        return (data, nil)
    }

    /// Host data is already where the CPU reads it.
    func hostData(_ data: ArrayData, shape: [Int], dtype: DType, transfer: TransferReporter?) throws(EngineError) -> ArrayData {
        data
    }

    static func compute(
        _ node: Node, shape: [Int], dtype: DType, pool: MemoryPool, _ execution: Execution
    ) throws(EngineError) -> ArrayData {
        // Before anything copies `node.inputs`: the uniqueness check needs the node's own references.
        let donated = donor(node, shape: shape, dtype: dtype)
        let hostInputs = try execution.hostInputs()
        let inputs = node.inputs
        func input(_ i: Int) -> ArrayData { hostInputs[i] }
        func inShape(_ i: Int) -> [Int] { inputs[i].shape }
        let count = Shape.count(shape)
        let name = node.primitive.name

        func allocate() throws(EngineError) -> Buffer {
            try pool.allocate(count * dtype.size, op: name)
        }
        func contiguousResult(_ buffer: Buffer) -> ArrayData {
            // Rank 0 and 1 without allocating (`[1]` is a statically initialised literal).
            let strides = shape.count == 1 ? [1] : shape.isEmpty ? [] : Shape.contiguousStrides(shape)
            return ArrayData(buffer: buffer, offset: 0, strides: strides)
        }

        switch node.primitive {
        case .reshape:
            return try LayoutKernels.reshape(input(0), inShape(0), xType: dtype, to: shape)
        case .transpose(let permutation):
            return LayoutKernels.transpose(input(0), permutation: permutation)
        case .slice(let starts, let steps):
            return LayoutKernels.slice(input(0), starts: starts, steps: steps)
        case .broadcast:
            return LayoutKernels.broadcast(input(0), inShape(0), to: shape)
        default:
            break
        }

        let out: Buffer
        if let donated { out = donated } else { out = try allocate() }
        switch node.primitive {
        case .full(let value):
            GeneratorKernels.full(value, dtype: dtype, count: count, out: out)
        case .arange(let start, let step):
            GeneratorKernels.arange(start: start, step: step, dtype: dtype, count: count, out: out)
        case .linspace(let start, let stop):
            GeneratorKernels.linspace(start: start, stop: stop, dtype: dtype, count: count, out: out)
        case .eye(let k):
            GeneratorKernels.eye(k: k, shape: shape, dtype: dtype, out: out)
        case .randomUniform(let key, let low, let high):
            try GeneratorKernels.uniform(key: key, low: low, high: high, dtype: dtype, count: count, out: out)
        case .randomNormal(let key, let loc, let scale):
            try GeneratorKernels.normal(key: key, loc: loc, scale: scale, dtype: dtype, count: count, out: out)
        case .unary(let op):
            ElementwiseKernels.unary(op, input(0), inShape(0), xType: inputs[0].dtype, shape: shape, out: out)
        case .binary(let op):
            ElementwiseKernels.binary(op, input(0), inShape(0), input(1), inShape(1), inType: inputs[0].dtype, shape: shape, out: out)
        case .select:
            ElementwiseKernels.select(input(0), inShape(0), input(1), inShape(1), input(2), inShape(2), type: dtype, shape: shape, out: out)
        case .astype, .copy:
            if inputs[0].dtype == dtype {
                LayoutKernels.copy(LayoutKernels.broadcast(input(0), inShape(0), to: shape), shape, type: dtype, into: out)
            } else {
                ElementwiseKernels.cast(input(0), inShape(0), from: inputs[0].dtype, to: dtype, shape: shape, out: out)
            }
        case .reduce(let op, let axes):
            let rows = try ReduceKernels.rows(input(0), inShape(0), axes: axes, type: inputs[0].dtype, op: name)
            ReduceKernels.reduce(op, rows, inType: inputs[0].dtype, out: out)
        case .argReduce(let op, let axis):
            let rows = try ReduceKernels.rows(input(0), inShape(0), axes: [axis], type: inputs[0].dtype, op: name)
            ReduceKernels.argReduce(op, rows, inType: inputs[0].dtype, out: out)
        case .softmax(let axes):
            let rows = try ReduceKernels.rows(input(0), inShape(0), axes: axes, type: dtype, op: name)
            let strides = ReduceKernels.softmax(rows, type: dtype, out: out)
            return ArrayData(buffer: out, offset: 0, strides: strides)
        case .logsumexp(let axes):
            let rows = try ReduceKernels.rows(input(0), inShape(0), axes: axes, type: dtype, op: name)
            ReduceKernels.logsumexp(rows, type: dtype, out: out)
        case .matmul:
            try MatmulKernels.matmul(input(0), inShape(0), input(1), inShape(1), type: dtype, shape: shape, out: out)
        case .concatenate(let axis):
            try LayoutKernels.concatenate(
                inputs.indices.map { (hostInputs[$0], inputs[$0].shape) }, axis: axis, type: dtype, shape: shape, out: out)
        case .fused(let program):
            var gathered: [Buffer] = []
            var operands: [FusedKernels.Operand] = []
            for i in inputs.indices {
                switch Loops.access(input(i), inShape(i), count: count) {
                case .dense: operands.append(.dense(UnsafePointer(input(i).pointer(as: Float.self))))
                case .scalar: operands.append(.scalar(input(i).pointer(as: Float.self)[0]))
                case .strided:
                    // Another layout (a transpose, a broadcast row): gathered once into output order.
                    let buffer = try allocate()
                    LayoutKernels.copy(LayoutKernels.broadcast(input(i), inShape(i), to: shape), shape, type: .float32, into: buffer)
                    gathered.append(buffer)
                    operands.append(.dense(UnsafePointer(buffer.typed(Float.self))))
                }
            }
            withExtendedLifetime(gathered) {
                FusedKernels.run(program, inputs: operands, count: count, out: out.typed(Float.self))
            }
        case .reshape, .transpose, .slice, .broadcast:
            preconditionFailure("views are handled above")
        }
        return contiguousResult(out)
    }

    /// An input buffer this elementwise op may overwrite: same dtype and shape, contiguous, unshared.
    static func donor(_ node: Node, shape: [Int], dtype: DType) -> Buffer? {
        switch node.primitive {
        case .unary, .binary, .fused: break
        default: return nil
        }
        let count = Shape.count(shape)
        for i in 0..<node.inputs.count {
            // Uniqueness first: it is the cheap test, and the one that fails when the caller still
            // holds the input (`c = a + b` in a loop).
            guard let buffer = node.donatableBuffer(i) else { continue }
            let input = node.inputs[i]
            guard input.dtype == dtype, input.shape == shape, let data = input.data else { continue }
            if data.offset == 0 && data.isRowContiguous(shape) && buffer.byteCount == count * dtype.size
                && buffer.device == node.stream.device
            {
                buffer.invalidateAttachments()
                return buffer
            }
        }
        return nil
    }
}
