/// The index arithmetic a kernel needs for up to four operands walked together (operand 0 is the
/// output), passed by value as the C struct `layout_t` (all `long`, so host and device agree on
/// its layout). Dimensions that are contiguous for every operand are merged first (as `StridedPlan`),
/// so most launches become rank 1 and take the "linear" kernel: `offset + i * stride`.
struct StridedLayout {
    static let maxRank = 8
    static let operands = 4

    /// Collapsed shape (rank ≥ 1) and per-operand strides and offsets.
    let shape: [Int]
    let strides: [[Int]]
    let offsets: [Int]
    let count: Int

    /// The C declaration the kernels share.
    static let declaration = """
        typedef struct { long rank; long count; long shape[8]; long offset[4]; long stride[4][8]; } layout_t;
        """

    init(shape: [Int], operands: [(offset: Int, strides: [Int])], op: String) throws(EngineError) {
        var dims: [Int] = []
        var lists: [[Int]] = Array(repeating: [], count: operands.count)
        for (axis, size) in shape.enumerated() where size != 1 {
            if let last = dims.last,
                operands.indices.allSatisfy({ lists[$0].last! == operands[$0].strides[axis] * size })
            {
                dims[dims.count - 1] = last * size
                for k in operands.indices { lists[k][lists[k].count - 1] = operands[k].strides[axis] }
                continue
            }
            dims.append(size)
            for k in operands.indices { lists[k].append(operands[k].strides[axis]) }
        }
        if dims.isEmpty {
            dims = [1]
            for k in lists.indices { lists[k] = [0] }
        }
        guard dims.count <= Self.maxRank else {
            throw .shape(op, "the OpenCL kernels take at most \(Self.maxRank) non-mergeable dimensions; \(formatShape(shape)) has \(dims.count)")
        }
        self.shape = dims
        strides = lists
        offsets = operands.map(\.offset)
        count = Shape.count(shape)
    }

    var isLinear: Bool { shape.count == 1 }

    /// Every operand walks memory element by element (stride 1): the kernels then take their dense
    /// path, `rank` 0 in `layout_t`, where each work-item handles `denseElementsPerItem` elements a
    /// grid apart with no index multiply (on the H200 exp over 256M floats was issue-bound, not
    /// memory-bound, with one element and a 64-bit multiply per operand per work-item).
    var isDense: Bool { isLinear && strides.allSatisfy { $0[0] == 1 } }

    static let denseElementsPerItem = 4

    /// Work-items to launch: one per element, or one per `denseElementsPerItem` on the dense path.
    var workItems: Int { isDense ? (count + Self.denseElementsPerItem - 1) / Self.denseElementsPerItem : count }

    /// Dense with every offset and the count a multiple of 4: float32 kernels may then move
    /// `float4`s (rank -1 in `layout_t`), one per work-item — 16-byte loads and stores, as the
    /// fastest copy kernels on a GPU do.
    var isVectorizable: Bool { isDense && count % 4 == 0 && offsets.allSatisfy { $0 % 4 == 0 } }

    /// Work-items for the float4 path: one per 4 elements.
    var vectorWorkItems: Int { count / 4 }

    /// `layout_t` as 46 `long`s; `vectorized` marks the float4 path (the caller checked `isVectorizable`).
    func packed(vectorized: Bool) -> [Int64] {
        var words = packed
        if vectorized { words[0] = -1 }
        return words
    }

    /// `layout_t` as 46 `long`s.
    var packed: [Int64] {
        var words = [Int64](repeating: 0, count: 2 + Self.maxRank + Self.operands + Self.operands * Self.maxRank)
        words[0] = isDense ? 0 : Int64(shape.count)
        words[1] = Int64(count)
        for (d, size) in shape.enumerated() { words[2 + d] = Int64(size) }
        for (k, offset) in offsets.enumerated() { words[2 + Self.maxRank + k] = Int64(offset) }
        for (k, list) in strides.enumerated() {
            for (d, stride) in list.enumerated() { words[2 + Self.maxRank + Self.operands + k * Self.maxRank + d] = Int64(stride) }
        }
        return words
    }
}
