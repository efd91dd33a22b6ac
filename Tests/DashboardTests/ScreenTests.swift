import Dashboard
import TerminalUI
import Testing

@Suite struct ScreenTests {
    func menu() -> [DashboardModel.MenuEntry] {
        [DashboardModel.MenuEntry(name: "matmul-exp-split", summary: "matmul then exps", parameters: [
            WorkloadEntry.Parameter(name: "placement", defaultValue: "cpu,cpu", summary: "devices"),
        ])]
    }

    func render(_ w: Int, _ h: Int, model: DashboardModel? = nil,
                status: StatusInfo = StatusInfo(workload: .running(name: "matmul-exp-split", iterations: 3))) -> Canvas {
        var canvas = Canvas(width: w, height: h)
        DashboardScreen(model: model ?? DashboardModel(menu: menu()), view: sampleView(), status: status,
                        palette: palette).render(into: &canvas)
        return canvas
    }

    @Test func fullScreenShowsEveryPanelAndTheStatusBar() {
        let text = render(120, 40).text
        for title in ["1 Timeline", "2 Op timings", "3 Streams", "4 Memory", "5 Graph", "6 Workloads"] {
            #expect(text.contains(title), "missing \(title)")
        }
        for content in ["matmul", "exp ×500", "p99", "50% busy", "cpu active 8.00MiB", "hit 90%", "matmul-exp-split"] {
            #expect(text.contains(content), "missing \(content)")
        }
        let status = render(120, 40).row(39)
        #expect(status.contains("▶ matmul-exp-split running ×3"))
        #expect(status.contains("fps"))
        #expect(status.contains("drop 0"))
    }

    @Test func compactScreenShowsItsSubset() {
        let text = render(80, 24).text
        #expect(text.contains("1 Timeline"))
        #expect(text.contains("2 Op timings"))
        #expect(text.contains("6 Workloads"))
        #expect(!text.contains("5 Graph"))
    }

    @Test func tooSmallSaysWhatIsNeeded() {
        let canvas = render(40, 10)
        // Wrapped to the 40 columns there are: compare with the line breaks taken out.
        let words = canvas.lines().flatMap { $0.split(separator: " ") }.joined(separator: " ")
        #expect(words == "terminal too small: need 80×24, have 40×10")
    }

    @Test func failureShowsInStatusBar() {
        let canvas = render(120, 40, status: StatusInfo(workload: .failed(name: "mlp", message: "out of memory")))
        #expect(canvas.row(39).contains("✖ mlp failed out of memory"))
    }

    @Test func overlaysDrawOnTop() {
        var model = DashboardModel(menu: menu())
        model.showHelp = true
        #expect(render(120, 40, model: model).text.contains("write the current window as a Perfetto trace"))
        model.showHelp = false
        model.openForm()
        let form = render(120, 40, model: model).text
        #expect(form.contains("matmul-exp-split: Enter starts"))
        #expect(form.contains("placement"))
        #expect(form.contains("cpu,cpu"))
        model.form = nil
        model.errorPopup = "mlp failed: out of memory"
        #expect(render(120, 40, model: model).text.contains("mlp failed: out of memory"))
    }
}
