import Foundation

/// Checks a GPU matmul result against a naive CPU product in Double, so a benchmark figure is only
/// reported for a setup that computes the right thing (operand order, layout, leading dimensions).
///
/// The shape is small and not square: swapped dimensions or a transposed operand cannot pass.
enum MatmulCheck {
    struct Shape {
        let m: Int
        let k: Int
        let n: Int
        var label: String { "\(m)×\(k)·\(k)×\(n)" }
    }

    static let shape = Shape(m: 48, k: 56, n: 40)

    /// Float32 accumulation of k products errs by at most about k·2⁻²⁴ of Σ|a||b|; 1e-4 leaves room
    /// for any summation order and still fails for a wrong element by orders of magnitude.
    static let tolerance = 1e-4

    /// The largest |c − reference| over Σₖ|a||b| across elements (row-major operands).
    static func scaledError(a: [Float], b: [Float], c: [Float], shape: Shape) -> Double {
        precondition(a.count == shape.m * shape.k && b.count == shape.k * shape.n && c.count == shape.m * shape.n)
        var worst = 0.0
        for i in 0..<shape.m {
            for j in 0..<shape.n {
                var sum = 0.0
                var magnitude = 0.0
                for p in 0..<shape.k {
                    let product = Double(a[i * shape.k + p]) * Double(b[p * shape.n + j])
                    sum += product
                    magnitude += Swift.abs(product)
                }
                let error = Swift.abs(Double(c[i * shape.n + j]) - sum) / max(magnitude, .leastNormalMagnitude)
                // NaN (an unwritten or garbage element) must fail, so compare with `!(<=)`.
                if !(error <= worst) { worst = error }
            }
        }
        return worst
    }

    /// "ok" or "FAILED", with the error, for a notice.
    static func verdict(_ who: String, error: Double) -> (passed: Bool, notice: String) {
        let passed = error <= tolerance
        let figure = error.isNaN ? "NaN" : String(format: "%.1e", error)
        return (passed, "\(who) check at \(shape.label): max error \(figure) of Σ|a||b| (tolerance \(tolerance)): \(passed ? "ok" : "FAILED")")
    }
}
