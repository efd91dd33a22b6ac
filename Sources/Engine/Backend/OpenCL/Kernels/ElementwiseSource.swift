/// OpenCL C for elementwise kernels: the expression of each op per dtype (the exact CPU functor,
/// see `Fn` and `IntMath`), wrapped in a kernel over `layout_t`.
enum ElementwiseSource {
    /// One elementwise kernel to put in a program.
    struct Kernel {
        let name: String
        let output: DType
        let inputs: [DType]
        let expression: String
    }

    /// A program holding `kernels`. PoCL spends most of a build on fixed costs, so related kernels
    /// (all unary ops of a dtype, all casts from one) share a program.
    static func program(_ kernels: [Kernel]) -> String {
        KernelPrelude.source(fp64: false) + kernels.map { kernel(name: $0.name, output: $0.output, inputs: $0.inputs, expression: $0.expression) }.joined()
    }

    /// `<name>(__global out*, __global const in*…, layout_t)`: `offset + i·stride` when the layout
    /// collapsed to rank 1, an index walk otherwise.
    static func kernel(name: String, output: DType, inputs: [DType], expression: String) -> String {
        let out = CLTypeInfo(output)
        let ins = inputs.map(CLTypeInfo.init)
        let letters = ["x", "y", "z"]
        var parameters = ["__global \(out.storage) *out"]
        for (k, t) in ins.enumerated() { parameters.append("__global const \(t.storage) *in\(k + 1)") }
        parameters.append("layout_t L")
        let signature = parameters.joined(separator: ", ")
        var body = ""
        for (k, t) in ins.enumerated() {
            body += "  \(t.compute) \(letters[k]) = \(t.load("in\(k + 1)", "o\(k + 1)"));\n"
        }
        body += "  " + out.store("out", "o0", expression) + "\n"
        let operands = 1 + inputs.count
        let linear = (0..<operands).map { "o\($0) = L.offset[\($0)] + i * L.stride[\($0)][0];" }.joined(separator: " ")
        let starts = (0..<operands).map { "o\($0) = L.offset[\($0)];" }.joined(separator: " ")
        let steps = (0..<operands).map { "o\($0) += c * L.stride[\($0)][d];" }.joined(separator: " ")
        let declared = (0..<operands).map { "o\($0)" }.joined(separator: ", ")
        let dense = (0..<operands).map { "long o\($0) = L.offset[\($0)] + i;" }.joined(separator: " ")
        // float32 in and out: a float4 branch (rank -1, see `StridedLayout.isVectorizable`), each
        // lane computing the scalar expression, so results equal the scalar path's bit for bit.
        var vector = ""
        if hasFloat4Path(output: output, inputs: inputs) {
            vector += "  if (L.rank == -1) {\n    long i = get_global_id(0);\n    if (i >= L.count / 4) return;\n"
            for k in inputs.indices {
                vector += "    float4 V\(k + 1) = ((__global const float4 *)(in\(k + 1) + L.offset[\(k + 1)]))[i];\n"
            }
            vector += "    float4 R;\n"
            for lane in 0..<4 {
                let loads = inputs.indices.map { "float \(letters[$0]) = V\($0 + 1).s\(lane);" }.joined(separator: " ")
                vector += "    { \(loads) R.s\(lane) = (float)(\(expression)); }\n"
            }
            vector += "    ((__global float4 *)(out + L.offset[0]))[i] = R;\n    return;\n  }\n"
        }
        // One kernel with uniform branches: PoCL generates code per kernel, so two would cost twice.
        // Rank 0 is `StridedLayout`'s dense path: a fixed trip count the compiler unrolls.
        return """
            __kernel void \(name)(\(signature)) {
            \(vector)
              if (L.rank == 0) {
                long g = get_global_size(0);
                long i = get_global_id(0);
                for (int u = 0; u < \(StridedLayout.denseElementsPerItem); ++u, i += g) {
                  if (i < L.count) {
                    \(dense)
                \(body)    }
                }
                return;
              }
              long i = get_global_id(0);
              if (i >= L.count) return;
              long \(declared);
              if (L.rank == 1) {
                \(linear)
              } else {
                \(starts)
                long rest = i;
                for (int d = (int)L.rank - 1; d >= 0; --d) {
                  long s = L.shape[d]; long c = rest % s; rest /= s;
                  \(steps)
                }
              }
            \(body)}

            """
    }

    /// Whether a kernel of these dtypes has the float4 branch (float32 in and out).
    static func hasFloat4Path(output: DType, inputs: [DType]) -> Bool {
        output == .float32 && inputs.allSatisfy { $0 == .float32 }
    }

    /// Every unary op `type` takes, as kernels `unary_<op>`.
    static func unaryGroup(_ type: DType) -> [Kernel] {
        UnaryOp.allCases.compactMap { op in
            (try? unary(op, type)).map { Kernel(name: "unary_\(op)", output: op == .logicalNot ? .bool : type, inputs: [type], expression: $0) }
        }
    }

    /// Every binary op `type` takes, as kernels `binary_<op>`.
    static func binaryGroup(_ type: DType) -> [Kernel] {
        BinaryOp.allCases.compactMap { op in
            let output: DType = op.isComparison || op == .logicalAnd || op == .logicalOr ? .bool : type
            return (try? binary(op, type)).map { Kernel(name: "binary_\(op)", output: output, inputs: [type, type], expression: $0) }
        }
    }

    /// Conversions from `type` to every dtype, as kernels `cast_<dtype>`.
    static func castGroup(_ type: DType) -> [Kernel] {
        DType.allCases.map { Kernel(name: "cast_\($0)", output: $0, inputs: [type], expression: cast(from: type, to: $0)) }
    }

    /// `select`: `condition ? x : y` with a bool condition.
    static func selectGroup(_ type: DType) -> [Kernel] {
        [Kernel(name: "select_values", output: type, inputs: [.bool, type, type], expression: "x ? y : z")]
    }

    /// `op` applied to `x` (compute-typed) for input dtype `type`.
    static func unary(_ op: UnaryOp, _ type: DType) throws(EngineError) -> String {
        let t = CLTypeInfo(type)
        switch type {
        case .float32, .float16:
            let fast = type == .float32
            switch op {
            case .negate: return "-x"
            case .abs: return "fabs(x)"
            case .square: return "x * x"
            case .exp: return fast ? "st_exp(x)" : "exp(x)"
            case .log: return "log(x)"
            case .sqrt: return "sqrt(x)"
            case .rsqrt: return "1.0f / sqrt(x)"
            case .tanh: return fast ? "st_tanh(x)" : "tanh(x)"
            case .sigmoid: return fast ? "st_sigmoid(x)" : "1.0f / (1.0f + exp(-x))"
            case .sin: return "sin(x)"
            case .cos: return "cos(x)"
            case .logicalNot: return "x == 0.0f"
            }
        case .int32, .int64:
            let (s, u) = (t.compute, t.unsigned)
            switch op {
            case .negate: return "(\(s))((\(u))0 - (\(u))x)"
            case .abs: return "x < 0 ? (\(s))((\(u))0 - (\(u))x) : x"
            case .square: return "(\(s))((\(u))x * (\(u))x)"
            case .logicalNot: return "x == 0"
            default: throw .dtype(op.rawValue, "the OpenCL kernels take \(op.rawValue) of floats only (the builder casts \(type))")
            }
        case .bool:
            switch op {
            case .logicalNot: return "x == 0"
            case .abs, .square: return "x"
            default: throw .dtype(op.rawValue, "the OpenCL kernels do not take \(op.rawValue) of bool")
            }
        }
    }

    /// `op` applied to `x` and `y`, both of dtype `type`.
    static func binary(_ op: BinaryOp, _ type: DType) throws(EngineError) -> String {
        switch op {
        case .equal: return type == .bool ? "x == y" : "x == y"
        case .notEqual: return "x != y"
        case .less: return type == .bool ? "!x && y" : "x < y"
        case .lessEqual: return type == .bool ? "!x || y" : "x <= y"
        case .greater: return type == .bool ? "x && !y" : "x > y"
        case .greaterEqual: return type == .bool ? "x || !y" : "x >= y"
        default: break
        }
        let t = CLTypeInfo(type)
        let refuse = EngineError.dtype(op.rawValue, "the OpenCL kernels do not take \(op.rawValue) of \(type) (the builder routes it)")
        switch type {
        case .float32, .float16:
            switch op {
            case .add: return "x + y"
            case .subtract: return "x - y"
            case .multiply: return "x * y"
            case .divide: return "x / y"
            case .floorDivide: return type == .float16 ? "floor(st_f16(x / y))" : "floor(x / y)"
            case .remainder: return "st_fremainder(x, y)"
            case .power: return "pow(x, y)"
            case .maximum: return "(isnan(x) || isnan(y)) ? NAN : (x > y ? x : y)"
            case .minimum: return "(isnan(x) || isnan(y)) ? NAN : (x < y ? x : y)"
            default: throw refuse
            }
        case .int32, .int64:
            let (s, u) = (t.compute, t.unsigned)
            switch op {
            case .add: return "(\(s))((\(u))x + (\(u))y)"
            case .subtract: return "(\(s))((\(u))x - (\(u))y)"
            case .multiply: return "(\(s))((\(u))x * (\(u))y)"
            case .floorDivide: return "st_floordiv_\(s)(x, y)"
            case .remainder: return "st_remainder_\(s)(x, y)"
            case .power: return "st_power_\(s)(x, y)"
            case .maximum: return "max(x, y)"
            case .minimum: return "min(x, y)"
            default: throw refuse
            }
        case .bool:
            switch op {
            case .logicalAnd, .multiply, .minimum: return "x && y"
            case .logicalOr, .add, .maximum: return "x || y"
            default: throw refuse
            }
        }
    }

    /// `x` of dtype `from` converted to the compute type of `to`, with the CPU's conversion rules:
    /// integers travel through Int64 (exact), anything touching a float through Double.
    static func cast(from: DType, to: DType) -> String {
        if from == to { return "x" }
        switch to {
        case .bool:
            return from.isFloatingPoint ? "x != 0.0f" : "x != 0"
        case .int32:
            switch from {
            case .float16, .float32: return "as_int((uint)(ulong)st_sat_long(x))"
            case .int64: return "as_int((uint)(ulong)x)"
            default: return "(int)x"
            }
        case .int64:
            return from.isFloatingPoint ? "st_sat_long(x)" : "(long)x"
        case .float16, .float32:
            switch from {
            case .int64: return "st_long_to_float(x)"
            case .int32, .bool: return "convert_float_rte(x)"
            default: return "x"
            }
        }
    }
}
