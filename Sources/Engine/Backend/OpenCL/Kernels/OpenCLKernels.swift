import Foundation

/// The OpenCL kernel library of one device: turns a graph node's primitive into kernel launches on
/// a queue, with the CPU backend's exact semantics.
///
/// ```swift
/// let kernels = try OpenCLKernels(device: device, context: context)
/// let done = try kernels.enqueue(.binary(.add), inputs: [a, b], output: c, queue: queue, waitFor: [producer])
/// ```
/// Programs are generated per (op, dtypes), built once per process (and cached on disk), and shared
/// by every queue of the device. Views (reshape, transpose, slice, broadcast) are not kernels: they
/// are different `CLArrayRef`s over one buffer.
final class OpenCLKernels: @unchecked Sendable {
    let device: OpenCLDevice
    let context: CLContext
    let programs: ProgramCache
    /// Build options for every program.
    let options: String
    /// Whether kernels may use double (ranges, float sums, logsumexp), as the CPU does.
    let fp64: Bool
    /// Work items per group for elementwise launches.
    let groupSize: Int
    private let lock = Lock()
    private var memo: [String: CLProgram] = [:]
    /// Fused programs by what their source is generated from, so a repeated call skips generating
    /// and hashing the source.
    private var fusedMemo: [FusedSource.Key: CLProgram] = [:]

    /// `useFP64: false` takes the float-only paths a device without `cl_khr_fp64` gets (for tests).
    init(device: OpenCLDevice, context: CLContext, cacheDirectory: URL? = ProgramCache.defaultDirectory, useFP64: Bool = true)
        throws(EngineError)
    {
        self.device = device
        self.context = context
        // PoCL aborts the process (`pocl_binary_get_kernels_metadata: len > 0`) on some program
        // binaries it wrote itself, and keeps its own on-disk kernel cache (~/.cache/pocl): our
        // binary cache serves the other drivers.
        let binariesSafe = !device.info.platform.contains("Portable Computing Language")
        programs = ProgramCache(
            context: context, deviceName: device.info.name, driverVersion: device.info.driverVersion,
            directory: binariesSafe ? cacheDirectory : nil)
        var options = "-cl-std=CL1.2"
        if (try? device.device.correctlyRoundedDivideSqrt) == true {
            // The CPU divides and takes square roots correctly rounded; OpenCL's default allows 2.5 ulp.
            options += " -cl-fp32-correctly-rounded-divide-sqrt"
        }
        self.options = options
        fp64 = device.info.fp64 && useFP64
        groupSize = Swift.max(1, Swift.min(256, device.info.maxWorkGroupSize))
    }

    /// Enqueues `primitive` reading `inputs` and writing `output` (a fresh contiguous buffer) on
    /// `queue` after `waitFor`; returns the event that completes with the result. An empty output
    /// enqueues only a marker, so there is always an event to wait on.
    func enqueue(
        _ primitive: Primitive, inputs: [CLArrayRef], output: CLArrayRef, queue: CLQueue, waitFor: [CLEvent]
    ) throws(EngineError) -> CLEvent {
        let op = primitive.name
        try check(primitive, inputs: inputs, output: output)
        if output.count == 0 { return try queue.marker(waitFor: waitFor, op: op) }
        let run = Launch(kernels: self, queue: queue, waitFor: waitFor, op: op)
        switch primitive {
        case .full(let value):
            return try run.fill(output, value)
        case .arange(let start, let step):
            return try run.arange(output, start: start, step: step)
        case .linspace(let start, let stop):
            return try run.linspace(output, start: start, stop: stop)
        case .eye(let k):
            return try run.eye(output, k: k)
        case .randomUniform(let key, let low, let high):
            return try run.random(output, key: key, normal: false, a: low, b: high)
        case .randomNormal(let key, let loc, let scale):
            return try run.random(output, key: key, normal: true, a: loc, b: scale)
        case .unary(let unaryOp):
            return try run.unary(unaryOp, inputs[0], output: output)
        case .binary(let binaryOp):
            return try run.binary(binaryOp, inputs[0], inputs[1], output: output)
        case .select:
            return try run.select(inputs[0], inputs[1], inputs[2], output: output)
        case .astype, .copy:
            return try run.cast(inputs[0], output: output)
        case .reduce(let reduceOp, let axes):
            return try run.reduce(reduceOp, inputs[0], axes: axes, output: output)
        case .argReduce(let argOp, let axis):
            return try run.argReduce(argOp, inputs[0], axis: axis, output: output)
        case .softmax(let axes):
            return try run.softmax(inputs[0], axes: axes, output: output)
        case .logsumexp(let axes):
            return try run.logsumexp(inputs[0], axes: axes, output: output)
        case .matmul:
            return try run.matmul(inputs[0], inputs[1], output: output)
        case .concatenate(let axis):
            return try run.concatenate(inputs, axis: axis, output: output)
        case .fused(let program):
            return try run.fused(program, inputs, output: output)
        case .reshape, .transpose, .slice, .broadcast:
            throw .argument(op, "a view is metadata over its input's buffer, not an OpenCL kernel")
        }
    }

    /// The program for `key`, generating its source only on the first request.
    func program(_ key: String, op: String, source: () throws(EngineError) -> String) throws(EngineError) -> CLProgram {
        if let program = lock.withLock({ memo[key] }) { return program }
        let program = try programs.program(source: try source(), options: options, op: op)
        lock.withLock { memo[key] = program }
        return program
    }

    /// A kernel of `key`'s program for one launch on `queue`: an idle one from the queue's cache,
    /// else a new one (`CLKernel.enqueue` hands it back).
    func kernel(
        _ key: String, _ name: String, queue: CLQueue, op: String, source: () throws(EngineError) -> String
    ) throws(EngineError) -> CLKernel {
        try queue.kernelCache.checkOut(key + "/" + name) { () throws(EngineError) -> CLKernel in
            try CLKernel(program: program(key, op: op, source: source), name: name, op: op)
        }
    }

    /// The built program of a fused kernel (see `FusedSource`).
    func fusedProgram(_ key: FusedSource.Key, op: String) throws(EngineError) -> CLProgram {
        if let program = lock.withLock({ fusedMemo[key] }) { return program }
        let program = try programs.program(source: try FusedSource.program(key.program, access: key.access), options: options, op: op)
        lock.withLock { fusedMemo[key] = program }
        return program
    }

    /// The last byte a reference can touch must lie inside its buffer: a kernel reading past the
    /// end would read garbage or fault the device instead of failing with a message.
    private func checkBounds(_ ref: CLArrayRef, op: String) throws(EngineError) {
        guard ref.count > 0 else { return }
        var last = ref.offset
        var overflow = false
        for (size, stride) in zip(ref.shape, ref.strides) {
            let (step, o1) = (size - 1).multipliedReportingOverflow(by: stride)
            let (sum, o2) = last.addingReportingOverflow(step)
            overflow = overflow || o1 || o2
            last = sum
        }
        let (end, o3) = (last + 1).multipliedReportingOverflow(by: ref.dtype.size)
        let capacity = try CLMemory.size(of: ref.memory, op: op)
        guard !overflow, !o3, end <= capacity else {
            throw .argument(op, "\(describe(ref.shape, ref.dtype)) at offset \(ref.offset) with strides \(ref.strides) reaches past its buffer of \(capacity) bytes")
        }
    }

    /// Refuses malformed requests with an error naming the op (never a trap inside a kernel).
    private func check(_ primitive: Primitive, inputs: [CLArrayRef], output: CLArrayRef) throws(EngineError) {
        let op = primitive.name
        let expected: Int? =
            switch primitive {
            case .full, .arange, .linspace, .eye, .randomUniform, .randomNormal: 0
            case .unary, .astype, .copy, .reduce, .argReduce, .softmax, .logsumexp: 1
            case .binary, .matmul: 2
            case .select: 3
            case .concatenate: nil
            case .fused(let program): program.inputCount
            case .reshape, .transpose, .slice, .broadcast: nil
            }
        if let expected, inputs.count != expected {
            throw .argument(op, "expects \(expected) input\(expected == 1 ? "" : "s"), got \(inputs.count)")
        }
        for ref in inputs + [output] {
            guard ref.shape.count == ref.strides.count, ref.shape.allSatisfy({ $0 >= 0 }), ref.strides.allSatisfy({ $0 >= 0 }),
                ref.offset >= 0
            else {
                throw .argument(op, "malformed array reference: shape \(formatShape(ref.shape)), strides \(ref.strides), offset \(ref.offset)")
            }
            try checkBounds(ref, op: op)
        }
        guard (output.offset == 0 && output.isRowContiguous) || output.count == 0 else {
            throw .argument(op, "the output must be a fresh contiguous buffer, got offset \(output.offset), strides \(output.strides)")
        }
    }
}
