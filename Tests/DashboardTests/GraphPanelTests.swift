import Dashboard
import TerminalUI
import Testing

@Suite struct GraphPanelTests {
    @Test func runsCollapseAndEdgesPointDown() {
        let layout = GraphLayout(sampleView().graph)
        #expect(layout.boxes.map(\.label) == ["matmul 4096×4", "exp ×500 512×4"])
        #expect(layout.boxes.map(\.column) == [0, 1])
        #expect(layout.boxes.map(\.layer) == [0, 1])
        #expect(layout.edges == [GraphLayout.Edge(from: 0, to: 1, crossStream: true)])
        #expect(layout.layers == 2)
    }

    @Test func interruptedRunsStaySeparate() {
        // exp, add, exp on one stream: the second exp is not part of the first run.
        let model = GraphModel(columns: [GraphModel.Column(stream: "s0", device: .cpu)], nodes: [
            GraphModel.Node(id: 1, name: "exp", column: 0, inputs: []),
            GraphModel.Node(id: 2, name: "exp", column: 0, inputs: [1]),
            GraphModel.Node(id: 3, name: "add", column: 0, inputs: [2]),
            GraphModel.Node(id: 4, name: "exp", column: 0, inputs: [3]),
        ])
        let layout = GraphLayout(model)
        #expect(layout.boxes.map(\.label) == ["exp ×2", "add", "exp"])
        #expect(layout.boxes.map(\.layer) == [0, 1, 2])
        #expect(layout.edges.map { [$0.from, $0.to] } == [[0, 1], [1, 2]])
        #expect(layout.edges.allSatisfy { !$0.crossStream })
    }

    @Test func aConsumerSitsBelowItsLatestProducer() {
        // Two producers on two streams feed an add on the first: the add goes below both.
        let model = GraphModel(
            columns: [GraphModel.Column(stream: "s0", device: .cpu), GraphModel.Column(stream: "s1", device: .gpu(0))],
            nodes: [
                GraphModel.Node(id: 1, name: "a", column: 0),
                GraphModel.Node(id: 2, name: "b", column: 1),
                GraphModel.Node(id: 3, name: "c", column: 1, inputs: [2]),
                GraphModel.Node(id: 4, name: "add", column: 0, inputs: [1, 3]),
            ])
        let layout = GraphLayout(model)
        #expect(layout.boxes.map(\.layer) == [0, 0, 1, 2])
        #expect(Set(layout.edges.map { [$0.from, $0.to] }) == [[1, 2], [0, 3], [2, 3]])
        #expect(layout.edges.first { $0.from == 2 }?.crossStream == true)
    }

    @Test func drawsOneColumnPerStreamWithBoxesAndHighlightedCrossEdges() {
        // 60 columns: two columns of 30 (0..<30, 30..<60); boxes are columns 1..<29 and 31..<59.
        let canvas = draw(GraphPanel(model: sampleView().graph, palette: palette), width: 60, height: 6)
        #expect(canvas.row(0).contains("cpu s0"))
        #expect(canvas.row(0).contains("gpu0 s1"))
        // Layer 0 on row 1 (matmul, left column); layer 1 on row 3 (exp run, right column).
        #expect(canvas.row(1).contains("matmul 4096×4"))
        #expect(canvas.row(3).contains("exp ×500 512×4"))
        let matmul = palette.spanStyle(device: .cpu, name: "matmul").bg
        #expect(columns(canvas, y: 1, background: matmul) == Array(1..<29))
        let exp = palette.spanStyle(device: .gpu, name: "exp").bg
        #expect(columns(canvas, y: 3, background: exp) == Array(31..<59))
        // The cross-stream edge: leaves the matmul's right part (column 27), runs along row 2
        // and points down at the exp box's centre (column 45), in the arrow colour.
        let gap = Array(canvas.row(2))
        #expect(gap[27] == "╰")
        #expect(gap[45] == "▼")
        #expect(gap[28..<45].allSatisfy { $0 == "─" })
        #expect(canvas[45, 2].style.fg == palette.arrow)
    }

    @Test func showsTheNewestLayersAndScrollsBack() {
        // a, b, a, b, … alternating on one stream: 6 layers; 7 rows hold the header, 3 layers
        // (rows 1, 3, 5) and the notes row.
        let names = ["a0", "b1", "a2", "b3", "a4", "b5"]
        let nodes = names.enumerated().map { i, name in
            GraphModel.Node(id: i, name: name, column: 0, inputs: i == 0 ? [] : [i - 1])
        }
        let model = GraphModel(columns: [GraphModel.Column(stream: "s0", device: .cpu)], nodes: nodes)
        let newest = draw(GraphPanel(model: model, palette: palette), width: 40, height: 7)
        #expect(newest.row(1).contains("b3"))
        #expect(newest.row(3).contains("a4"))
        #expect(newest.row(5).contains("b5"))
        #expect(newest.row(6).contains("↑ 3 earlier layers"))
        #expect(newest.row(6).contains("↓ 0 later"))
        let back = draw(GraphPanel(model: model, scroll: 3, palette: palette), width: 40, height: 7)
        #expect(back.row(1).contains("a0"))
        #expect(back.row(5).contains("a2"))
        #expect(back.row(6).contains("↓ 3 later"))
        // Everything fits: no notes row.
        #expect(!draw(GraphPanel(model: model, palette: palette), width: 40, height: 12).text.contains("earlier"))
    }

    @Test func emptyGraphSaysSo() {
        let canvas = draw(GraphPanel(model: GraphModel(), palette: palette), width: 40, height: 3)
        #expect(canvas.row(0).contains("no graph evaluated yet"))
    }
}
