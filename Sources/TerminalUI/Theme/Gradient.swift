/// A colour ramp precomputed to 101 entries (0…100 percent), as btop does, so graph code
/// colours a cell with one array lookup instead of interpolating per cell.
public struct Gradient: Hashable, Sendable {
    /// The colours the ramp was built from, in order.
    public let stops: [Color]
    /// Entry i is the colour at i percent.
    public let table: [Color]

    /// Linear RGB interpolation between evenly spaced stops. `.ansi` stops are interpolated
    /// through their xterm RGB values; `.default` stops make a flat table of `.default`.
    public init(stops: [Color]) {
        self.stops = stops
        let components = stops.compactMap(\.rgbComponents)
        guard components.count == stops.count, let first = components.first else {
            table = Array(repeating: stops.first ?? .default, count: 101)
            return
        }
        guard components.count > 1 else {
            table = Array(repeating: .rgb(first.0, first.1, first.2), count: 101)
            return
        }
        let segments = components.count - 1
        table = (0...100).map { i in
            // Integer arithmetic keeps stop positions exact (3 stops: 0, 50, 100).
            let scaled = i * segments
            let segment = min(segments - 1, scaled / 100)
            let fraction = Double(scaled - segment * 100) / 100
            let (a, b) = (components[segment], components[segment + 1])
            func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
                UInt8((Double(x) + (Double(y) - Double(x)) * fraction).rounded())
            }
            return .rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
        }
    }

    /// The colour at `percent`, clamped to 0…100.
    public subscript(percent percent: Int) -> Color {
        table[min(100, max(0, percent))]
    }

    /// The colour for `fraction` of the range (0…1).
    public func color(at fraction: Double) -> Color {
        guard fraction.isFinite else { return table[0] }
        return self[percent: Int((fraction * 100).rounded())]
    }

    /// Every entry downgraded to `depth`; stops keep their original values.
    public func downgraded(to depth: ColorDepth) -> Gradient {
        Gradient(stops: stops, table: table.map { $0.downgraded(to: depth) })
    }

    init(stops: [Color], table: [Color]) {
        self.stops = stops
        self.table = table
    }
}
