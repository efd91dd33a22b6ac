/// OpenCL C for the tuned float32 matmul: C = A·B per batch, A and B with unit column stride
/// (rows contiguous, any leading dimension and offset), any M, N, K.
///
/// Accumulators are rows of `V`-wide vectors (`SgemmTiles.vector`: 4, 8 or 16), one multiply-add
/// per V outputs: a GPU compiler splits them into scalar registers (V = 4 keeps its local reads
/// 128-bit and conflict-free), a CPU device (PoCL) keeps them in SIMD registers (V = 16 fills an
/// AVX-512 register), which it cannot otherwise do when a work-item's loop is not vectorised.
///
/// The structure is the one fast SIMT sgemm kernels share: a `TM × TN` block of C per work-group,
/// a `WM × WN` register tile per work-item (B read from local memory as V-wide vectors, in columns
/// spread `LX * V` apart so a warp's reads touch distinct banks), and `TK`-deep slices of A and B
/// in two local buffers: the next slice is fetched from global memory into registers while the
/// current one is multiplied, then stored, so each slice costs one barrier. Global loads are
/// float4 when the host has checked alignment (`flags` bit 0 for A, bit 1 for B). Edges (M, N, K
/// not multiples of the tile) load zeros and
/// skip stores, so one kernel serves every size.
enum SgemmSource {
    static let kernelName = "sgemm"

    static func program(_ tiles: SgemmTiles) -> String {
        MatmulSource.declaration + """

            #define TM \(tiles.tileM)
            #define TN \(tiles.tileN)
            #define TK \(tiles.tileK)
            #define WM \(tiles.workM)
            #define WN \(tiles.workN)
            #define V \(tiles.vector)
            #define floatV float\(tiles.vector)
            #define VSTORE vstore\(tiles.vector)
            #define LX (TN / WN)
            #define LY (TM / WM)
            #define G (LX * LY)
            #define PA (TM + 4)
            #define LA (TM * TK / 4 / G)
            #define LB (TK * TN / 4 / G)

            __kernel __attribute__((reqd_work_group_size(LX, LY, 1)))
            void sgemm(__global float *c, __global const float *a, __global const float *b, matmul_t P, int flags) {
              __local float As[2][TK][PA] __attribute__((aligned(64)));
              __local float Bs[2][TK][TN] __attribute__((aligned(64)));
              const int tx = get_local_id(0), ty = get_local_id(1), tid = ty * LX + tx;
              const int M = (int)P.M, N = (int)P.N, K = (int)P.K;
              const int lda = (int)P.aRow, ldb = (int)P.bRow;
              const int row0 = (int)get_group_id(1) * TM, col0 = (int)get_group_id(0) * TN;
              const bool vecA = (flags & 1) != 0, vecB = (flags & 2) != 0;
              long oa = P.aOffset, ob = P.bOffset, rest = get_group_id(2);
              for (int d = (int)P.batchRank - 1; d >= 0; --d) {
                long s = P.batchShape[d]; long i = rest % s; rest /= s;
                oa += i * P.aBatch[d]; ob += i * P.bBatch[d];
              }
              __global const float *Ab = a + oa + (long)row0 * P.aRow;
              __global const float *Bb = b + ob + col0;

              float4 ra[LA], rb[LB];
              floatV acc[WM][WN / V];
              #pragma unroll
              for (int i = 0; i < WM; ++i) {
                #pragma unroll
                for (int j = 0; j < WN / V; ++j) acc[i][j] = (floatV)(0.0f);
              }

              /* Slice k0 of A (TM rows × TK) and B (TK × TN cols) into registers, zeros past the edges. */
              #define FETCH(k0) do { \\
                __global const float *Ak = Ab + (k0); \\
                __global const float *Bk = Bb + (long)(k0) * P.bRow; \\
                for (int l = 0; l < LA; ++l) { \\
                  int ch = tid + l * G, r = ch / (TK / 4), k = (k0) + (ch % (TK / 4)) * 4; \\
                  __global const float *p = Ak + r * lda + (ch % (TK / 4)) * 4; \\
                  float4 v = (float4)(0.0f); \\
                  if (row0 + r < M) { \\
                    if (vecA && k + 3 < K) v = *(__global const float4 *)p; \\
                    else { if (k < K) v.x = p[0]; if (k + 1 < K) v.y = p[1]; if (k + 2 < K) v.z = p[2]; if (k + 3 < K) v.w = p[3]; } \\
                  } \\
                  ra[l] = v; \\
                } \\
                for (int l = 0; l < LB; ++l) { \\
                  int ch = tid + l * G, kk = ch / (TN / 4), n = (ch % (TN / 4)) * 4, cc = col0 + n; \\
                  __global const float *p = Bk + kk * ldb + n; \\
                  float4 v = (float4)(0.0f); \\
                  if ((k0) + kk < K) { \\
                    if (vecB && cc + 3 < N) v = *(__global const float4 *)p; \\
                    else { if (cc < N) v.x = p[0]; if (cc + 1 < N) v.y = p[1]; if (cc + 2 < N) v.z = p[2]; if (cc + 3 < N) v.w = p[3]; } \\
                  } \\
                  rb[l] = v; \\
                } \\
              } while (0)

              /* The registers into local buffer `buf`: A transposed (As[k][m]), B as is. */
              #define STORE(buf) do { \\
                for (int l = 0; l < LA; ++l) { \\
                  int ch = tid + l * G, r = ch / (TK / 4), kq = (ch % (TK / 4)) * 4; \\
                  As[buf][kq][r] = ra[l].x; As[buf][kq + 1][r] = ra[l].y; \\
                  As[buf][kq + 2][r] = ra[l].z; As[buf][kq + 3][r] = ra[l].w; \\
                } \\
                for (int l = 0; l < LB; ++l) { \\
                  int ch = tid + l * G, kk = ch / (TN / 4), n = (ch % (TN / 4)) * 4; \\
                  *(__local float4 *)&Bs[buf][kk][n] = rb[l]; \\
                } \\
              } while (0)

              const int slices = (K + TK - 1) / TK;
              if (slices > 0) { FETCH(0); STORE(0); }
              barrier(CLK_LOCAL_MEM_FENCE);
              for (int t = 0; t < slices; ++t) {
                const int cur = t & 1;
                if (t + 1 < slices) FETCH((t + 1) * TK);
                #pragma unroll
                for (int kk = 0; kk < TK; ++kk) {
                  float av[WM];
                  floatV bv[WN / V];
                  #pragma unroll
                  for (int i = 0; i < WM / 4; ++i) {
                    float4 v = *(__local const float4 *)&As[cur][kk][i * LY * 4 + ty * 4];
                    av[4 * i] = v.x; av[4 * i + 1] = v.y; av[4 * i + 2] = v.z; av[4 * i + 3] = v.w;
                  }
                  #pragma unroll
                  for (int j = 0; j < WN / V; ++j) bv[j] = *(__local const floatV *)&Bs[cur][kk][j * LX * V + tx * V];
                  #pragma unroll
                  for (int i = 0; i < WM; ++i) {
                    #pragma unroll
                    for (int j = 0; j < WN / V; ++j) acc[i][j] = fma((floatV)(av[i]), bv[j], acc[i][j]);
                  }
                }
                if (t + 1 < slices) STORE(cur ^ 1);
                barrier(CLK_LOCAL_MEM_FENCE);
              }

              __global float *Cb = c + (long)get_group_id(2) * P.M * P.N;
              #pragma unroll
              for (int i = 0; i < WM; ++i) {
                const int r = row0 + (i / 4) * LY * 4 + ty * 4 + (i % 4);
                if (r < M) {
                  __global float *Cr = Cb + (long)r * N;
                  #pragma unroll
                  for (int j = 0; j < WN / V; ++j) {
                    const int cc = col0 + j * LX * V + tx * V;
                    if (cc + V - 1 < N) VSTORE(acc[i][j], 0, Cr + cc);
                    else {
                      float part[V];
                      VSTORE(acc[i][j], 0, part);
                      for (int e = 0; e < V && cc + e < N; ++e) Cr[cc + e] = part[e];
                    }
                  }
                }
              }
            }

            """
    }
}
