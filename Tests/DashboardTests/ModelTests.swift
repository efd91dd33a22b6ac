import Dashboard
import TerminalUI
import Testing

@Suite struct ModelTests {
    let view = sampleView()
    let layout = DashboardLayout(width: 120, height: 40, visible: Set(PanelID.allCases))

    func model() -> DashboardModel {
        DashboardModel(menu: [
            DashboardModel.MenuEntry(name: "arrays", summary: "literals", parameters: []),
            DashboardModel.MenuEntry(name: "matmul-exp-split", summary: "matmul then exps", parameters: [
                WorkloadEntry.Parameter(name: "placement", defaultValue: "cpu,cpu", summary: "devices",
                                        validate: { ["cpu,cpu", "cpu,gpu"].contains($0) ? nil : "not a placement: \($0)" }),
                WorkloadEntry.Parameter(name: "iterations", defaultValue: "500", summary: "steps"),
            ]),
        ])
    }

    func press(_ m: inout DashboardModel, _ keys: Key...) -> [DashboardEffect] {
        keys.flatMap { m.handle(.key($0), view: view, layout: layout) }
    }

    @Test func quitKeys() {
        for key in [Key.char("q"), .function(10), .ctrl("c")] {
            var m = model()
            #expect(press(&m, key) == [.quit])
        }
    }

    @Test func tabCyclesFocusOverShownPanels() {
        var m = model()
        var seen: [PanelID] = []
        for _ in 0..<6 {
            _ = press(&m, .tab)
            seen.append(m.focus)
        }
        #expect(Set(seen) == Set(PanelID.allCases))
        #expect(m.focus == .workloads)  // back where it started
        _ = press(&m, .backTab)
        #expect(m.focus == seen[4])
    }

    @Test func digitsTogglePanels() {
        var m = model()
        _ = press(&m, .char("3"))
        #expect(m.visible(.full) == Set(PanelID.allCases).subtracting([.streams]))
        #expect(m.visible(.compact) == [.timeline, .ops, .workloads, .streams])
        _ = press(&m, .char("3"))
        #expect(m.visible(.full) == Set(PanelID.allCases))
    }

    @Test func enterOpensTheFormAndEnterAgainStartsTheWorkload() {
        var m = model()
        _ = press(&m, .down, .enter)
        #expect(m.form?.workload == "matmul-exp-split")
        // Replace the placement with cpu,gpu and change iterations to 50.
        _ = press(&m, .backspace, .backspace, .backspace, .char("g"), .char("p"), .char("u"), .tab, .backspace)
        #expect(press(&m, .enter) == [.start(workload: "matmul-exp-split", values: ["placement": "cpu,gpu", "iterations": "50"])])
        #expect(m.form == nil)
    }

    @Test func anInvalidValueKeepsTheFormOpen() {
        var m = model()
        _ = press(&m, .down, .enter, .char("x"))
        #expect(press(&m, .enter) == [])
        #expect(m.form != nil)
        #expect(m.form?.state.visibleError(0) == "not a placement: cpu,cpux")
        _ = press(&m, .escape)
        #expect(m.form == nil)
    }

    @Test func filterTakesKeysThatWouldOtherwiseQuit() {
        var m = model()
        _ = press(&m, .char("/"), .char("m"), .char("q"))
        #expect(m.workloadList.filter.query == "mq")
        _ = press(&m, .backspace, .enter)
        #expect(m.workloadList.selectedItem(in: m.menu.map(\.name)) == 1)
    }

    @Test func spaceFreezesWithACursorAndArrowsMoveIt() throws {
        var m = model()
        m.focus = .timeline
        _ = press(&m, .char(" "))
        #expect(m.isFrozen)
        let cursor = try #require(m.cursor)
        // On the newest span in the live window [0.5, 1.0): the exp [0.75, 0.875) on model lane 0.
        #expect(cursor.time == 0.8125)
        #expect(cursor.lane == 0)
        _ = press(&m, .right)
        #expect(abs((m.cursor?.time ?? 0) - (0.8125 + 0.5 / 40)) < 1e-12)
        _ = press(&m, .up)  // from the gpu lane (second in display order) to the cpu lane
        #expect(m.cursor?.lane == 1)
        _ = press(&m, .char(" "))
        #expect(!m.isFrozen)
        #expect(m.cursor == nil)
    }

    @Test func sortAndSelectionFollowTheOp() {
        var m = model()
        m.focus = .ops
        #expect(m.opRows(view).rows.map(\.name) == ["matmul", "exp"])
        _ = press(&m, .down)
        #expect(m.selectedOp?.name == "exp")
        _ = press(&m, .char("s"), .char("s"), .char("s"))  // total → mean → p99 → count
        #expect(m.opSort == .count)
        // exp (500 runs) is now first, and still the selected one.
        #expect(m.opRows(view).rows.map(\.name) == ["exp", "matmul"])
        #expect(m.opRows(view).selected == 0)
    }

    @Test func effectsForStopExportTheme() {
        var m = model()
        #expect(press(&m, .char("x")) == [.stop])
        #expect(press(&m, .char("e")) == [.export])
        #expect(press(&m, .char("t")) == [.cycleTheme])
        _ = press(&m, .char("c"))
        #expect(m.colorByDevice)
        _ = press(&m, .char("+"))
        #expect(m.viewport.window == 0.25)
    }

    @Test func helpAndErrorPopupsCloseOnAKey() {
        var m = model()
        _ = press(&m, .function(1))
        #expect(m.showHelp)
        _ = press(&m, .char("j"))
        #expect(!m.showHelp)
        m.errorPopup = "boom"
        #expect(press(&m, .char("x")) == [])  // swallowed while the popup is up
        _ = press(&m, .enter)
        #expect(m.errorPopup == nil)
    }

    @Test func clicksFocusPanelsAndSelectRows() throws {
        var m = model()
        let l = try #require(layout)
        let ops = try #require(l.area(of: .ops))
        // Inner area starts one cell in; its row 0 is the header, row 2 the second op.
        _ = m.handle(.mouse(MouseEvent(x: ops.x + 3, y: ops.y + 3, kind: .press(.left))), view: view, layout: l)
        #expect(m.focus == .ops)
        #expect(m.selectedOp?.name == "exp")
        let timeline = try #require(l.area(of: .timeline))
        _ = m.handle(.mouse(MouseEvent(x: timeline.x + 60, y: timeline.y + 2, kind: .press(.left))), view: view, layout: l)
        #expect(m.focus == .timeline)
        #expect(m.isFrozen)
        #expect(m.cursor?.lane == 1)  // row 2 of the panel is the first lane: the cpu stream
        _ = m.handle(.mouse(MouseEvent(x: timeline.x + 60, y: timeline.y + 2, kind: .wheelUp)), view: view, layout: l)
        #expect(!m.viewport.isFollowing)
    }
}
