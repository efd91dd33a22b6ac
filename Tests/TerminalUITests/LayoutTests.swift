import Testing
@testable import TerminalUI

@Suite struct LayoutTests {
    @Test func fixedPercentAndFill() throws {
        let area = Rect(x: 2, y: 1, width: 100, height: 10)
        let rects = try Layout.horizontal([.fixed(10), .percent(25), .fill(1), .fill(3)]).split(area)
        // 100 − 10 − 25 = 65 left for weights 1:3 → 16.25 and 48.75 → largest remainder → 16 and 49.
        #expect(rects.map(\.width) == [10, 25, 16, 49])
        #expect(rects.map(\.x) == [2, 12, 37, 53])
        #expect(rects.allSatisfy { $0.y == 1 && $0.height == 10 })
    }

    @Test func minGrowsOnlyWithoutFill() throws {
        #expect(try Layout.sizes(for: [.min(5), .fixed(3)], length: 20) == [17, 3])
        #expect(try Layout.sizes(for: [.min(5), .fill(1)], length: 20) == [5, 15])
        #expect(try Layout.sizes(for: [.min(2), .min(2)], length: 7) == [4, 3])
    }

    @Test func spacingIsLeftBetweenSlots() throws {
        let rects = try Layout.vertical([.fixed(2), .fill(1), .fixed(1)], spacing: 1).split(Rect(x: 0, y: 0, width: 5, height: 10))
        #expect(rects.map(\.y) == [0, 3, 9])
        #expect(rects.map(\.height) == [2, 5, 1])
    }

    @Test func tooSmallIsAnErrorNotNegativeSizes() {
        #expect(throws: LayoutError.doesNotFit(required: 12, available: 10)) {
            try Layout.horizontal([.fixed(8), .min(4), .fill(1)]).split(Rect(x: 0, y: 0, width: 10, height: 1))
        }
        #expect(Rect(x: 0, y: 0, width: 3, height: 3).split(.vertical, [.fixed(2), .fixed(2)]) == nil)
        #expect(throws: LayoutError.invalidConstraint(.percent(120))) {
            try Layout.sizes(for: [.percent(120)], length: 10)
        }
    }

    @Test func rectHelpersClampNegativeSizes() {
        let r = Rect(x: 5, y: 5, width: 3, height: 2)
        #expect(r.inset(by: 2) == Rect(x: 7, y: 7, width: 0, height: 0))
        #expect(r.inset(by: 2).isEmpty)
        #expect(r.intersection(Rect(x: 20, y: 20, width: 1, height: 1)).isEmpty)
        #expect(r.intersection(Rect(x: 6, y: 0, width: 10, height: 6)) == Rect(x: 6, y: 5, width: 2, height: 1))
        #expect(Rect(x: 0, y: 0, width: -4, height: 2).width == 0)
        #expect(r.contains(x: 7, y: 6) && !r.contains(x: 8, y: 6))
    }

    /// nvtop-style sweep: for many sizes and constraint mixes, slots stay inside the parent,
    /// never overlap, never go negative, and fill the length exactly when flexible.
    @Test func propertySweep() {
        let mixes: [[Constraint]] = [
            [.fixed(3), .fill(1), .fill(2)], [.percent(30), .percent(30), .min(4)], [.min(10), .fixed(5), .percent(50)],
            [.fill(1), .fill(1), .fill(1), .fill(1), .fill(1), .fill(1), .fill(1)], [.fixed(20), .fixed(20)],
            [.percent(33), .percent(33), .percent(34)], [.min(0), .fill(0), .fill(5)],
        ]
        var checked = 0
        for length in 0...220 {
            for spacing in 0...2 {
                for mix in mixes {
                    for direction in [Direction.horizontal, .vertical] {
                        let area = direction == .horizontal
                            ? Rect(x: 3, y: 2, width: length, height: 7) : Rect(x: 3, y: 2, width: 7, height: length)
                        let layout = Layout(direction, mix, spacing: spacing)
                        guard let rects = layout.trySplit(area) else {
                            #expect(Self.hardDemand(mix, length: length, spacing: spacing) > length)
                            continue
                        }
                        checked += 1
                        #expect(rects.count == mix.count)
                        #expect(rects.allSatisfy { $0.width >= 0 && $0.height >= 0 && area.contains($0) })
                        for i in rects.indices { for j in rects.indices where i < j { #expect(!rects[i].intersects(rects[j])) } }
                        let sizes = rects.map { direction == .horizontal ? $0.width : $0.height }
                        let total = sizes.reduce(0, +) + spacing * (mix.count - 1)
                        let flexible = mix.contains { if case .fixed = $0 { return false }; if case .percent = $0 { return false }; return true }
                        let weighted = mix.contains { if case .fill(let w) = $0 { return w > 0 }; if case .min = $0 { return true }; return false }
                        if flexible && weighted { #expect(total == length) } else { #expect(total <= length) }
                    }
                }
            }
        }
        #expect(checked > 5000)
    }

    /// Independent of the implementation: what fixed, percent and min demand.
    static func hardDemand(_ mix: [Constraint], length: Int, spacing: Int) -> Int {
        let available = length - spacing * (mix.count - 1)
        return mix.reduce(spacing * (mix.count - 1)) { sum, c in
            switch c {
            case .fixed(let n), .min(let n): return sum + n
            case .percent(let p): return sum + max(0, available) * p / 100
            case .fill: return sum
            }
        }
    }
}
