/// Shapes the differential cases draw: the edge cases every op must handle (0-d, one element,
/// empty), small random shapes of rank 1–4, and odd sizes that cross work-group boundaries.
enum TrialShapes {
    static func random(_ rng: inout SplitMix, maxRank: Int = 4, maxDim: Int = 6) -> [Int] {
        let rank = Int.random(in: 1...maxRank, using: &rng)
        return (0..<rank).map { _ in Int.random(in: 1...maxDim, using: &rng) }
    }

    /// (shape, layout) pairs for elementwise-style trials.
    static func elementwise(_ rng: inout SplitMix, quick: Bool) -> [([Int], InputLayout)] {
        var out: [([Int], InputLayout)] = [([], .contiguous), ([1], .contiguous), ([0], .contiguous), ([2, 0, 3], .strided)]
        for layout in InputLayout.allCases {
            out.append((random(&rng), layout))
            if !quick { out.append((random(&rng), layout)) }
        }
        out.append(([3, 67], .transposed))
        out.append(([257], .contiguous))
        if !quick { out.append(([5, 3, 2, 4, 3], .strided)) }
        return out
    }

    /// A shape `shape` broadcasts from: some dimensions set to 1, maybe a leading one dropped.
    static func broadcastSource(of shape: [Int], _ rng: inout SplitMix) -> [Int] {
        var small = shape.map { $0 != 1 && Int.random(in: 0..<3, using: &rng) == 0 ? 1 : $0 }
        while !small.isEmpty && small[0] == 1 && Bool.random(using: &rng) { small.removeFirst() }
        return small
    }

    /// Reduction axes of a rank-`rank` shape: a random non-empty subset (sometimes all of them).
    static func axes(rank: Int, _ rng: inout SplitMix) -> [Int] {
        guard rank > 0 else { return [] }
        if Int.random(in: 0..<4, using: &rng) == 0 { return Array(0..<rank) }
        var axes = (0..<rank).filter { _ in Bool.random(using: &rng) }
        if axes.isEmpty { axes = [Int.random(in: 0..<rank, using: &rng)] }
        return axes
    }

    static func describe(_ tensors: [Tensor], layouts: [InputLayout]) -> String {
        zip(tensors, layouts).map { "\(formatShape($0.shape)) \($0.dtype) \($1.rawValue)" }.joined(separator: ", ")
    }
}
