import Dashboard
import TerminalUI

/// The built-in theme's palette: tests compare cell colours against its entries.
let palette = DashboardPalette.builtin()

/// Draws `widget` on a blank `width`×`height` canvas.
func draw(_ widget: some Widget, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    canvas.render(widget, in: canvas.bounds)
    return canvas
}

/// Columns on row `y` whose background is `color`.
func columns(_ canvas: Canvas, y: Int, background color: Color) -> [Int] {
    (0..<canvas.width).filter { canvas[$0, y].style.bg == color }
}

extension Canvas {
    func row(_ y: Int) -> String { lines()[y] }
    var text: String { lines().joined(separator: "\n") }
}

/// A small two-device scene: a matmul on the CPU stream feeding 3 exps on a GPU stream.
func sampleView() -> DashboardView {
    let timeline = TimelineModel(
        lanes: [TimelineModel.Lane(name: "s1", device: .gpu(0), streamIndex: 1),
                TimelineModel.Lane(name: "s0", device: .cpu, streamIndex: 0)],
        spans: [
            TimelineModel.Span(lane: 1, start: 0.25, end: 0.5, name: "matmul", nodeID: 1, shape: [4096, 4],
                               dtype: "float32", inputs: [7, 8]),
            TimelineModel.Span(lane: 0, start: 0.75, end: 0.875, name: "exp", nodeID: 2, shape: [512, 4],
                               dtype: "float32", inputs: [1]),
        ],
        waits: [TimelineModel.Wait(lane: 0, onLane: 1, start: 0.375, end: 0.5, consumerNodeID: 2)],
        dependencies: [TimelineModel.Dependency(fromLane: 1, fromTime: 0.5, toLane: 0, toTime: 0.75)],
        now: 1.0)
    let ops = [
        OpRow(name: "exp", device: .gpu(0), count: 500, total: 0.010, mean: 0.00002, p50: 0.000018, p95: 0.00003,
              p99: 0.00005, share: 0.25, recent: [0.00002, 0.00003, 0.00001]),
        OpRow(name: "matmul", device: .cpu, count: 2, total: 0.030, mean: 0.015, p50: 0.015, p95: 0.016, p99: 0.016,
              share: 0.75),
    ]
    let streams = [StreamRow(name: "s0", device: .cpu, occupancy: [0, 0.5, 1], busy: 0.5, waited: 0.002),
                   StreamRow(name: "s1", device: .gpu(0), occupancy: [1, 1, 0.25], busy: 0.25, waited: 0)]
    let memory = [MemoryRow(device: .cpu, active: [1024, 2048, 8_388_608], cached: [0, 0, 4_194_304], peak: 16 << 20,
                            hitRate: 0.9, allocationsPerSecond: 1200)]
    var nodes = [GraphModel.Node(id: 1, name: "matmul", column: 0, shape: [4096, 4], inputs: [])]
    for i in 0..<500 { nodes.append(GraphModel.Node(id: 2 + i, name: "exp", column: 1, shape: [512, 4], inputs: [1 + i])) }
    let graph = GraphModel(columns: [GraphModel.Column(stream: "s0", device: .cpu), GraphModel.Column(stream: "s1", device: .gpu(0))],
                           nodes: nodes)
    return DashboardView(timeline: timeline, ops: ops, streams: streams, memory: memory, graph: graph)
}
