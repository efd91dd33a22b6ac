import Testing

@testable import Engine

/// Every class of bad input gives an EngineError whose message starts with the op name and names
/// the shapes and dtypes involved. None of them may crash the process.
@Suite("Bad input")
struct ErrorTests {
    @Test("shape mismatch in elementwise ops names both shapes and dtypes")
    func broadcastMismatch() throws {
        let a = try zeros([2, 3]), b = try zeros([4, 5], dtype: .int32)
        expectEngineError("add", ["(2,3) float32", "(4,5) int32", "broadcast"]) { _ = try a + b }
        expectEngineError("multiply", ["(2,3) float32", "(4,5) int32"]) { _ = try multiply(a, b) }
        expectEngineError("less", ["(2,3)", "(4,5)"]) { _ = try a .< b }
        expectEngineError("where", ["(2,3)", "(4,5)"]) { _ = try `where`(Tensor(true), a, b) }
        expectEngineError("add", ["(0)", "(3)"]) { _ = try zeros([0]) + zeros([3]) }
        // (0,) broadcasts with (1,) to (0,)
        #expect(try (zeros([0]) + zeros([1])).shape == [0])
    }

    @Test("bad axes: out of range and duplicates")
    func badAxes() throws {
        let x = try zeros(shape3)
        expectEngineError("sum", ["axis 3", "3 dimensions", "(2,3,4) float32"]) { _ = try sum(x, axes: [3]) }
        expectEngineError("sum", ["axis -4"]) { _ = try sum(x, axes: [-4]) }
        expectEngineError("sum", ["duplicate", "(2,3,4) float32"]) { _ = try sum(x, axes: [0, -3]) }
        expectEngineError("max", ["duplicate"]) { _ = try max(x, axes: [1, 1]) }
        expectEngineError("mean", ["axis 5"]) { _ = try mean(x, axes: [5]) }
        expectEngineError("argmax", ["axis 3", "(2,3,4) float32"]) { _ = try argmax(x, axis: 3) }
        expectEngineError("softmax", ["axis 7", "(2,3,4) float32"]) { _ = try softmax(x, axis: 7) }
        expectEngineError("logsumexp", ["duplicate"]) { _ = try logsumexp(x, axes: [2, 2]) }
        expectEngineError("transpose", ["(2,3,4)"]) { _ = try transpose(x, [0, 1]) }
        expectEngineError("transpose", ["repeat"]) { _ = try transpose(x, [0, 1, 1]) }
        expectEngineError("transpose", ["axis 3", "(2,3,4) float32"]) { _ = try transpose(x, [0, 1, 3]) }
        expectEngineError("swapaxes", ["axis 3", "(2,3,4) float32"]) { _ = try swapAxes(x, 0, 3) }
        expectEngineError("squeeze", ["size 3"]) { _ = try squeeze(x, axes: [1]) }
        expectEngineError("squeeze", ["axis 3", "(2,3,4) float32"]) { _ = try squeeze(x, axes: [3]) }
        expectEngineError("flatten", ["axis 5", "(2,3,4) float32"]) { _ = try flatten(x, start: 5) }
        expectEngineError("expand_dims", ["axis 4", "(2,3,4) float32"]) { _ = try expandDims(x, axis: 4) }
        expectEngineError("flatten", ["start axis 2"]) { _ = try flatten(x, start: 2, end: 1) }
        expectEngineError("concatenate", ["axis 3", "(2,3,4) float32"]) { _ = try concatenate([x, x], axis: 3) }
        expectEngineError("stack", ["axis 4", "(2,3,4) float32"]) { _ = try stack([x, x], axis: 4) }
        expectEngineError("sum", ["axis 0", "0 dimensions", "() int32"]) { _ = try sum(Tensor(1), axes: [0]) }
    }

    @Test("bad reshapes")
    func badReshape() throws {
        let x = try arange(6)
        expectEngineError("reshape", ["size 6", "(6) int32", "(4)"]) { _ = try reshape(x, [4]) }
        expectEngineError("reshape", ["(-1,-1)"]) { _ = try reshape(x, [-1, -1]) }
        expectEngineError("reshape", ["(4,-1)"]) { _ = try reshape(x, [4, -1]) }
        expectEngineError("reshape", ["(-2,-3)"]) { _ = try reshape(x, [-2, -3]) }
        expectEngineError("reshape") { _ = try reshape(x, [Int.max, 2, 0, -1]) }
        expectEngineError("reshape") { _ = try reshape(x, [Int.max, 4]) }
        expectEngineError("broadcast", ["too many"]) { _ = try broadcast(Tensor(1), to: [Int.max, 4]) }
    }

    @Test("concatenate/stack mismatches")
    func joinMismatch() throws {
        expectEngineError("concatenate", ["(2,3) float32", "(2,4) int32"]) {
            _ = try concatenate([zeros([2, 3]), zeros([2, 4], dtype: .int32)], axis: 0)
        }
        expectEngineError("concatenate", ["(2,3)", "(3)"]) { _ = try concatenate([zeros([2, 3]), zeros([3])]) }
        expectEngineError("concatenate", ["zero-dimensional"]) { _ = try concatenate([Tensor(1), Tensor(2)]) }
        expectEngineError("concatenate") { _ = try concatenate([]) }
        expectEngineError("stack", ["(2,3)", "(3,2)"]) { _ = try stack([zeros([2, 3]), zeros([3, 2])]) }
        expectEngineError("stack") { _ = try stack([]) }
    }

    @Test("ragged literals, int32 overflow in literals, wrong value counts, negative dims")
    func badLiterals() throws {
        expectEngineError("array", ["non-uniform"]) { _ = try Tensor([[1, 2], [3]]) }
        expectEngineError("array", ["non-uniform"]) { _ = try Tensor([[1.0], [2, 3]]) }
        expectEngineError("array", ["non-uniform"]) { _ = try Tensor([[[1, 2]], [[3, 4], [5, 6]]]) }
        expectEngineError("array", ["non-uniform"]) { _ = try Tensor([[Int](), [1]]) }
        expectEngineError("array", ["1099511627776", "int32"]) { _ = try Tensor([1, 1 << 40]) }
        expectEngineError("array", ["2147483648"]) { _ = try Tensor(Int(Int32.max) + 1) }
        expectEngineError("array", ["3 values", "(2,2)"]) { _ = try Tensor([1, 2, 3], shape: [2, 2]) }
        expectEngineError("array", ["negative", "(-1)"]) { _ = try Tensor([Int](), shape: [-1]) }
        // Int64 values are fine for int64.
        #expect(try Tensor([Int64(1) << 40]).dtype == .int64)
    }

    @Test("item on a multi-element array; unsupported dtype combinations")
    func misc() throws {
        expectEngineError("item", ["(2) int32"]) { _ = try Tensor([1, 2]).item(Int32.self) }
        expectEngineError("item", ["(0)"]) { _ = try zeros([0]).item(Float.self) }
        expectEngineError("subtract", ["bool"]) { _ = try Tensor([true]) - Tensor([false]) }
        expectEngineError("uniform", ["int32"]) { _ = try Random.uniform(shape: [2], dtype: .int32) }
        expectEngineError("add", ["Device(gpu, 99)", "not available"]) {
            _ = try add(zeros([1]), zeros([1]), stream: .device(.gpu(99)))
        }
    }
}
