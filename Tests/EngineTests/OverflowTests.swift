import Testing

@testable import Engine

/// Shapes whose byte size cannot be addressed are errors naming the op — never Swift's overflow trap.
@Suite("Sizes that overflow")
struct OverflowTests {
    @Test("creation ops refuse shapes past the addressable size, with the op and shape named")
    func creation() {
        expectEngineError("zeros", ["(4611686018427387904)", "float32", "cannot be addressed"]) { _ = try zeros([1 << 62]) }
        expectEngineError("zeros", ["int64"]) { _ = try zeros([1 << 61], dtype: .int64) }
        expectEngineError("linspace", ["(4611686018427387904)"]) { _ = try linspace(0, 1, count: 1 << 62) }
        expectEngineError("eye", ["(2147483648,2147483648)"]) { _ = try eye(1 << 31, 1 << 31) }
        // The product of the dims itself overflows Int.
        expectEngineError("zeros", ["too many elements"]) { _ = try zeros([1 << 40, 1 << 40]) }
    }

    @Test("broadcasting two views to 2^80 elements is a shape error, not a trap")
    func broadcastTo2Pow80() throws {
        let column = try broadcast(zeros([1]), to: [1 << 40, 1])
        let row = try broadcast(zeros([1]), to: [1, 1 << 40])
        #expect(column.nbytes == (1 << 40) * 4)
        expectEngineError("add", ["(1099511627776,1099511627776)"]) { _ = try column + row }
        expectEngineError("reshape") { _ = try reshape(zeros([4]), [1 << 40, 1 << 40]) }
    }

    @Test("a matmul whose flop count passes Int.max saturates its cost and fails at eval with out of memory")
    func matmulFlopsPastIntMax() throws {
        // 2^10 × 2^20 × 2^20 views of one element: addressable, but 2·M·N·K·batch = 2^71 flops.
        let a = try broadcast(zeros([1]), to: [1 << 10, 1 << 20, 1 << 20])
        let b = try broadcast(zeros([1]), to: [1 << 20, 1 << 20])
        let c = try matmul(a, b)
        #expect(c.shape == [1 << 10, 1 << 20, 1 << 20])
        let cost = Cost(node: c.node!, shape: c.shape, dtype: c.dtype)
        #expect(cost.flops == Int.max)
        let e = engineError { try c.eval() }
        #expect(e?.kind == .outOfMemory)
        #expect(e?.description.hasPrefix("matmul:") == true)
    }
}
