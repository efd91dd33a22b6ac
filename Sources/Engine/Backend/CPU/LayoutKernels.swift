import Foundation

/// Views (no copy) and the copies that make data contiguous or join arrays.
enum LayoutKernels {
    static func reshape(_ x: ArrayData, _ xShape: [Int], xType: DType, to shape: [Int]) throws(EngineError) -> ArrayData {
        // Only size-1 axes added or removed: keep the strided view as it is.
        let kept = xShape.indices.filter { xShape[$0] != 1 }
        if kept.map({ xShape[$0] }) == shape.filter({ $0 != 1 }) {
            var strides = kept.map { x.strides[$0] }.makeIterator()
            return ArrayData(buffer: x.buffer, offset: x.offset, strides: shape.map { $0 == 1 ? 0 : strides.next()! })
        }
        let source = x.isRowContiguous(xShape) ? x : try contiguous(x, xShape, type: xType)
        return ArrayData(buffer: source.buffer, offset: source.offset, strides: Shape.contiguousStrides(shape))
    }

    static func transpose(_ x: ArrayData, permutation: [Int]) -> ArrayData {
        ArrayData(buffer: x.buffer, offset: x.offset, strides: permutation.map { x.strides[$0] })
    }

    static func slice(_ x: ArrayData, starts: [Int], steps: [Int]) -> ArrayData {
        var offset = x.offset
        var strides = x.strides
        for i in starts.indices {
            offset += starts[i] * x.strides[i]
            strides[i] = x.strides[i] * steps[i]
        }
        return ArrayData(buffer: x.buffer, offset: offset, strides: strides)
    }

    static func broadcast(_ x: ArrayData, _ xShape: [Int], to shape: [Int]) -> ArrayData {
        ArrayData(buffer: x.buffer, offset: x.offset, strides: Loops.broadcastStrides(xShape, x.strides, to: shape))
    }

    /// A row-contiguous copy (or the input itself when it already is).
    static func contiguous(_ x: ArrayData, _ shape: [Int], type: DType, op: String = "copy") throws(EngineError) -> ArrayData {
        if x.isRowContiguous(shape) { return x }
        let out = try Runtime.shared.cpuPool.allocate(Shape.count(shape) * type.size, op: op)
        copy(x, shape, type: type, into: out)
        return ArrayData(buffer: out, offset: 0, strides: Shape.contiguousStrides(shape))
    }

    /// Strided → contiguous copy of the same dtype.
    static func copy(_ x: ArrayData, _ shape: [Int], type: DType, into out: Buffer) {
        switch type.size {
        case 1: Loops.unary(Fn.Identity<Bool>.self, x, shape, shape: shape, out: out.typed(Bool.self), grain: cheapGrain)
        case 2: Loops.unary(Fn.Identity<Float16>.self, x, shape, shape: shape, out: out.typed(Float16.self), grain: cheapGrain)
        case 4: Loops.unary(Fn.Identity<Int32>.self, x, shape, shape: shape, out: out.typed(Int32.self), grain: cheapGrain)
        default: Loops.unary(Fn.Identity<Int64>.self, x, shape, shape: shape, out: out.typed(Int64.self), grain: cheapGrain)
        }
    }

    static func concatenate(
        _ inputs: [(data: ArrayData, shape: [Int])], axis: Int, type: DType, shape: [Int], out: Buffer
    ) throws(EngineError) {
        let outer = Shape.count(Array(shape[..<axis]))
        let element = type.size
        let outRow = Shape.count(Array(shape[axis...])) * element
        var columnOffset = 0
        for input in inputs {
            let data = try contiguous(input.data, input.shape, type: type, op: "concatenate")
            let inRow = Shape.count(Array(input.shape[axis...])) * element
            let src = data.buffer.pointer + data.offset * element
            for o in 0..<outer where inRow > 0 {
                memcpy(out.pointer + o * outRow + columnOffset, src + o * inRow, inRow)
            }
            columnOffset += inRow
        }
    }
}
