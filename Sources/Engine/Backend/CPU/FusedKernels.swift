/// Runs a `FusedProgram` on the CPU: one pass over the output in tiles small enough that every
/// intermediate stays in L1/L2, each instruction applied to a whole tile with the kernel the unfused
/// op uses (the C vector maps for exp/log/tanh/sigmoid, the `Fn` functors otherwise), so the result
/// is bit-identical to the unfused graph while memory is read and written once.
enum FusedKernels {
    /// Elements per tile: 4 KiB per intermediate, so the few live tiles of a chain stay in a 32 KiB
    /// L1 (measured on the 2-core dev VM, GELU 16M: 512–1024 ≈ 25 ms, 2048 ≈ 30 ms, 4096 worse).
    static let tile = 1024
    /// Elements per thread below which the loop stays on one thread (several ops per element).
    static let grain = 1 << 14

    /// How an instruction reads one operand.
    enum Operand {
        case scalar(Float)
        /// An external input in output order: element i of the tile is `pointer[tileStart + i]`.
        case dense(UnsafePointer<Float>)
        /// A scratch tile (element i at `pointer[i]`).
        case scratch(Int)
    }

    /// Where each slot's value lives, fixed before the loop: scalars are computed once, vectors get a
    /// scratch tile that is reused once its value is dead.
    private struct Plan {
        var operands: [Operand]
        var scratchCount: Int
    }

    /// `inputs`: the node's external inputs, each dense over the output or a single element
    /// (the backend gathers any other layout first).
    static func run(_ program: FusedProgram, inputs: [Operand], count: Int, out: UnsafeMutablePointer<Float>) {
        let instructions = program.instructions
        let result = instructions.count - 1
        var plan = Plan(operands: [], scratchCount: 0)
        var lastUse = Array(instructions.indices)
        for (k, instruction) in instructions.enumerated() {
            switch instruction {
            case .unary(_, let a): lastUse[a] = k
            case .binary(_, let a, let b): lastUse[a] = k; lastUse[b] = k
            case .input, .literal: break
            }
        }
        var free: [Int] = []
        for (k, instruction) in instructions.enumerated() {
            let operand: Operand
            switch instruction {
            case .input(let i): operand = inputs[i]
            case .literal(let bits): operand = .scalar(Float(bitPattern: bits))
            case .unary(let op, let a):
                if case .scalar(let v) = plan.operands[a] {
                    operand = .scalar(applyScalar(op, v))
                } else {
                    operand = k == result ? .scratch(-1) : .scratch(free.popLast() ?? plan.scratchCount)
                }
            case .binary(let op, let a, let b):
                if case .scalar(let x) = plan.operands[a], case .scalar(let y) = plan.operands[b] {
                    operand = .scalar(applyScalar(op, x, y))
                } else {
                    operand = k == result ? .scratch(-1) : .scratch(free.popLast() ?? plan.scratchCount)
                }
            }
            if case .scratch(let s) = operand, s == plan.scratchCount { plan.scratchCount += 1 }
            plan.operands.append(operand)
            // Operands whose last use is this instruction free their tiles for later ones.
            for (j, used) in lastUse.enumerated() where used == k && j != k {
                if case .scratch(let s) = plan.operands[j], s >= 0, !free.contains(s) { free.append(s) }
            }
        }
        if case .scalar(let value) = plan.operands[result] {
            out.initialize(repeating: value, count: count)
            return
        }
        let fixed = plan
        let dst = UncheckedSendable(out)
        Parallel.forRanges(count, grain: grain) { range in
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, fixed.scratchCount) * tile)
            defer { scratch.deallocate() }
            var start = range.lowerBound
            while start < range.upperBound {
                let n = Swift.min(tile, range.upperBound - start)
                runTile(instructions, fixed, start: start, n: n, scratch: scratch, out: dst.value + start)
                start += n
            }
        }
    }

    private static func runTile(
        _ instructions: [FusedProgram.Instruction], _ plan: Plan, start: Int, n: Int, scratch: UnsafeMutablePointer<Float>,
        out: UnsafeMutablePointer<Float>
    ) {
        @inline(__always) func destination(_ k: Int) -> UnsafeMutablePointer<Float>? {
            guard case .scratch(let s) = plan.operands[k] else { return nil }
            return s < 0 ? out : scratch + s * tile
        }
        @inline(__always) func source(_ k: Int) -> Source {
            switch plan.operands[k] {
            case .scalar(let v): .scalar(v)
            case .dense(let p): .vector(p + start)
            case .scratch(let s): .vector(UnsafePointer(s < 0 ? out : scratch + s * tile))
            }
        }
        for (k, instruction) in instructions.enumerated() {
            guard let o = destination(k) else { continue }
            switch instruction {
            case .unary(let op, let a): unary(op, source(a), o, n)
            case .binary(let op, let a, let b): binary(op, source(a), source(b), o, n)
            case .input, .literal: break
            }
        }
    }

    /// An operand as a tile loop reads it.
    enum Source {
        case scalar(Float)
        case vector(UnsafePointer<Float>)
    }

    private static func unary(_ op: UnaryOp, _ x: Source, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        guard case .vector(let p) = x else { preconditionFailure("scalar-only instructions are computed before the loop") }
        if let map = VectorMath.map(op) {
            map(p, o, n)
            return
        }
        switch op {
        case .negate: loop(Fn.Negate<Float>.self, p, o, n)
        case .abs: loop(Fn.Abs<Float>.self, p, o, n)
        case .square: loop(Fn.Square<Float>.self, p, o, n)
        case .sqrt: loop(Fn.Sqrt<Float>.self, p, o, n)
        case .rsqrt: loop(Fn.Rsqrt<Float>.self, p, o, n)
        case .sin: loop(Fn.Sin<Float>.self, p, o, n)
        case .cos: loop(Fn.Cos<Float>.self, p, o, n)
        case .exp: loop(Fn.FastExp.self, p, o, n)
        case .tanh: loop(Fn.FastTanh.self, p, o, n)
        case .sigmoid: loop(Fn.FastSigmoid.self, p, o, n)
        case .log: loop(Fn.Log<Float>.self, p, o, n)
        case .logicalNot: preconditionFailure("logicalNot is not fused")
        }
    }

    private static func binary(_ op: BinaryOp, _ a: Source, _ b: Source, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        switch op {
        case .add: loop(Fn.Add<Float>.self, a, b, o, n)
        case .subtract: loop(Fn.Subtract<Float>.self, a, b, o, n)
        case .multiply: loop(Fn.Multiply<Float>.self, a, b, o, n)
        case .divide: loop(Fn.Divide<Float>.self, a, b, o, n)
        case .floorDivide: loop(Fn.FloorDivide<Float>.self, a, b, o, n)
        case .remainder: loop(Fn.Remainder<Float>.self, a, b, o, n)
        case .power: loop(Fn.Power<Float>.self, a, b, o, n)
        case .maximum: loop(Fn.Maximum<Float>.self, a, b, o, n)
        case .minimum: loop(Fn.Minimum<Float>.self, a, b, o, n)
        default: preconditionFailure("\(op) is not fused")
        }
    }

    @inline(__always)
    private static func loop<F: UnaryFunctor>(_: F.Type, _ p: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int)
    where F.In == Float, F.Out == Float {
        for i in 0..<n { o[i] = F.apply(p[i]) }
    }

    @inline(__always)
    private static func loop<F: BinaryFunctor>(_: F.Type, _ a: Source, _ b: Source, _ o: UnsafeMutablePointer<Float>, _ n: Int)
    where F.In == Float, F.Out == Float {
        switch (a, b) {
        case (.vector(let x), .vector(let y)): for i in 0..<n { o[i] = F.apply(x[i], y[i]) }
        case (.vector(let x), .scalar(let y)): for i in 0..<n { o[i] = F.apply(x[i], y) }
        case (.scalar(let x), .vector(let y)): for i in 0..<n { o[i] = F.apply(x, y[i]) }
        case (.scalar(let x), .scalar(let y)): o.update(repeating: F.apply(x, y), count: n)
        }
    }

    /// An instruction whose operands are all scalars, computed once with the same kernels.
    private static func applyScalar(_ op: UnaryOp, _ x: Float) -> Float {
        var input = x
        var output: Float = 0
        withUnsafePointer(to: &input) { p in withUnsafeMutablePointer(to: &output) { o in unary(op, .vector(p), o, 1) } }
        return output
    }

    private static func applyScalar(_ op: BinaryOp, _ x: Float, _ y: Float) -> Float {
        var output: Float = 0
        withUnsafeMutablePointer(to: &output) { o in binary(op, .scalar(x), .scalar(y), o, 1) }
        return output
    }
}
