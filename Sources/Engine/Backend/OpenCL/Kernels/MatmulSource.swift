/// Tile sizes of the matmul kernel for one device: a `tileM × tileN` block of C per work-group of
/// `(tileN / workN) × (tileM / workM)` items, each computing `workM × workN` outputs in registers,
/// with `tileK`-deep slices of A and B staged in local memory.
struct MatmulTiles: Equatable, Sendable {
    let tileM: Int
    let tileN: Int
    let tileK: Int
    let workM: Int
    let workN: Int

    var localSize: [Int] { [tileN / workN, tileM / workM] }
    var groupSize: Int { localSize[0] * localSize[1] }

    /// GPUs: 64×64 tiles, 4×4 per item (256 items). CPU devices (PoCL): 32×32, 4×4 per item (64
    /// items: PoCL runs a group as a loop, so small groups with much work per item suit it). Smaller
    /// when the device's group or local-memory limits say so.
    static func choose(isGPU: Bool, maxWorkGroupSize: Int, localMemory: UInt64, elementSize: Int) -> MatmulTiles {
        let candidates =
            isGPU
            ? [MatmulTiles(tileM: 64, tileN: 64, tileK: 16, workM: 4, workN: 4), MatmulTiles(tileM: 32, tileN: 32, tileK: 16, workM: 2, workN: 2)]
            : [MatmulTiles(tileM: 32, tileN: 32, tileK: 32, workM: 4, workN: 4)]
        let fallback = MatmulTiles(tileM: 8, tileN: 8, tileK: 8, workM: 1, workN: 1)
        for tiles in candidates + [fallback] {
            let local = (tiles.tileM + tiles.tileN) * tiles.tileK * elementSize
            if tiles.groupSize <= maxWorkGroupSize && UInt64(local) <= localMemory { return tiles }
        }
        return MatmulTiles(tileM: 1, tileN: 1, tileK: 1, workM: 1, workN: 1)
    }
}

/// OpenCL C for batched matmul with broadcast batch dimensions and arbitrary operand strides.
enum MatmulSource {
    static let declaration = """
        typedef struct { long M, N, K, batchRank, aOffset, bOffset, aRow, aCol, bRow, bCol;
          long batchShape[8], aBatch[8], bBatch[8]; } matmul_t;
        """

    /// `matmul(c, a, b, matmul_t)`: floats accumulate in float, integers wrap in their unsigned twin,
    /// bools are OR of AND (a non-zero count), as the CPU.
    static func program(_ type: DType, tiles: MatmulTiles) -> String {
        let t = CLTypeInfo(type)
        let (acc, zero, mac, finish): (String, String, String, String) =
            switch type {
            case .float32, .float16: ("float", "0.0f", "fma(av[i], bv[j], acc[i][j])", "acc[i][j]")
            case .int32: ("uint", "0u", "acc[i][j] + av[i] * bv[j]", "(int)acc[i][j]")
            case .int64: ("ulong", "0ul", "acc[i][j] + av[i] * bv[j]", "(long)acc[i][j]")
            case .bool: ("uint", "0u", "acc[i][j] | (av[i] & bv[j])", "acc[i][j] != 0u")
            }
        let (tm, tn, tk, wm, wn) = (tiles.tileM, tiles.tileN, tiles.tileK, tiles.workM, tiles.workN)
        let (lx, ly) = (tn / wn, tm / wm)
        return KernelPrelude.source(fp64: false) + declaration + """

            #define TM \(tm)
            #define TN \(tn)
            #define TK \(tk)
            #define WM \(wm)
            #define WN \(wn)
            #define LX \(lx)
            #define LY \(ly)

            __kernel __attribute__((reqd_work_group_size(LX, LY, 1)))
            void matmul(__global \(t.storage) *c, __global const \(t.storage) *a, __global const \(t.storage) *b, matmul_t P) {
              __local \(acc) As[TK][TM];
              __local \(acc) Bs[TK][TN];
              int tx = get_local_id(0), ty = get_local_id(1);
              int tid = ty * LX + tx;
              long col0 = (long)get_group_id(0) * TN, row0 = (long)get_group_id(1) * TM;
              long batch = get_global_id(2);
              long oa = P.aOffset, ob = P.bOffset, rest = batch;
              for (int d = (int)P.batchRank - 1; d >= 0; --d) {
                long s = P.batchShape[d]; long i = rest % s; rest /= s;
                oa += i * P.aBatch[d]; ob += i * P.bBatch[d];
              }
              \(acc) acc[WM][WN];
              for (int i = 0; i < WM; ++i) for (int j = 0; j < WN; ++j) acc[i][j] = \(zero);
              for (long k0 = 0; k0 < P.K; k0 += TK) {
                for (int l = tid; l < TM * TK; l += LX * LY) {
                  int r = l / TK, kk = l % TK;
                  long gr = row0 + r, gk = k0 + kk;
                  As[kk][r] = (gr < P.M && gk < P.K) ? (\(acc))\(t.load("a", "oa + gr * P.aRow + gk * P.aCol")) : \(zero);
                }
                for (int l = tid; l < TK * TN; l += LX * LY) {
                  int kk = l / TN, cc = l % TN;
                  long gk = k0 + kk, gc = col0 + cc;
                  Bs[kk][cc] = (gk < P.K && gc < P.N) ? (\(acc))\(t.load("b", "ob + gk * P.bRow + gc * P.bCol")) : \(zero);
                }
                barrier(CLK_LOCAL_MEM_FENCE);
                for (int kk = 0; kk < TK; ++kk) {
                  \(acc) av[WM], bv[WN];
                  for (int i = 0; i < WM; ++i) av[i] = As[kk][ty + i * LY];
                  for (int j = 0; j < WN; ++j) bv[j] = Bs[kk][tx + j * LX];
                  for (int i = 0; i < WM; ++i) for (int j = 0; j < WN; ++j) acc[i][j] = \(mac);
                }
                barrier(CLK_LOCAL_MEM_FENCE);
              }
              for (int i = 0; i < WM; ++i) {
                long r = row0 + ty + i * LY;
                if (r >= P.M) continue;
                for (int j = 0; j < WN; ++j) {
                  long cc = col0 + tx + j * LX;
                  if (cc < P.N) { \(t.store("c", "batch * P.M * P.N + r * P.N + cc", finish)) }
                }
              }
            }

            """
    }
}
