/// OpenCL C for a `FusedProgram`: one work item per output element, one statement per instruction,
/// each the exact expression of the unfused kernel (`ElementwiseSource.unary`/`binary` over the
/// same prelude helpers, with contraction off), so fused and unfused results agree bit for bit.
enum FusedSource {
    /// How the kernel reads an external input.
    enum Access: Hashable {
        /// Row-major over the output, from an element offset: `in[offset + i]`.
        case dense
        /// One element for every output element: `in[offset]`.
        case scalar
    }

    static let kernelName = "fused"

    /// How a fused kernel over `count` elements can read `ref`; nil when it must be gathered first.
    static func access(_ ref: CLArrayRef, count: Int) -> Access? {
        if ref.count == 1 { return .scalar }
        return ref.count == count && ref.isRowContiguous ? .dense : nil
    }

    /// What a fused kernel's source is generated from.
    struct Key: Hashable {
        let program: FusedProgram
        let access: [Access]
    }

    /// `fused(__global float *out, __global const float *in0, long offset0, …, long count)`.
    static func program(_ program: FusedProgram, access: [Access]) throws(EngineError) -> String {
        var parameters = ["__global float *out"]
        for k in access.indices { parameters += ["__global const float *in\(k)", "long offset\(k)"] }
        parameters.append("long count")
        var body = ""
        for (k, instruction) in program.instructions.enumerated() {
            switch instruction {
            case .input(let i):
                body += "  float r\(k) = in\(i)[offset\(i)\(access[i] == .dense ? " + i" : "")];\n"
            case .literal(let bits):
                body += "  const float r\(k) = as_float(0x\(String(bits, radix: 16))u);\n"
            case .unary(let op, let a):
                body += "  float r\(k); { float x = r\(a); r\(k) = \(try ElementwiseSource.unary(op, .float32)); }\n"
            case .binary(let op, let a, let b):
                body += "  float r\(k); { float x = r\(a); float y = r\(b); r\(k) = \(try ElementwiseSource.binary(op, .float32)); }\n"
            }
        }
        body += "  out[i] = r\(program.instructions.count - 1);\n"
        return KernelPrelude.source(fp64: false) + """
            __kernel void \(kernelName)(\(parameters.joined(separator: ", "))) {
              long i = get_global_id(0);
              if (i >= count) return;
            \(body)}

            """
    }
}
