import Dashboard
import TerminalUI
import Testing

@Suite struct LayoutTests {
    func layout(_ w: Int, _ h: Int, toggled: Set<PanelID> = []) -> DashboardLayout? {
        let sizeClass = DashboardLayout.sizeClass(width: w, height: h)
        return DashboardLayout(width: w, height: h,
                               visible: DashboardLayout.defaults(sizeClass).symmetricDifference(toggled))
    }

    /// Every panel inside the screen above the status bar, none overlapping.
    func checkTiling(_ l: DashboardLayout, _ w: Int, _ h: Int) {
        let body = Rect(x: 0, y: 0, width: w, height: h - 1)
        #expect(l.status == Rect(x: 0, y: h - 1, width: w, height: 1))
        for (i, a) in l.panels.enumerated() {
            #expect(body.contains(a.area), "\(a.id) at \(a.area) leaves \(body)")
            #expect(a.area.width >= 20 && a.area.height >= 4, "\(a.id) too small: \(a.area)")
            for b in l.panels[(i + 1)...] { #expect(!a.area.intersects(b.area), "\(a.id) overlaps \(b.id)") }
        }
        // Tiled: the panels cover the whole body.
        #expect(l.panels.reduce(0) { $0 + $1.area.area } == body.area)
    }

    @Test(arguments: [(120, 40), (200, 60)])
    func everyPanelAtFullSize(_ size: (Int, Int)) throws {
        let l = try #require(layout(size.0, size.1))
        #expect(Set(l.panels.map(\.id)) == Set(PanelID.allCases))
        checkTiling(l, size.0, size.1)
    }

    @Test func compactShowsTimelineOpsAndWorkloads() throws {
        let l = try #require(layout(80, 24))
        #expect(l.panels.map(\.id) == [.timeline, .ops, .workloads])
        checkTiling(l, 80, 24)
        // A digit brings a panel in; a second one hides one.
        let more = try #require(layout(80, 24, toggled: [.memory]))
        #expect(more.panels.map(\.id) == [.timeline, .ops, .memory, .workloads])
        checkTiling(more, 80, 24)
        let less = try #require(layout(80, 24, toggled: [.ops]))
        #expect(less.panels.map(\.id) == [.timeline, .workloads])
    }

    @Test func belowTheMinimumThereIsNoLayout() {
        #expect(layout(79, 24) == nil)
        #expect(layout(80, 23) == nil)
        #expect(layout(40, 10) == nil)
        #expect(DashboardLayout.tooSmallMessage(width: 40, height: 10) == "terminal too small: need 80×24, have 40×10")
    }

    @Test func timelineHeightFollowsItsLanes() throws {
        // 39 body rows at 120×40: one lane gets the floor of 8 rows, six lanes 6 × 2 + 4 = 16,
        // forty lanes are capped at 45% (17 rows); the rest goes to the other rows.
        let visible = Set(PanelID.allCases)
        #expect(try #require(DashboardLayout(width: 120, height: 40, visible: visible, lanes: 1)).area(of: .timeline)?.height == 8)
        #expect(try #require(DashboardLayout(width: 120, height: 40, visible: visible, lanes: 6)).area(of: .timeline)?.height == 16)
        #expect(try #require(DashboardLayout(width: 120, height: 40, visible: visible, lanes: 40)).area(of: .timeline)?.height == 17)
        checkTiling(try #require(DashboardLayout(width: 120, height: 40, visible: visible, lanes: 1)), 120, 40)
    }

    @Test func clicksFindPanels() throws {
        let l = try #require(layout(120, 40))
        for (id, area) in l.panels {
            #expect(l.panel(atX: area.x + area.width / 2, y: area.y + area.height / 2) == id)
        }
        #expect(l.panel(atX: 5, y: 39) == nil)  // the status bar
    }
}
