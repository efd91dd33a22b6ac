import Foundation
import Testing

@testable import Engine

private var gpuAvailable: Bool { (try? newStream(on: .gpu(0))) != nil }

@Sendable private func gelu(_ x: Tensor) throws(EngineError) -> Tensor {
    try 0.5 * x * (1 + tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
}

/// Bitwise equality with every NaN equal to every NaN.
private func differing(_ a: [Float], _ b: [Float]) -> [Int] {
    a.indices.filter { !(a[$0].bitPattern == b[$0].bitPattern || (a[$0].isNaN && b[$0].isNaN)) }
}

/// Fused kernels generated for the OpenCL device (PoCL's CPU device here).
@Suite("fusion on the OpenCL device", .serialized, .enabled(if: gpuAvailable, "no OpenCL device: \(Runtime.shared.gpuUnavailableReason ?? "")"))
struct FusionOpenCLTests {
    static func inputs(_ count: Int) -> [Float] {
        var values: [Float] = [0, -0, .infinity, -.infinity, .nan, 1e30, -1e30, 88, -88, 9, -9, 0.625, -0.625, .leastNonzeroMagnitude]
        var state: UInt32 = 12345
        while values.count < count {
            state = state &* 1_664_525 &+ 1_013_904_223
            values.append((Float(state >> 8) / Float(1 << 24) - 0.5) * [0.02, 2, 8, 60][Int(state & 3)])
        }
        return Array(values.prefix(count))
    }

    /// Bit-identical: the generated kernel is the unfused kernels' expressions in one body, with
    /// the same prelude (Cephes tanh) and contraction off.
    @Test("fused GELU on the device equals the unfused device graph bit for bit, and the CPU's")
    func geluBitIdentical() throws {
        let values = Self.inputs(10_007)
        let cpuX = try Tensor(values)
        let x = try astype(cpuX, .float32, stream: .gpu)
        let (unfused, fused) = try withDefaultDevice(.gpu(0)) { (try gelu(x), try compile(gelu)(x)) }
        guard case .fused(let program) = fused.node?.primitive else {
            Issue.record("not fused: \(String(describing: fused.node?.primitive))")
            return
        }
        #expect(program.containedOps.count == 9)
        #expect(fused.node!.stream.device == .gpu(0))
        let a = try unfused.toArray(Float.self), b = try fused.toArray(Float.self)
        let bad = differing(a, b)
        #expect(bad.isEmpty, "\(bad.prefix(5).map { "x=\(values[$0]): \(a[$0]) vs \(b[$0])" })")
        let cpu = try compile(gelu)(cpuX).toArray(Float.self)
        #expect(differing(cpu, b).isEmpty)
    }

    @Test("a repeated fused program is generated and fetched once: later requests skip the program cache")
    func builtOnce() throws {
        let device = try #require(OpenCLDevices.device(0))
        // Its own kernel library (memory-only cache), so other suites' builds do not move the counts.
        let kernels = try OpenCLKernels(device: device, context: try CLContext(device: device.device), cacheDirectory: nil)
        let program = FusedProgram(instructions: [.input(0), .literal(Float(2).bitPattern), .binary(.multiply, 0, 1), .unary(.exp, 2)], inputCount: 1)
        let key = FusedSource.Key(program: program, access: [.dense])
        let first = try kernels.fusedProgram(key, op: "fused")
        let counts = kernels.programs.counts
        #expect(counts.builds == 1)
        let second = try kernels.fusedProgram(key, op: "fused")
        #expect(first === second)
        #expect(kernels.programs.counts == counts)
        _ = try kernels.fusedProgram(FusedSource.Key(program: program, access: [.scalar]), op: "fused")
        #expect(kernels.programs.counts.builds == 2)
    }

    /// Fused launches go through the queue's kernel cache like every other kernel: one `cl_kernel`
    /// serves repeated launches, and each launch still computes from its own arguments.
    @Test("repeated fused launches reuse one cached kernel object, each with its own arguments")
    func fusedKernelsAreCached() throws {
        let device = try #require(OpenCLDevices.device(0))
        let context = try CLContext(device: device.device)
        let kernels = try OpenCLKernels(device: device, context: context, cacheDirectory: nil)
        let queue = try CLQueue(context: context)
        // y = x * 2 + 1 over 8 floats.
        let program = FusedProgram(
            instructions: [.input(0), .literal(Float(2).bitPattern), .binary(.multiply, 0, 1), .literal(Float(1).bitPattern), .binary(.add, 2, 3)],
            inputCount: 1)
        let input = try CLMemory(context: context, bytes: 8 * 4)
        let output = try CLMemory(context: context, bytes: 8 * 4)
        for start in [Float(3), -10] {
            let values = (0..<8).map { start + Float($0) }
            _ = try values.withUnsafeBytes { raw in try input.write(from: raw.baseAddress!, count: raw.count, queue: queue, blocking: true) }
            let done = try kernels.enqueue(
                .fused(program), inputs: [CLArrayRef(memory: input.handle, shape: [8], dtype: .float32)],
                output: CLArrayRef(memory: output.handle, shape: [8], dtype: .float32), queue: queue, waitFor: [])
            var result = [Float](repeating: .nan, count: 8)
            try result.withUnsafeMutableBytes { raw in
                try output.read(into: raw.baseAddress!, count: raw.count, queue: queue, blocking: false, waitFor: [done]).wait()
            }
            #expect(result == values.map { $0 * 2 + 1 })
        }
        #expect(queue.kernelCache.count == 1)
    }

    @Test("an empty input on the device gives an empty fused result")
    func empty() throws {
        let y = try withDefaultDevice(.gpu(0)) { try compile(gelu)(try zeros([0, 5], stream: .gpu)) }
        guard case .fused = y.node?.primitive else {
            Issue.record("not fused")
            return
        }
        #expect(y.shape == [0, 5])
        #expect(try y.toArray(Float.self).isEmpty)
    }

    @Test("a transposed input and a broadcast row on the device are gathered before the fused kernel")
    func stridedInputs() throws {
        let m = try reshape(Tensor((0..<12).map { Float($0) - 5.5 }), [3, 4], stream: .gpu)
        let row = try astype(Tensor([Float(1), 2, 3]), .float32, stream: .gpu)
        let f = compile { (a: Tensor, b: Tensor) throws(EngineError) -> Tensor in
            try add(exp(multiply(a, a, stream: .gpu), stream: .gpu), multiply(b, b, stream: .gpu), stream: .gpu)
        }
        let t = try transpose(m, stream: .gpu)
        let fused = try f(t, row)
        guard case .fused = fused.node?.primitive else {
            Issue.record("not fused")
            return
        }
        let want = try (exp(transpose(m) * transpose(m)) + row * row).toArray(Float.self)
        #expect(differing(try fused.toArray(Float.self), want).isEmpty)
    }
}
