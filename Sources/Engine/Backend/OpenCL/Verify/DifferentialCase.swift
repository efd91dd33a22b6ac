/// One primitive on one set of CPU inputs: what the OpenCL kernel must reproduce.
struct Trial {
    let primitive: Primitive
    /// Evaluated CPU tensors, possibly strided views.
    let inputs: [Tensor]
    let shape: [Int]
    let dtype: DType
    let tolerance: Tolerance
    /// Shapes and layouts, for failure messages.
    let label: String
}

/// A named family of trials (one primitive × dtype), drawn from a generator seeded by the name.
struct DifferentialCase: Sendable {
    let name: String
    let make: @Sendable (inout SplitMix, _ quick: Bool) throws(EngineError) -> [Trial]

    /// Failure messages; empty when every trial matched the CPU.
    func run(on testbed: OpenCLTestbed, quick: Bool = false) -> [String] {
        var rng = SplitMix(name: name)
        let trials: [Trial]
        do { trials = try make(&rng, quick) } catch { return ["\(name): building inputs: \(error)"] }
        var failures: [String] = []
        for trial in trials {
            do {
                if let problem = try Self.check(trial, on: testbed) { failures.append("\(name) [\(trial.label)]: \(problem)") }
            } catch {
                failures.append("\(name) [\(trial.label)]: \(error)")
            }
        }
        return failures
    }

    /// Runs the primitive on the CPU (through the engine) and on the device; compares.
    static func check(_ trial: Trial, on testbed: OpenCLTestbed) throws(EngineError) -> String? {
        let stream = Runtime.shared.cpuDefaultStream
        let reference = try Builder.node(trial.primitive, trial.inputs, shape: trial.shape, dtype: trial.dtype, stream: stream)
        let expected = try DifferentialInputs.rowMajorBytes(reference)

        var buffers: [CLMemory] = []
        var refs: [CLArrayRef] = []
        for input in trial.inputs {
            let data = try input.materialized()
            let raw = data.buffer.pointer.assumingMemoryBound(to: UInt8.self)
            let memory = try testbed.upload(Array(UnsafeBufferPointer(start: raw, count: data.buffer.byteCount)))
            buffers.append(memory)
            refs.append(CLArrayRef(memory: memory.handle, offset: data.offset, shape: input.shape, strides: data.strides, dtype: input.dtype))
        }
        let bytes = Shape.count(trial.shape) * trial.dtype.size
        let output = try CLMemory(context: testbed.context, bytes: bytes)
        let event = try testbed.kernels.enqueue(
            trial.primitive, inputs: refs, output: CLArrayRef(memory: output.handle, shape: trial.shape, dtype: trial.dtype),
            queue: testbed.queue, waitFor: [])
        let actual = try testbed.download(output, count: bytes, after: event)
        withExtendedLifetime(buffers) {}
        return trial.tolerance.compare(expected: expected, actual: actual, dtype: trial.dtype)
    }
}
