/// What one fused node computes: a straight-line float32 program over its inputs, one value per
/// output element. Instruction `k` defines slot `k`; operands name earlier slots.
///
/// Built by `Fusion` from a region of elementwise nodes; run by the CPU backend as one tiled loop
/// (`FusedKernels`) and by OpenCL as one generated kernel (`FusedSource`). Each instruction uses
/// exactly the arithmetic of the unfused op, so a fused result equals the unfused one bit for bit.
public struct FusedProgram: Sendable, Hashable {
    public enum Instruction: Sendable, Hashable {
        /// External input `index` of the node (broadcast to the output shape).
        case input(Int)
        /// A float32 constant embedded in the program (a scalar operand of the original graph), by bit pattern.
        case literal(UInt32)
        case unary(UnaryOp, Int)
        case binary(BinaryOp, Int, Int)

        public var literalValue: Float? {
            if case .literal(let bits) = self { return Float(bitPattern: bits) }
            return nil
        }
    }

    public let instructions: [Instruction]
    /// Number of external inputs (`.input` indices run over `0..<inputCount`).
    public let inputCount: Int

    public init(instructions: [Instruction], inputCount: Int) {
        self.instructions = instructions
        self.inputCount = inputCount
    }

    /// The ops the node stands for, in the order they run (literals and inputs are not ops).
    public var containedOps: [String] {
        instructions.compactMap { instruction in
            switch instruction {
            case .unary(let op, _): op.rawValue
            case .binary(let op, _, _): op.rawValue
            case .input, .literal: nil
            }
        }
    }

    /// The name traces and tables show, short enough for the dashboard's op column:
    /// `fused[mul×4·add·mul·tanh·add·mul]` (repeats in a row counted, common ops abbreviated;
    /// `containedOps` has the full names).
    public var name: String {
        var parts: [String] = []
        var previous: String?
        var repeats = 0
        func flush() {
            guard let previous else { return }
            parts.append(repeats > 1 ? "\(previous)×\(repeats)" : previous)
        }
        for op in containedOps.map(Self.abbreviation) {
            if op == previous {
                repeats += 1
            } else {
                flush()
                previous = op
                repeats = 1
            }
        }
        flush()
        return "fused[" + parts.joined(separator: "·") + "]"
    }

    private static func abbreviation(_ op: String) -> String {
        switch op {
        case "multiply": "mul"
        case "subtract": "sub"
        case "divide": "div"
        case "negate": "neg"
        case "maximum": "max"
        case "minimum": "min"
        case "power": "pow"
        case "remainder": "rem"
        case "floorDivide": "floordiv"
        default: op
        }
    }

    /// Ops whose float32 kernels `FusedKernels` and `FusedSource` can run in a fused program.
    static func fusable(_ op: UnaryOp) -> Bool { op != .logicalNot }

    static func fusable(_ op: BinaryOp) -> Bool {
        switch op {
        case .add, .subtract, .multiply, .divide, .floorDivide, .remainder, .power, .maximum, .minimum: true
        default: false
        }
    }
}
