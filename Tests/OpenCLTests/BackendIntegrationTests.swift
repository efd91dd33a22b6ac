import Foundation
import Testing

@testable import Engine

/// Collects every event (tests are short).
private final class Collector: EngineRecorder, @unchecked Sendable {
    private let lock = NSLock()
    private var events: [EngineEvent] = []
    func record(_ event: EngineEvent) { lock.withLock { events.append(event) } }
    var all: [EngineEvent] { lock.withLock { events } }
    var ops: [OpRecord] { all.compactMap { if case .op(let r) = $0 { r } else { nil } } }
    var transfers: [TransferRecord] { all.compactMap { if case .transfer(let r) = $0 { r } else { nil } } }
}

private struct Rng {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

private var gpuAvailable: Bool { (try? newStream(on: .gpu(0))) != nil }

/// The OpenCL device (PoCL's CPU device in CI) in one graph with CPU streams.
@Suite("OpenCL backend in the engine", .serialized, .enabled(if: gpuAvailable, "no OpenCL device: \(Runtime.shared.gpuUnavailableReason ?? "")"))
struct BackendIntegrationTests {
    @Test("random graphs of 50–500 ops over CPU and GPU streams equal CPU-only evaluation", arguments: [1, 2, 3])
    func randomGraphs(seed: Int) throws {
        var rng = Rng(state: UInt64(seed) * 7919)
        let outcome = try GraphVerify.run(seed: UInt64(seed), ops: 50 + rng.int(451))
        #expect(outcome.problem == nil, "\(outcome.problem ?? "")")
    }

    /// Uniform draws are bit-identical. Normal draws go through erfinv, whose `log` is glibc's `logf`
    /// on the CPU (not correctly rounded for ~0.1% of inputs) and a double-rounded log on the device:
    /// at most 0.2% of values may differ, by a few ulp.
    @Test("random numbers: uniform bit-identical on the CPU and the OpenCL device, normal within a few ulp")
    func randomEqual() throws {
        for dtype in [DType.float32, .float16] {
            let cpu = try Random.normal(shape: [2570, 3], dtype: dtype, key: Random.key(42), stream: .cpu).toArray(Float.self)
            let gpu = try Random.normal(shape: [2570, 3], dtype: dtype, key: Random.key(42), stream: .gpu).toArray(Float.self)
            let differing = cpu.indices.filter { cpu[$0] != gpu[$0] }
            #expect(differing.count * 500 <= cpu.count, "\(differing.count) of \(cpu.count) normal draws differ")
            for i in differing { #expect(abs(cpu[i] - gpu[i]) <= 4 * cpu[i].ulp, "\(cpu[i]) vs \(gpu[i])") }
            let u1 = try Random.uniform(shape: [1001], dtype: dtype, key: Random.key(7), stream: .cpu)
            let u2 = try Random.uniform(shape: [1001], dtype: dtype, key: Random.key(7), stream: .gpu)
            #expect(try u1.toArray(Float.self) == u2.toArray(Float.self))
        }
    }

    /// Dense launches give each work-item 4 elements a grid apart: counts around that split, and
    /// views that start mid-buffer, must see every element once.
    /// Offset 4 with a count divisible by 4 takes the float4 path, offset 3 the scalar dense one.
    @Test(
        "dense elementwise launches: every count around the 4-per-work-item split, offset views, float4 and scalar",
        arguments: [1, 3, 4, 5, 8, 9, 1001, 4096, 4099], [3, 4])
    func denseElementwise(count: Int, offset: Int) throws {
        let values = (0..<(count + offset)).map { Float($0 % 97) * 0.173 - 8 }
        let other = values.map { $0 * -0.5 + 1 }
        let x = try Tensor(values)[offset..<(count + offset)]
        let y = try Tensor(other)[0..<count]
        let sum = try add(x, y, stream: .gpu).toArray(Float.self)
        let e = try exp(x, stream: .gpu).toArray(Float.self)
        let expectedSum: [Float] = (0..<count).map { (i: Int) -> Float in values[i + offset] + other[i] }
        let wrongSum = (0..<count).first { sum[$0] != expectedSum[$0] }
        #expect(sum.count == count && wrongSum == nil, "first wrong sum at \(wrongSum ?? -1)")
        let wrongExp = (0..<count).first { (i: Int) -> Bool in
            let expected: Float = Foundation.exp(values[i + offset])
            return Swift.abs(e[i] - expected) > 2 * expected.ulp
        }
        #expect(e.count == count && wrongExp == nil, "first exp beyond 2 ulp at \(wrongExp ?? -1)")
    }

    @Test("consumers start after their producers end, across devices, in recorded times")
    func orderingAcrossDevices() throws {
        let recorder = Collector()
        let token = Recording.add(recorder)
        defer { Recording.remove(token) }
        let cpu = try newStream(on: .cpu)
        let gpu = try newStream(on: .gpu(0))
        var x = try Random.uniform(shape: [256, 256], key: Random.key(3), stream: .stream(cpu))
        for i in 0..<6 {
            let s: StreamOrDevice = .stream(i % 2 == 0 ? gpu : cpu)
            x = try tanh(matmul(x, x, stream: s), stream: s)
        }
        try eval(x)
        Recording.remove(token)
        let ops = recorder.ops
        #expect(ops.contains { $0.device == .gpu(0) })
        let byID = Dictionary(ops.map { ($0.nodeID, $0) }, uniquingKeysWith: { a, _ in a })
        // Device times are mapped onto the engine clock with a calibrated offset: allow its error.
        let backend = Runtime.shared.backend(for: .gpu(0)) as! OpenCLBackend
        let slack = backend.clock.uncertainty + 50_000
        var crossDevice = 0
        for op in ops {
            for input in op.inputIDs {
                guard let producer = byID[input] else { continue }
                #expect(op.started + slack >= producer.finished, "\(op.name) on \(op.device) started before \(producer.name) on \(producer.device) ended")
                if producer.device != op.device { crossDevice += 1 }
            }
        }
        #expect(crossDevice >= 4)
    }

    @Test("the seed's adds: independent and dependent across cpu and gpu streams give the CPU's values")
    func seedAdds() throws {
        let a = try Random.uniform(shape: [100], key: Random.key(0))
        let b = try Random.uniform(shape: [100], key: Random.key(1))
        let c = try add(a, b, stream: .cpu)
        let d = try add(a, b, stream: .gpu)
        let e = try add(c, d, stream: .gpu)  // depends on both
        let f = try add(e, a, stream: .cpu)
        try eval(c, d, f)
        let av = try a.toArray(Float.self)
        let bv = try b.toArray(Float.self)
        #expect(try d.toArray(Float.self) == zip(av, bv).map { $0 + $1 })
        #expect(try f.toArray(Float.self) == zip(av, bv).map { ($0 + $1) + ($0 + $1) + $0 })
    }

    @Test("zero-copy on a unified-memory device: CPU↔GPU arrays move without transfer events")
    func zeroCopyNoTransfers() throws {
        let backend = Runtime.shared.backend(for: .gpu(0)) as! OpenCLBackend
        guard backend.zeroCopy else { return }
        let recorder = Collector()
        let token = Recording.add(recorder)
        defer { Recording.remove(token) }
        let a = try Random.uniform(shape: [1000], key: Random.key(5), stream: .cpu)
        let b = try exp(a, stream: .gpu)
        let c = try add(b, 1, stream: .cpu)
        let values = try c.toArray(Float.self)
        Recording.remove(token)
        let expected = try a.toArray(Float.self).map { Foundation.exp($0) + 1 }
        for (u, v) in zip(values, expected) { #expect(abs(u - v) <= 1e-5 * v) }
        #expect(recorder.transfers.isEmpty)
    }

    @Test("STREAMTOP_OPENCL_COPY=1: the copy path records each host↔device transfer with bytes and direction")
    func forcedCopyRecordsTransfers() async {
        await #expect(processExitsWith: .success) {
            setenv("STREAMTOP_OPENCL_COPY", "1", 1)
            let recorder = Collector()
            Recording.recorder = recorder
            let a = try Random.uniform(shape: [1000], key: Random.key(5), stream: .cpu)
            let b = try exp(a, stream: .gpu)
            let c = try add(b, 1, stream: .cpu)
            let values = try c.toArray(Float.self)
            let gpuValues = try b.toArray(Float.self)
            Recording.recorder = nil
            let expected = try a.toArray(Float.self).map { Foundation.exp($0) + 1 }
            let backend = Runtime.shared.backend(for: .gpu(0)) as! OpenCLBackend
            guard !backend.zeroCopy else { exit(3) }
            guard zip(values, expected).allSatisfy({ abs($0 - $1) <= 1e-5 * $1 }), gpuValues.count == 1000 else { exit(4) }
            let transfers = recorder.transfers
            guard transfers.contains(where: { $0.direction == .hostToDevice && $0.bytes == 4000 }) else { exit(5) }
            guard transfers.contains(where: { $0.direction == .deviceToHost && $0.bytes == 4000 }) else { exit(6) }
            guard transfers.allSatisfy({ $0.started <= $0.finished + 1_000_000 }) else { exit(7) }
            exit(0)
        }
    }

    @Test("no OpenCL driver: the GPU is off with the reason in every GPU error; CPU work goes on")
    func noDriver() async {
        await #expect(processExitsWith: .success) {
            let empty = FileManager.default.temporaryDirectory.appendingPathComponent("streamtop-no-icd-\(getpid())")
            try? FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            setenv("OCL_ICD_VENDORS", empty.path, 1)
            setenv("OPENCL_VENDOR_PATH", empty.path, 1)
            guard let reason = Runtime.shared.gpuUnavailableReason, reason.contains("OpenCL") else { exit(3) }
            do {
                _ = try exp(Tensor([1.0]), stream: .gpu)
                exit(4)
            } catch let error as EngineError {
                guard error.kind == .device, error.description.hasPrefix("exp: "), error.description.contains(reason) else { exit(5) }
            } catch {
                exit(8)
            }
            guard (try? newStream(on: .gpu(0))) == nil else { exit(6) }
            guard (try? add(Tensor([1.0]), Tensor([2.0])).item(Float.self)) == 3 else { exit(7) }
            exit(0)
        }
    }
}
