import Testing

@testable import Engine

/// The MLX quick start (seed 000): literal dtype inference, shapes, and MLX's print format.
@Suite("Literals and printing")
struct LiteralAndPrintingTests {
    @Test("quick start a–d: shapes and dtypes as MLX infers them")
    func quickStart() throws {
        let a = try Tensor([1, 2, 3, 4])
        #expect(a.shape == [4])
        #expect(a.dtype == .int32)
        #expect(try ints(a) == [1, 2, 3, 4])

        let b = try Tensor([1.0, 2.0, 3.0, 4.0])
        #expect(b.shape == [4])
        #expect(b.dtype == .float32)
        #expect(try floats(b) == [1, 2, 3, 4])

        let c = try Tensor([[1, 2, 3, 4], [5, 6, 7, 8]])
        #expect(c.shape == [2, 4])
        #expect(c.dtype == .int32)
        #expect(try ints(c) == [1, 2, 3, 4, 5, 6, 7, 8])

        let d = try Tensor([[1, 2, 3, 4], [5.0, 6.0, 7.0, 8.0]])
        #expect(d.shape == [2, 4])
        #expect(d.dtype == .float32)
        #expect(try floats(d) == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test("literal dtypes: Bool, Int32, Int64, Float16, Float, scalars")
    func literalDTypes() throws {
        #expect(try Tensor([true, false]).dtype == .bool)
        #expect(try Tensor([Int32(1)]).dtype == .int32)
        #expect(try Tensor([Int64(1) << 40]).dtype == .int64)
        #expect(try ints(Tensor([Int64(1) << 40])) == [1 << 40])
        #expect(try Tensor([Float16(1.5)]).dtype == .float16)
        #expect(try Tensor([Float(1.5)]).dtype == .float32)
        let s = try Tensor(7)
        #expect(s.shape == [])
        #expect(s.dtype == .int32)
        #expect(try s.item(Int32.self) == 7)
        let f = try Tensor(2.5)
        #expect(f.shape == [] && f.dtype == .float32)
        #expect(try f.item(Float.self) == 2.5)
        #expect(try Tensor(true).dtype == .bool)
        let e = try Tensor([Int]())
        #expect(e.shape == [0] && e.dtype == .int32)
        let flat = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(try ints(flat[1, 2]) == [6])
    }

    @Test("print: 1-D int32, as in the quick start")
    func print1D() throws {
        #expect(try Tensor([1, 2, 3, 4]).description == "array([1, 2, 3, 4], dtype=int32)")
    }

    @Test("print: 2-D rows aligned under the first (MLX: 7 spaces)")
    func print2D() throws {
        #expect(try Tensor([[1, 2], [3, 4]]).description == "array([[1, 2],\n       [3, 4]], dtype=int32)")
        #expect(
            try Tensor([[1, 2, 3, 4], [5.0, 6.0, 7.0, 8.0]]).description
                == "array([[1, 2, 3, 4],\n       [5, 6, 7, 8]], dtype=float32)")
    }

    @Test("print: 3-D uses MLX's layout (one newline, prefix of 7 + depth spaces)")
    func print3D() throws {
        // mlx/utils.cpp print_subarray: rows of dim d are joined by ",\n" + (7 + d) spaces.
        let x = try arange(8).reshaped([2, 2, 2])
        #expect(
            x.description
                == "array([[[0, 1],\n        [2, 3]],\n       [[4, 5],\n        [6, 7]]], dtype=int32)")
    }

    @Test("print: dimensions longer than 6 show 3 items, '...', 3 items (MLX)")
    func printSummarised() throws {
        #expect(try arange(10).description == "array([0, 1, 2, ..., 7, 8, 9], dtype=int32)")
        #expect(try arange(6).description == "array([0, 1, 2, 3, 4, 5], dtype=int32)")
        let m = try arange(16).reshaped([8, 2])
        #expect(
            m.description
                == "array([[0, 1],\n       [2, 3],\n       [4, 5],\n       ...,\n       [10, 11],\n       [12, 13],\n       [14, 15]], dtype=int32)"
        )
    }

    @Test("print: scalars, bools, floats, nan/inf, float16, int64")
    func printKinds() throws {
        #expect(try Tensor(5).description == "array(5, dtype=int32)")
        #expect(try Tensor([true, false]).description == "array([True, False], dtype=bool)")
        #expect(try Tensor([0.5, -1.25, 3]).description == "array([0.5, -1.25, 3], dtype=float32)")
        let special = try Tensor([1.0, 0, -1]) / 0.0
        #expect(special.description == "array([inf, nan, -inf], dtype=float32)")
        #expect(try Tensor([Float16(1.5), 2]).description == "array([1.5, 2], dtype=float16)")
        #expect(try Tensor([Int64(-3), 1 << 40]).description == "array([-3, 1099511627776], dtype=int64)")
    }

    @Test("print: a non-contiguous view prints its logical order")
    func printView() throws {
        let t = try Tensor([[1, 2, 3], [4, 5, 6]]).T
        #expect(t.description == "array([[1, 4],\n       [2, 5],\n       [3, 6]], dtype=int32)")
    }
}
