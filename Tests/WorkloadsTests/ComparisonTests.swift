import Testing
import Workloads

/// The checks workloads report are only as good as the comparison: it must fail on real differences.
struct ComparisonTests {
    @Test("within tolerance passes; the largest error is reported")
    func passes() {
        let c = Comparison([1.0, 2.0005, -3.0], [1.0, 2.0, -3.0], rtol: 1e-3, atol: 0)
        #expect(c.passed)
        #expect(abs(c.maxAbsoluteError - 0.0005) < 1e-12)
    }

    @Test("a value out of tolerance fails and is named by index")
    func fails() {
        let c = Comparison([1.0, 2.1, 3.0], [1.0, 2.0, 3.0], rtol: 1e-3, atol: 1e-3)
        #expect(!c.passed)
        #expect(c.detail.contains("first mismatch at 1"))
    }

    @Test("infinities must match exactly; NaN never passes; lengths must agree")
    func specials() {
        #expect(Comparison([Double.infinity], [.infinity], rtol: 0, atol: 0).passed)
        #expect(!Comparison([Double.infinity], [-.infinity], rtol: 1, atol: 1).passed)
        #expect(!Comparison([1e38], [.infinity], rtol: 1, atol: 1).passed)
        #expect(!Comparison([Double.nan], [.nan], rtol: 1, atol: 1).passed)
        #expect(!Comparison([1.0], [1.0, 2.0], rtol: 1, atol: 1).passed)
    }

    @Test("exact integer comparison")
    func exact() {
        #expect(Comparison(exact: [3, 4], [3, 4]).passed)
        #expect(!Comparison(exact: [3, 5], [3, 4]).passed)
    }

    @Test("the naive matmul reference against a hand-computed product")
    func reference() {
        // [[1,2],[3,4],[5,6]] · [[1,0,2],[0,1,3]] = [[1,2,8],[3,4,18],[5,6,28]]
        let a: [Float] = [1, 2, 3, 4, 5, 6], b: [Float] = [1, 0, 2, 0, 1, 3]
        #expect(Reference.matmulRows(a, b, k: 2, n: 3, rows: [0, 2]) == [1, 2, 8, 5, 6, 28])
        #expect(Reference.matmulEntries(a, b, k: 2, n: 3, rows: [1], columns: [2, 0]) == [18, 3])
        #expect(Reference.sampleRows(100, count: 4) == [0, 33, 66, 99])
        #expect(Reference.sampleRows(3, count: 4) == [0, 1, 2])
    }
}
