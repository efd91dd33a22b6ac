/// OpenCL C for row reductions: one work-group per output row (kept axes), its work items striding
/// over the row's reduced elements, then a tree in local memory. Offsets come from `rows_t`, so
/// any axes of any strided input reduce without a copy. The group size is a power of two.
enum ReduceSource {
    /// Offsets of row `row` (outer) and element `j` (inner) in the input (`o`) and a strided output (`w`).
    static let indexing = """
        inline long st_outer(rows_t R, long row, __private long *w) {
          long o = R.inOffset, rest = row; *w = 0;
          for (int d = (int)R.outerRank - 1; d >= 0; --d) {
            long s = R.outerShape[d]; long c = rest % s; rest /= s;
            o += c * R.outerStride[d]; *w += c * R.outOuterStride[d];
          }
          return o;
        }
        inline long st_inner(rows_t R, long j, __private long *w) {
          long o = 0, rest = j; *w = 0;
          for (int d = (int)R.innerRank - 1; d >= 0; --d) {
            long s = R.innerShape[d]; long c = rest % s; rest /= s;
            o += c * R.innerStride[d]; *w += c * R.outInnerStride[d];
          }
          return o;
        }

        """

    /// The accumulator of a reduction: its type, start value, combine and the final conversion.
    struct Accumulator {
        let type: String
        let initial: String
        /// An expression of `a` and `b`.
        let combine: String
        /// An expression of `acc` in the output's compute type.
        let finish: String
    }

    static func accumulator(_ op: ReduceOp, _ type: DType, fp64: Bool) throws(EngineError) -> Accumulator {
        let refuse = EngineError.dtype(op.rawValue, "the OpenCL kernels do not reduce \(type) with \(op.rawValue) (the builder casts it)")
        switch (op, type) {
        case (.all, _), (.min, .bool):
            return Accumulator(type: "uchar", initial: "1", combine: "a && b", finish: "acc")
        case (.any, _), (.max, .bool):
            return Accumulator(type: "uchar", initial: "0", combine: "a || b", finish: "acc")
        case (_, .bool):
            throw refuse
        case (.sum, .float32), (.sum, .float16), (.prod, .float32), (.prod, .float16):
            // The CPU accumulates in double; with fp64 so do we (a tree instead of a loop).
            let sum = op == .sum
            let acc = fp64 ? "double" : "float"
            let finish = fp64 ? (type == .float16 ? "st_double_to_half(acc)" : "convert_float_rte(acc)") : "acc"
            return Accumulator(type: acc, initial: sum ? "0" : "1", combine: sum ? "a + b" : "a * b", finish: finish)
        case (.max, .float32), (.max, .float16):
            return Accumulator(type: "float", initial: "-INFINITY", combine: "(isnan(a) || isnan(b)) ? NAN : (b > a ? b : a)", finish: "acc")
        case (.min, .float32), (.min, .float16):
            return Accumulator(type: "float", initial: "INFINITY", combine: "(isnan(a) || isnan(b)) ? NAN : (b < a ? b : a)", finish: "acc")
        case (.sum, _), (.prod, _):
            let t = CLTypeInfo(type)
            let sign = op == .sum ? "+" : "*"
            return Accumulator(type: t.unsigned, initial: op == .sum ? "0" : "1", combine: "a \(sign) b", finish: "(\(t.compute))acc")
        case (.max, _):
            return Accumulator(type: CLTypeInfo(type).compute, initial: type == .int32 ? "INT_MIN" : "LONG_MIN", combine: "max(a, b)", finish: "acc")
        case (.min, _):
            return Accumulator(type: CLTypeInfo(type).compute, initial: type == .int32 ? "INT_MAX" : "LONG_MAX", combine: "min(a, b)", finish: "acc")
        }
    }

    /// The reductions `type` takes and the dtype each gives: all/any/max/min of bools, sum/prod/max/min otherwise.
    static func reduceOps(_ type: DType) -> [ReduceOp] {
        type == .bool ? [.all, .any, .max, .min] : [.sum, .prod, .max, .min]
    }

    /// One program with a kernel `reduce_<op>` for each of `reduceOps(type)`.
    static func reduceGroup(_ type: DType, fp64: Bool) throws(EngineError) -> String {
        var text = KernelPrelude.source(fp64: fp64) + indexing
        for op in reduceOps(type) {
            text += try reduce(op, input: type, output: type, fp64: fp64) + split(op, input: type, output: type, fp64: fp64)
        }
        return text
    }

    /// The two passes of a long-row reduction split across work-groups:
    /// `partial_<op>(partials, in, rows_t, __local acc*, chunks, chunkLength)` reduces chunk
    /// `group % chunks` of row `group / chunks` into an accumulator, and
    /// `combine_<op>(out, partials, chunks, __local acc*)` merges each row's chunks and finishes.
    static func split(_ op: ReduceOp, input: DType, output: DType, fp64: Bool) throws(EngineError) -> String {
        let a = try accumulator(op, input, fp64: fp64)
        let i = CLTypeInfo(input)
        let o = CLTypeInfo(output)
        return """
            __kernel void partial_\(op)(__global \(a.type) *partials, __global const \(i.storage) *in, rows_t R,
                                      __local \(a.type) *scratch, long chunks, long chunkLength) {
              long g = get_group_id(0);
              long row = g / chunks, chunk = g % chunks;
              int lid = get_local_id(0), size = get_local_size(0);
              long w;
              long base = st_outer(R, row, &w);
              long end = min((chunk + 1) * chunkLength, R.innerCount);
              \(a.type) acc = \(a.initial);
              for (long j = chunk * chunkLength + lid; j < end; j += size) {
                \(i.compute) x = \(i.load("in", "base + st_inner(R, j, &w)"));
                acc = st_combine_\(op)(acc, (\(a.type))x);
              }
              scratch[lid] = acc;
              barrier(CLK_LOCAL_MEM_FENCE);
              for (int s = size / 2; s > 0; s >>= 1) {
                if (lid < s) scratch[lid] = st_combine_\(op)(scratch[lid], scratch[lid + s]);
                barrier(CLK_LOCAL_MEM_FENCE);
              }
              if (lid == 0) partials[g] = scratch[0];
            }

            __kernel void combine_\(op)(__global \(o.storage) *out, __global const \(a.type) *partials, long chunks,
                                      __local \(a.type) *scratch) {
              long row = get_group_id(0);
              int lid = get_local_id(0), size = get_local_size(0);
              \(a.type) acc = \(a.initial);
              for (long c = lid; c < chunks; c += size) acc = st_combine_\(op)(acc, partials[row * chunks + c]);
              scratch[lid] = acc;
              barrier(CLK_LOCAL_MEM_FENCE);
              for (int s = size / 2; s > 0; s >>= 1) {
                if (lid < s) scratch[lid] = st_combine_\(op)(scratch[lid], scratch[lid + s]);
                barrier(CLK_LOCAL_MEM_FENCE);
              }
              if (lid == 0) { acc = scratch[0]; \(o.store("out", "row", a.finish)) }
            }

            """
    }

    /// `reduce_<op>(out, in, rows_t, __local acc*)`.
    static func reduce(_ op: ReduceOp, input: DType, output: DType, fp64: Bool) throws(EngineError) -> String {
        let a = try accumulator(op, input, fp64: fp64)
        let i = CLTypeInfo(input)
        let o = CLTypeInfo(output)
        return """
            inline \(a.type) st_combine_\(op)(\(a.type) a, \(a.type) b) { return \(a.combine); }

            __kernel void reduce_\(op)(__global \(o.storage) *out, __global const \(i.storage) *in, rows_t R, __local \(a.type) *scratch) {
              long row = get_group_id(0);
              int lid = get_local_id(0), size = get_local_size(0);
              long w;
              long base = st_outer(R, row, &w);
              \(a.type) acc = \(a.initial);
              for (long j = lid; j < R.innerCount; j += size) {
                \(i.compute) x = \(i.load("in", "base + st_inner(R, j, &w)"));
                acc = st_combine_\(op)(acc, (\(a.type))x);
              }
              scratch[lid] = acc;
              barrier(CLK_LOCAL_MEM_FENCE);
              for (int s = size / 2; s > 0; s >>= 1) {
                if (lid < s) scratch[lid] = st_combine_\(op)(scratch[lid], scratch[lid + s]);
                barrier(CLK_LOCAL_MEM_FENCE);
              }
              if (lid == 0) { acc = scratch[0]; \(o.store("out", "row", a.finish)) }
            }

            """
    }

    /// One program with kernels `argmax` and `argmin` for `type`.
    static func argGroup(_ type: DType) -> String {
        KernelPrelude.source(fp64: false) + indexing + argReduce(.argmax, input: type) + argReduce(.argmin, input: type)
    }

    /// `<op>(out, in, rows_t, __local key*, __local int*)`: the first index of the extreme, a NaN
    /// counting as the extreme (as the CPU). Keys compare as the CPU's `Double` values do.
    static func argReduce(_ op: ArgReduceOp, input: DType) -> String {
        let i = CLTypeInfo(input)
        let (key, toKey, isNaN): (String, String, String) =
            switch input {
            case .float16, .float32: ("float", "x", "isnan(v)")
            case .int64: ("long", "st_round53(x)", "0")
            case .int32: ("int", "x", "0")
            case .bool: ("int", "(int)x", "0")
            }
        let better = op == .argmax ? ">" : "<"
        return """
            /* Whether (va, ia) comes before (vb, ib): a valid index, a NaN, a more extreme value, a lower index. */
            inline int st_before_\(op)(\(key) va, int ia, \(key) vb, int ib) {
              if (ia < 0) return 0;
              if (ib < 0) return 1;
              \(key) v = va; int na = \(isNaN); v = vb; int nb = \(isNaN);
              if (na || nb) return (na && nb) ? ia < ib : na;
              if (va != vb) return va \(better) vb;
              return ia < ib;
            }

            __kernel void \(op)(__global int *out, __global const \(i.storage) *in, rows_t R,
                                    __local \(key) *keys, __local int *indices) {
              long row = get_group_id(0);
              int lid = get_local_id(0), size = get_local_size(0);
              long w;
              long base = st_outer(R, row, &w);
              \(key) best = 0; int bestIndex = -1;
              for (long j = lid; j < R.innerCount; j += size) {
                \(i.compute) x = \(i.load("in", "base + st_inner(R, j, &w)"));
                \(key) k = \(toKey);
                if (st_before_\(op)(k, (int)j, best, bestIndex)) { best = k; bestIndex = (int)j; }
              }
              keys[lid] = best; indices[lid] = bestIndex;
              barrier(CLK_LOCAL_MEM_FENCE);
              for (int s = size / 2; s > 0; s >>= 1) {
                if (lid < s && st_before_\(op)(keys[lid + s], indices[lid + s], keys[lid], indices[lid])) {
                  keys[lid] = keys[lid + s]; indices[lid] = indices[lid + s];
                }
                barrier(CLK_LOCAL_MEM_FENCE);
              }
              if (lid == 0) out[row] = indices[0] < 0 ? 0 : indices[0];
            }

            """
    }

    /// One program with kernels `softmax` and `logsumexp` for a float dtype.
    static func normalizeGroup(_ type: DType, fp64: Bool) -> String {
        KernelPrelude.source(fp64: fp64) + indexing + softmax(type) + logsumexp(type, fp64: fp64)
    }

    /// `softmax(out, in, rows_t, __local float*)`: max (NaN skipped, as Swift.max), then Σ exp(x − max),
    /// then exp(x − max) / Σ written through the output strides. float16 rounds exp(x − max) to half
    /// before dividing, as the CPU stores it first.
    static func softmax(_ type: DType) -> String {
        let t = CLTypeInfo(type)
        let rounded = type == .float16 ? "st_f16(exp(x - m))" : "exp(x - m)"
        return """
            __kernel void softmax(__global \(t.storage) *out, __global const \(t.storage) *in, rows_t R, __local float *scratch) {
              long row = get_group_id(0);
              int lid = get_local_id(0), size = get_local_size(0);
              long wo, wi;
              long base = st_outer(R, row, &wo);
              float m = -INFINITY;
              for (long j = lid; j < R.innerCount; j += size) {
                float x = \(t.load("in", "base + st_inner(R, j, &wi)"));
                m = fmax(m, x);
              }
              scratch[lid] = m;
              barrier(CLK_LOCAL_MEM_FENCE);
              for (int s = size / 2; s > 0; s >>= 1) {
                if (lid < s) scratch[lid] = fmax(scratch[lid], scratch[lid + s]);
                barrier(CLK_LOCAL_MEM_FENCE);
              }
              m = scratch[0];
              if (m == -INFINITY) m = 0.0f;
              barrier(CLK_LOCAL_MEM_FENCE);
              float total = 0.0f;
              for (long j = lid; j < R.innerCount; j += size) {
                float x = \(t.load("in", "base + st_inner(R, j, &wi)"));
                total += exp(x - m);
              }
              scratch[lid] = total;
              barrier(CLK_LOCAL_MEM_FENCE);
              for (int s = size / 2; s > 0; s >>= 1) {
                if (lid < s) scratch[lid] = scratch[lid] + scratch[lid + s];
                barrier(CLK_LOCAL_MEM_FENCE);
              }
              total = scratch[0];
              for (long j = lid; j < R.innerCount; j += size) {
                long o = base + st_inner(R, j, &wi);
                float x = \(t.load("in", "o"));
                \(t.store("out", "wo + wi", "\(rounded) / total"))
              }
            }

            """
    }

    /// `logsumexp(out, in, rows_t, __local acc*)`: max + log Σ exp(x − max), in double when the device
    /// has it (as the CPU); an infinite or all-NaN max is the result itself, −∞ for an empty row.
    static func logsumexp(_ type: DType, fp64: Bool) -> String {
        let t = CLTypeInfo(type)
        let acc = fp64 ? "double" : "float"
        let finish = fp64 ? (type == .float16 ? "st_double_to_half(r)" : "convert_float_rte(r)") : "r"
        return """
            __kernel void logsumexp(__global \(t.storage) *out, __global const \(t.storage) *in, rows_t R, __local \(acc) *scratch) {
              long row = get_group_id(0);
              int lid = get_local_id(0), size = get_local_size(0);
              long w;
              long base = st_outer(R, row, &w);
              \(acc) m = -INFINITY;
              for (long j = lid; j < R.innerCount; j += size) {
                \(acc) x = (\(acc))\(t.load("in", "base + st_inner(R, j, &w)"));
                m = fmax(m, x);
              }
              scratch[lid] = m;
              barrier(CLK_LOCAL_MEM_FENCE);
              for (int s = size / 2; s > 0; s >>= 1) {
                if (lid < s) scratch[lid] = fmax(scratch[lid], scratch[lid + s]);
                barrier(CLK_LOCAL_MEM_FENCE);
              }
              m = scratch[0];
              barrier(CLK_LOCAL_MEM_FENCE);
              \(acc) total = 0;
              for (long j = lid; j < R.innerCount; j += size) {
                \(acc) x = (\(acc))\(t.load("in", "base + st_inner(R, j, &w)"));
                total += exp(x - m);
              }
              scratch[lid] = total;
              barrier(CLK_LOCAL_MEM_FENCE);
              for (int s = size / 2; s > 0; s >>= 1) {
                if (lid < s) scratch[lid] = scratch[lid] + scratch[lid + s];
                barrier(CLK_LOCAL_MEM_FENCE);
              }
              if (lid == 0) {
                \(acc) r = (isinf(m) || isnan(m)) ? (R.innerCount == 0 ? -INFINITY : m) : m + log(scratch[0]);
                \(t.store("out", "row", finish))
              }
            }

            """
    }
}
