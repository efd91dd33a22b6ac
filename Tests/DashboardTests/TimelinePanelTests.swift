import Dashboard
import TerminalUI
import Testing

/// The scene of `sampleView` in a 48×6 area: labels "cpu s0"/"gpu0 s1" take 7 columns plus a
/// space, so the plot is columns 8..<48 (40 columns for the 1 s window [0, 1)), the ruler is
/// row 0 and lanes are rows 1 (cpu, grouped first) and 3 (gpu0), with row 2 for arrows.
@Suite struct TimelinePanelTests {
    let view = sampleView()
    let viewport = TimelineViewport(window: 1.0)

    func panel(cursor: TimelineCursor? = nil, byDevice: Bool = false) -> TimelinePanel {
        TimelinePanel(model: view.timeline, viewport: viewport, colorByDevice: byDevice, cursor: cursor, palette: palette)
    }

    @Test func lanesAreGroupedCPUFirst() {
        let canvas = draw(panel(), width: 48, height: 6)
        #expect(canvas.row(1).hasPrefix("cpu s0"))
        #expect(canvas.row(3).hasPrefix("gpu0 s1"))
    }

    @Test func spansCoverTheirColumns() {
        let canvas = draw(panel(), width: 48, height: 6)
        // matmul [0.25, 0.5) on the cpu → plot columns 10..<20 → screen 18..<28, row 1.
        let matmul = palette.spanStyle(device: .cpu, name: "matmul").bg
        #expect(columns(canvas, y: 1, background: matmul) == Array(18..<28))
        #expect(Array(canvas.row(1))[18..<24].map(String.init).joined() == "matmul")
        // exp [0.75, 0.875) on gpu0 → plot 30..<35 → screen 38..<43, row 3.
        let exp = palette.spanStyle(device: .gpu, name: "exp").bg
        #expect(columns(canvas, y: 3, background: exp) == Array(38..<43))
        // The gpu stream's wait [0.375, 0.5) → plot 15..<20 → screen 23..<28, labelled, and a
        // marker where it ended.
        #expect(columns(canvas, y: 3, background: palette.wait) == Array(23..<28))
        #expect(Array(canvas.row(3))[23..<27].map(String.init).joined() == "wait")
        #expect(Array(canvas.row(3))[28] == "◆")
    }

    @Test func colourByDeviceUsesOneColourPerDevice() {
        let canvas = draw(panel(byDevice: true), width: 48, height: 6)
        let gpu = palette.gpuSpans[0]
        let cpu = palette.cpuSpans[0]
        #expect(columns(canvas, y: 1, background: cpu) == Array(18..<28))
        #expect(columns(canvas, y: 3, background: gpu) == Array(38..<43))
    }

    @Test func dependencyArrowRunsFromProducerLaneToConsumerLane() {
        let canvas = draw(panel(), width: 48, height: 6)
        // From the cpu (row 1) at t=0.5 (screen 28) down to gpu0 (row 3) at t=0.75 (screen 38):
        // one gap row between them (row 2): "└" leaving, "─" run, "▼" over the target.
        let gap = Array(canvas.row(2))
        #expect(gap[28] == "└")
        #expect(gap[38] == "▼")
        #expect(gap[29..<38].allSatisfy { $0 == "─" })
        #expect(canvas[38, 2].style.fg == palette.arrow)
    }

    @Test func rulerLabelsTimes() {
        let canvas = draw(panel(), width: 48, height: 6)
        // Ticks at least 12 columns apart over 1 s in 40 columns: every 500 ms (0 at the plot's
        // left edge, 0.5 s at its middle), with one decimal as the spacing needs.
        let ruler = Array(canvas.row(0))
        #expect(ruler[8..<12].map(String.init).joined() == "0.0s")
        #expect(ruler[28..<32].map(String.init).joined() == "0.5s")
        #expect(Format.tick(19.45, resolution: 0.05) == "19.45s")
        #expect(Format.tick(3.2505, resolution: 0.0005) == "3.2505s")
    }

    @Test func zoomAndScrollMoveTheWindow() {
        var viewport = TimelineViewport(window: 1.0)
        viewport.zoom(in: true)
        #expect(viewport.range(now: 10) == (9.5, 10))
        viewport.scroll(steps: -2)  // back by two quarters of 0.5 s
        #expect(viewport.range(now: 10) == (9.25, 9.75))
        #expect(!viewport.isFollowing)
        viewport.scroll(steps: 5)
        #expect(viewport.isFollowing)
        viewport.zoom(in: false)
        viewport.zoom(in: false)
        #expect(viewport.window == 2)
    }

    @Test func frozenCursorDescribesTheOpUnderIt() {
        // Model lane 1 is the cpu stream; t = 0.3 is inside its matmul.
        let canvas = draw(panel(cursor: TimelineCursor(lane: 1, time: 0.3)), width: 120, height: 7)
        let info = canvas.row(6)
        #expect(info.contains("matmul"))
        #expect(info.contains("#1 4096×4 float32 250ms"))
        #expect(info.contains("inputs #7,#8"))
        // The exp on the gpu stream waited 125 ms on the cpu stream.
        let exp = draw(panel(cursor: TimelineCursor(lane: 0, time: 0.8)), width: 140, height: 7).row(6)
        #expect(exp.contains("▸ gpu0 s1 @800ms:  exp  #2 512×4 float32 125ms inputs #1"))
        #expect(exp.contains("waited 125ms on cpu s0"))
        // Idle time says so.
        #expect(draw(panel(cursor: TimelineCursor(lane: 1, time: 0.95)), width: 120, height: 7).row(6).contains("idle"))
    }

    @Test func clickFindsLaneAndTime() throws {
        let hit = try #require(panel().hit(x: 18, y: 3, area: Rect(x: 0, y: 0, width: 48, height: 6)))
        #expect(hit.lane == 0)  // row 3 is the gpu lane, model index 0
        #expect(abs(hit.time - 0.2625) < 1e-9)  // column 10's centre: (10 + 0.5) / 40
        #expect(panel().hit(x: 18, y: 2, area: Rect(x: 0, y: 0, width: 48, height: 6)) == nil)
    }

    @Test func burstsOfOneOpMergeIntoALabelledRun() {
        // Ten 0.5 ms exps 0.5 ms apart from t = 0.6 s, then a matmul: at 25 ms a column they
        // are one run; at 0.25 ms a column they stay apart.
        var spans = (0..<10).map { i in
            TimelineModel.Span(lane: 0, start: 0.6 + Double(i) * 0.001, end: 0.6005 + Double(i) * 0.001, name: "exp")
        }
        spans.append(TimelineModel.Span(lane: 0, start: 0.61, end: 0.7, name: "matmul"))
        let runs = TimelinePanel.runs(spans, t0: 0, t1: 1, gap: 0.025)
        #expect(runs.map(\.count) == [10, 1])
        #expect(runs[0].span.start == 0.6)
        #expect(abs(runs[0].span.end - 0.6095) < 1e-12)
        #expect(TimelinePanel.runs(spans, t0: 0, t1: 1, gap: 0.00025).count == 11)
        // Spans a source already merged count for what they stand for.
        var premerged = spans[0]
        premerged.count = 5
        #expect(TimelinePanel.runs([premerged] + spans[1...], t0: 0, t1: 1, gap: 0.025).map(\.count) == [14, 1])
        let model = TimelineModel(lanes: [TimelineModel.Lane(name: "s0", device: .cpu, streamIndex: 0)],
                                  spans: (0..<200).map { i in
                                      TimelineModel.Span(lane: 0, start: 0.5 + Double(i) * 0.001,
                                                         end: 0.5005 + Double(i) * 0.001, name: "exp")
                                  }, now: 1)
        let canvas = draw(TimelinePanel(model: model, viewport: viewport, palette: palette), width: 48, height: 3)
        #expect(canvas.row(1).contains("exp ×200"))
    }
}
