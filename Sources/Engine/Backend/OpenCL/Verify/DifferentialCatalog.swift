/// Every non-view primitive × dtype as a differential case. Tolerances: exact wherever the CPU's
/// arithmetic is IEEE-exact (the kernels reproduce its expressions), a few ulp where both sides
/// call a math library (log, sin, cos, pow; float16 exp/tanh/sigmoid use glibc on the CPU), and
/// relative bounds where summation order differs (matmul, softmax's float sum). Math-library bounds are
/// OpenCL 1.2's (log 3 ulp, sin/cos 4, pow 16), so a conforming GPU driver passes too.
enum DifferentialCatalog {
    static let dtypes = DType.allCases

    static var all: [DifferentialCase] {
        generators + unaries + binaries + selects + casts + reductions + argReductions + normalizers + matmuls + concatenations
    }
}
