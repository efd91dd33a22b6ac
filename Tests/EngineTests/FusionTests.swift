import Foundation
import Testing

@testable import Engine

/// The GELU chain of issue 11, as a user writes it.
@Sendable func geluChain(_ x: Tensor) throws(EngineError) -> Tensor {
    try 0.5 * x * (1 + tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
}

/// Random floats of several magnitudes plus the edge values every elementwise kernel must get right.
func fusionInputs(count: Int, seed: UInt64) -> [Float] {
    var rng = SplitMix(seed: seed)
    let edges: [Float] = [0, -0, .infinity, -.infinity, .nan, 1e30, -1e30, 88, -88, 9, -9, 0.625, -0.625, .leastNonzeroMagnitude, .leastNormalMagnitude]
    var values = edges
    while values.count < count {
        let scale: Float = [0.01, 1, 4, 30][Int(rng.next() % 4)]
        values.append(Float.random(in: -1...1, using: &rng) * scale)
    }
    return Array(values.prefix(count))
}

/// Bitwise equality with every NaN equal to every NaN.
func sameBits(_ a: [Float], _ b: [Float]) -> [Int] {
    a.indices.filter { !(a[$0].bitPattern == b[$0].bitPattern || (a[$0].isNaN && b[$0].isNaN)) }
}

/// The fused node a compiled call left on `t` (nil when it was not rewritten).
func fusedProgram(_ t: Tensor) -> FusedProgram? {
    if case .fused(let program) = t.node?.primitive { return program }
    return nil
}

@Suite struct FusionTests {
    /// Bit-identical, not just ≤ 2 ulp: the fused loop runs the very kernels the unfused ops run
    /// (the C vector tanh, IEEE multiply/add without contraction), only tile by tile.
    @Test("fused GELU on the CPU equals the unfused graph bit for bit, edge values included", arguments: [1, 2047, 2048, 100_003])
    func geluBitIdentical(count: Int) throws {
        let values = fusionInputs(count: count, seed: UInt64(count))
        let x = try Tensor(values)
        let unfused = try geluChain(x)
        let fused = try compile(geluChain)(x)
        let program = try #require(fusedProgram(fused))
        #expect(program.containedOps.count == 9)
        let a = try floats(unfused), b = try floats(fused)
        let differing = sameBits(a, b)
        #expect(differing.isEmpty, "\(differing.prefix(5).map { "x=\(values[$0]): \(a[$0]) vs \(b[$0])" })")
        // And the chain is GELU: an independent Double evaluation, within float32 rounding of a 9-op chain.
        for (i, v) in values.enumerated() where v.isFinite && Swift.abs(v) < 50 {
            let d = Double(v)
            let want = 0.5 * d * (1 + Foundation.tanh(0.7978845608 * (d + 0.044715 * d * d * d)))
            #expect(Swift.abs(Double(b[i]) - want) <= 1e-5 * Swift.max(1, Swift.abs(want)), "x=\(v)")
        }
    }

    @Test("an input nobody else holds donates its buffer to the fused result, which is still right")
    func donatedInput() throws {
        let values = fusionInputs(count: 50_000, seed: 4)
        let reference = try floats(geluChain(Tensor(values)))
        let y = try compile(geluChain)(Tensor(values))  // the temporary input is held by the fused node alone
        // The address only: holding the Buffer itself would keep it from being donated.
        let inputAddress = try #require(y.node?.inputs.first?.data?.buffer.pointer)
        try eval(y)
        let data = try #require(Scheduler.lock.withLock { y.data })
        #expect(data.buffer.pointer == inputAddress, "the output did not reuse the input's buffer")
        #expect(sameBits(try floats(y), reference).isEmpty)
    }

    @Test("empty and 0-d inputs: the fused node has the unfused shape and values")
    func emptyAndScalar() throws {
        let gelu = compile(geluChain)
        let empty = try gelu(zeros([0, 3]))
        #expect(fusedProgram(empty) != nil)
        #expect(empty.shape == [0, 3])
        #expect(try floats(empty).isEmpty)
        let scalar = try Tensor(Float(1.5))
        let y = try gelu(scalar)
        #expect(y.shape == [])
        #expect(try floats(y) == floats(geluChain(scalar)))
    }

    @Test("a strided input (a transpose) and a broadcast row are read correctly by the fused loop")
    func stridedAndBroadcastInputs() throws {
        let m = try reshape(Tensor((0..<12).map { Float($0) - 5.5 }), [3, 4])
        let row = try Tensor([Float(1), 2, 3])
        let f = compile { (a: Tensor, b: Tensor) throws(EngineError) -> Tensor in try exp(a * 0.25) + b * b }
        let t = try transpose(m)  // (4,3), not contiguous
        let fused = try f(t, row)
        #expect(fusedProgram(fused) != nil)
        let unfused = try exp(t * 0.25) + row * row
        #expect(sameBits(try floats(fused), try floats(unfused)).isEmpty)
        #expect(fused.shape == [4, 3])
    }

    @Test("an intermediate also returned by the function splits the chain: it is computed, and so is the rest")
    func intermediateUsedOutside() throws {
        let f = compile(many: { xs throws(EngineError) -> [Tensor] in
            let inner = try exp(xs[0] * 2) + 1  // multiply, exp, add
            return [inner, try tanh(inner) * 3]  // tanh, multiply
        })
        let x = try Tensor([Float(-1), 0, 0.5, 2])
        let outs = try f([x])
        let inner = try #require(fusedProgram(outs[0]))
        let outer = try #require(fusedProgram(outs[1]))
        #expect(inner.containedOps == ["multiply", "exp", "add"])
        #expect(outer.containedOps == ["tanh", "multiply"])
        #expect(outs[1].node!.inputs.map(\.id) == [outs[0].id])
        let reference = try exp(x * 2) + 1
        #expect(try floats(outs[0]) == floats(reference))
        #expect(try floats(outs[1]) == floats(tanh(reference) * 3))
    }

    @Test("a single op is left alone; a non-elementwise op in the middle splits the region")
    func singleOpAndBarrier() throws {
        let x = try Tensor([Float(1), 2, 3, 4])
        let single = try compile { x throws(EngineError) in try exp(x) }(x)
        if case .unary(.exp) = single.node?.primitive {} else { Issue.record("exp was rewritten: \(String(describing: single.node?.primitive))") }
        let split = try compile { x throws(EngineError) in try exp(sum(x * 2)) * 3 }(x)
        // exp and multiply after the reduction fuse; the multiply before it stands alone.
        #expect(fusedProgram(split)?.containedOps == ["exp", "multiply"])
        #expect(try floats(split) == floats(exp(sum(x * 2)) * 3))
    }

    @Test("ops on different streams are not fused together")
    func streamsSplit() throws {
        let s1 = try newStream(name: "fusion a"), s2 = try newStream(name: "fusion b")
        let f = compile { x throws(EngineError) in
            let a = try exp(multiply(x, x, stream: .stream(s1)), stream: .stream(s1))
            return try tanh(add(a, a, stream: .stream(s2)), stream: .stream(s2))
        }
        let x = try Tensor([Float(0.1), 0.2, -0.3])
        let y = try f(x)
        let outer = try #require(fusedProgram(y))
        #expect(outer.containedOps == ["add", "tanh"])
        #expect(y.node!.stream === s2)
        let inner = y.node!.inputs[0]
        #expect(fusedProgram(inner)?.containedOps == ["multiply", "exp"])
        #expect(inner.node!.stream === s1)
        let want = try tanh(exp(x * x) + exp(x * x))
        #expect(try floats(y) == floats(want))
    }

    @Test("scalar constants become literals: weak scalars, a size-1 full, a broadcast of one")
    func literalsEmbedded() throws {
        let x = try Tensor([Float(1), -2, 3])
        let y = try compile { x throws(EngineError) in
            let c = try broadcast(full([1], 2.5), to: [3])
            return try (x * 0.5 + c) * full([], 4.0)
        }(x)
        let program = try #require(fusedProgram(y))
        #expect(program.inputCount == 1)
        #expect(y.node!.inputs.map(\.id) == [x.id])
        let literals = Set(program.instructions.compactMap(\.literalValue))
        #expect(literals == [0.5, 2.5, 4])
        #expect(try floats(y) == [12, 6, 16])
    }

    @Test("int32 chains are not fused; a float chain fed by a cast starts after the cast")
    func dtypes() throws {
        let i = try Tensor([Int32(1), 2, 3])
        let ints = try compile { x throws(EngineError) in try (x + x) * x }(i)
        #expect(fusedProgram(ints) == nil)
        #expect(try floats(astype(ints, .float32)) == [2, 8, 18])
        let mixed = try compile { x throws(EngineError) in try exp(x) * 2 }(i)  // astype, exp, multiply
        #expect(fusedProgram(mixed)?.containedOps == ["exp", "multiply"])
        #expect(try floats(mixed) == floats(exp(i) * 2))
    }

    @Test("shape and dtype errors inside a compiled function name the op")
    func errorsNameTheOp() throws {
        let f = compile { (a: Tensor, b: Tensor) throws(EngineError) -> Tensor in try exp(a) + b }
        #expect(throws: EngineError.self) { try f(Tensor([Float(1), 2]), Tensor([Float(1), 2, 3])) }
        do {
            _ = try f(Tensor([Float(1), 2]), Tensor([Float(1), 2, 3]))
        } catch {
            #expect(error.op == "add" && error.kind == .shape)
            #expect(error.message.contains("(2) float32") && error.message.contains("(3) float32"))
        }
        let g = compile { x throws(EngineError) in try negative(logicalNot(x)) }
        do {
            _ = try g(Tensor([Float(1), 0]))
            Issue.record("negative of bool did not throw")
        } catch {
            #expect(error.op == "negate" && error.kind == .dtype)
        }
    }

    @Test("the recorder sees one fused op carrying its contained ops, with summed flops and external bytes")
    func recorded() throws {
        let recorder = CollectingRecorder()
        let stream = try newStream(name: "fusion recorded")
        let x = try Tensor(fusionInputs(count: 1000, seed: 9))
        let y = try withDefaultStream(stream) { try compile(geluChain)(x) }
        let token = Recording.add(recorder)
        try eval(y)
        Recording.remove(token)
        let ops = recorder.ops.filter { $0.streamIndex == stream.index }
        #expect(ops.count == 1)
        let op = try #require(ops.first)
        #expect(op.fusedOps == ["multiply", "multiply", "multiply", "multiply", "add", "multiply", "tanh", "add", "multiply"])
        #expect(op.name == "fused[mul×4·add·mul·tanh·add·mul]")
        #expect(op.flops == 9 * 1000)
        #expect(op.bytes == 2 * 1000 * 4)
        let graph = try #require(recorder.graphs.last { $0.nodes.contains { $0.id == y.id } })
        #expect(graph.nodes.first { $0.id == y.id }?.name == op.name)
    }
}
