import Foundation
import Testing

@testable import Engine

/// What the kernel library promises beyond matching the CPU: events for empty outputs, ordering
/// across queues, and errors (never traps) for malformed requests.
@Suite("OpenCL kernel library")
struct KernelLibraryTests {
    let testbed: OpenCLTestbed

    init() throws { testbed = try OpenCLTestbed.shared.get() }

    private func floats(_ memory: CLMemory, _ count: Int, after event: CLEvent) throws -> [Float] {
        try testbed.download(memory, count: count * 4, after: event).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    @Test func emptyOutputsGiveAMarkerThatFollowsTheWaitList() throws {
        let out = try CLMemory(context: testbed.context, bytes: 0)
        let gate = try CLEvent.user(context: testbed.context)
        let queue = try CLQueue(context: testbed.context)
        let event = try testbed.kernels.enqueue(
            .unary(.exp), inputs: [CLArrayRef(memory: out.handle, shape: [0, 3], dtype: .float32)],
            output: CLArrayRef(memory: out.handle, shape: [0, 3], dtype: .float32), queue: queue, waitFor: [gate])
        try queue.flush()
        #expect(try event.status != .complete)
        try gate.setComplete()
        try event.wait()
        #expect(try event.status == .complete)
    }

    @Test func aConsumerOnAnotherQueueWaitsForItsProducer() throws {
        let count = 100_000
        let a = try CLMemory(context: testbed.context, bytes: count * 4)
        let b = try CLMemory(context: testbed.context, bytes: count * 4)
        let other = try CLQueue(context: testbed.context)
        let gate = try CLEvent.user(context: testbed.context)
        let produced = try testbed.kernels.enqueue(
            .arange(start: 0, step: 1), inputs: [], output: CLArrayRef(memory: a.handle, shape: [count], dtype: .float32),
            queue: testbed.queue, waitFor: [gate])
        let consumed = try testbed.kernels.enqueue(
            .binary(.multiply),
            inputs: [CLArrayRef(memory: a.handle, shape: [count], dtype: .float32), CLArrayRef(memory: a.handle, shape: [count], dtype: .float32)],
            output: CLArrayRef(memory: b.handle, shape: [count], dtype: .float32), queue: other, waitFor: [produced])
        try gate.setComplete()
        let values = try floats(b, count, after: consumed)
        #expect(values[3] == 9 && values[count - 1] == Float(count - 1) * Float(count - 1))
    }

    @Test func malformedRequestsAreErrorsNamingTheOp() throws {
        let out = try CLMemory(context: testbed.context, bytes: 64)
        let big = try CLMemory(context: testbed.context, bytes: 1024)
        let ref = CLArrayRef(memory: out.handle, shape: [4], dtype: .float32)
        let k = testbed.kernels
        let wrongCount = #expect(throws: EngineError.self) {
            try k.enqueue(.binary(.add), inputs: [ref], output: ref, queue: testbed.queue, waitFor: [])
        }
        #expect(wrongCount?.description.hasPrefix("add: expects 2 inputs") == true)
        let view = #expect(throws: EngineError.self) {
            try k.enqueue(.transpose(permutation: [0]), inputs: [ref], output: ref, queue: testbed.queue, waitFor: [])
        }
        #expect(view?.op == "transpose")
        let strided = CLArrayRef(memory: out.handle, offset: 0, shape: [4], strides: [2], dtype: .float32)
        #expect(throws: EngineError.self) {
            try k.enqueue(.unary(.exp), inputs: [ref], output: strided, queue: testbed.queue, waitFor: [])
        }
        #expect(throws: EngineError.self) {
            try k.enqueue(.unary(.exp), inputs: [ref], output: CLArrayRef(memory: out.handle, shape: [-1], strides: [1], dtype: .float32), queue: testbed.queue, waitFor: [])
        }
        let pastTheEnd = #expect(throws: EngineError.self) {
            try k.enqueue(.unary(.exp), inputs: [CLArrayRef(memory: out.handle, offset: 14, shape: [4], dtype: .float32)], output: ref, queue: testbed.queue, waitFor: [])
        }
        #expect(pastTheEnd?.message.contains("reaches past its buffer of 64 bytes") == true)
        #expect(throws: EngineError.self) {
            try k.enqueue(.full(.int(0)), inputs: [], output: CLArrayRef(memory: out.handle, shape: [17], dtype: .float32), queue: testbed.queue, waitFor: [])
        }
        // Rank 9 with no mergeable dimensions (every operand transposed differently).
        let shape = [Int](repeating: 2, count: 9)
        let odd = CLArrayRef(memory: big.handle, shape: shape, strides: Array(Shape.contiguousStrides(shape).reversed()), dtype: .bool)
        let rank = #expect(throws: EngineError.self) {
            try k.enqueue(.copy, inputs: [odd], output: CLArrayRef(memory: big.handle, shape: shape, dtype: .bool), queue: testbed.queue, waitFor: [])
        }
        #expect(rank?.kind == .shape)
    }

    @Test func layoutsCollapseContiguousDimensions() throws {
        let contiguous = try StridedLayout(shape: [2, 3, 4], operands: [(0, [12, 4, 1]), (5, [12, 4, 1])], op: "t")
        #expect(contiguous.shape == [24] && contiguous.strides == [[1], [1]] && contiguous.offsets == [0, 5])
        let transposed = try StridedLayout(shape: [2, 3], operands: [(0, [3, 1]), (0, [1, 2])], op: "t")
        #expect(transposed.shape == [2, 3] && transposed.strides == [[3, 1], [1, 2]])
        let scalar = try StridedLayout(shape: [], operands: [(0, []), (7, [])], op: "t")
        #expect(scalar.shape == [1] && scalar.count == 1)
        // Unit strides everywhere: the dense path (rank 0 in the kernel, 4 elements per work-item).
        #expect(contiguous.isDense && contiguous.workItems == 6)
        #expect(contiguous.packed.count == 46 && contiguous.packed[0] == 0 && contiguous.packed[1] == 24)
        let broadcast = try StridedLayout(shape: [5], operands: [(0, [1]), (2, [0])], op: "t")
        #expect(!broadcast.isDense && broadcast.workItems == 5 && broadcast.packed[0] == 1)
        // float4 path: dense, count and every offset multiples of 4.
        #expect(!contiguous.isVectorizable)
        let aligned = try StridedLayout(shape: [2, 3, 4], operands: [(0, [12, 4, 1]), (8, [12, 4, 1])], op: "t")
        #expect(aligned.isVectorizable && aligned.vectorWorkItems == 6 && aligned.packed(vectorized: true)[0] == -1)
        #expect(aligned.packed(vectorized: false)[0] == 0)
    }

    @Test func matmulTilesFitTheDevice() {
        let gpu = MatmulTiles.choose(isGPU: true, maxWorkGroupSize: 1024, localMemory: 48 << 10, elementSize: 4)
        #expect(gpu.groupSize == 256 && gpu.tileM == 64)
        let small = MatmulTiles.choose(isGPU: true, maxWorkGroupSize: 128, localMemory: 48 << 10, elementSize: 4)
        #expect(small.groupSize <= 128)
        let cpu = MatmulTiles.choose(isGPU: false, maxWorkGroupSize: 4096, localMemory: 1 << 20, elementSize: 8)
        #expect(cpu.groupSize == 64 && cpu.tileM % cpu.workM == 0)
    }
}
