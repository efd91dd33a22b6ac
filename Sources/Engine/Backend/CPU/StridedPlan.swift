/// Walks an output in row-major order while following up to three inputs with arbitrary strides
/// (0 for broadcast dimensions). Dimensions that are contiguous for every operand are merged first,
/// so the common cases (all contiguous, scalar broadcast) become one long inner loop.
struct StridedPlan {
    /// Collapsed shape, rank ≥ 1.
    let shape: [Int]
    /// Collapsed strides per input.
    let strides: [[Int]]
    let count: Int

    init(shape: [Int], inputStrides: [[Int]]) {
        var dims: [Int] = []
        var strideLists: [[Int]] = Array(repeating: [], count: inputStrides.count)
        for (axis, size) in shape.enumerated() where size != 1 {
            if let last = dims.last {
                let mergeable = inputStrides.indices.allSatisfy { k in
                    strideLists[k].last! == inputStrides[k][axis] * size
                }
                if mergeable {
                    dims[dims.count - 1] = last * size
                    for k in inputStrides.indices {
                        strideLists[k][strideLists[k].count - 1] = inputStrides[k][axis]
                    }
                    continue
                }
            }
            dims.append(size)
            for k in inputStrides.indices { strideLists[k].append(inputStrides[k][axis]) }
        }
        if dims.isEmpty {
            dims = [1]
            for k in strideLists.indices { strideLists[k] = [0] }
        }
        self.shape = dims
        self.strides = strideLists
        count = Shape.count(shape)
    }

    var inner: Int { shape[shape.count - 1] }

    /// Inner-loop stride of input `k`.
    func innerStride(_ k: Int) -> Int { strides.isEmpty || k >= strides.count ? 0 : strides[k][shape.count - 1] }

    /// Calls `body(outputIndex, length, offset0, offset1, offset2)` for each run of consecutive
    /// output elements in `range` that lie on one inner row.
    @inline(__always)
    func forEachSegment(in range: Range<Int>, _ body: (Int, Int, Int, Int, Int) -> Void) {
        guard !range.isEmpty else { return }
        let rank = shape.count
        let inner = shape[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var rest = range.lowerBound
        for d in stride(from: rank - 1, through: 0, by: -1) {
            index[d] = rest % shape[d]
            rest /= shape[d]
        }
        var offsets = (0, 0, 0)
        func offset(_ k: Int) -> Int {
            guard k < strides.count else { return 0 }
            var o = 0
            for d in 0..<rank { o += index[d] * strides[k][d] }
            return o
        }
        offsets = (offset(0), offset(1), offset(2))
        var position = range.lowerBound
        while position < range.upperBound {
            let column = index[rank - 1]
            let length = min(inner - column, range.upperBound - position)
            body(position, length, offsets.0, offsets.1, offsets.2)
            position += length
            if position >= range.upperBound { break }
            // Advance to the start of the next row (odometer over the outer dimensions).
            index[rank - 1] = 0
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                if index[d] < shape[d] { break }
                index[d] = 0
                d -= 1
            }
            offsets = (offset(0), offset(1), offset(2))
        }
    }
}
