import Testing
@testable import TerminalUI
import TUIDemo

/// Whole screens of mixed widgets at the sizes the dashboard supports.
@Suite struct ScreenTests {
    static let sizes: [(Int, Int)] = [(80, 24), (120, 40), (200, 60)]

    @Test(arguments: sizes)
    func panelsTileTheScreenWithoutOverlap(width: Int, height: Int) throws {
        let bounds = Rect(x: 0, y: 0, width: width, height: height)
        let panels = try #require(SampleScreen().panels(in: bounds))
        #expect(panels.count == 6)
        for (i, a) in panels.enumerated() {
            #expect(bounds.contains(a.area) && !a.area.isEmpty, "\(a.name) at \(a.area)")
            for b in panels[(i + 1)...] { #expect(!a.area.intersects(b.area), "\(a.name) overlaps \(b.name)") }
        }
        #expect(panels.map(\.area.area).reduce(0, +) == width * height)  // no gaps either
    }

    @Test(arguments: sizes)
    func everyPanelDrawsOnlyInsideItsArea(width: Int, height: Int) throws {
        for theme in ["default", "light", "high-contrast", "monochrome"] {
            let loaded = ThemeLoader.load(path: "\(repositoryRoot)/themes/\(theme).theme", depth: .ansi256).theme
            let panels = try #require(SampleScreen(theme: loaded, frame: 17).panels(in: Rect(x: 0, y: 0, width: width, height: height)))
            for panel in panels {
                var canvas = TestSupport.dotted(width: width, height: height)
                panel.render(into: &canvas)
                #expect(TestSupport.untouchedOutside(panel.area, in: canvas), "\(panel.name) drew outside \(panel.area)")
                #expect(TestSupport.widePairsIntact(canvas))
            }
        }
    }

    @Test(arguments: sizes)
    func wholeScreenRenders(width: Int, height: Int) {
        var canvas = Canvas(width: width, height: height)
        SampleScreen(frame: 3).render(into: &canvas)
        let lines = canvas.lines()
        #expect(lines.count == height)
        #expect(lines.allSatisfy { CharacterWidth.of($0) == width })
        #expect(lines[0].hasPrefix("╭ Timeline "))
        #expect(lines[height - 1].hasPrefix("q quit  ? help  / filter  t theme"))
        #expect(lines[height - 1].hasSuffix("frame 3"))
        #expect(lines.contains { $0.contains("│cpu0 ") })
        #expect(lines.contains { $0.contains("µs ▼") })
    }

    @Test func tooSmallShowsAMessageInsteadOfBrokenLayout() {
        var canvas = Canvas(width: 30, height: 5)
        SampleScreen().render(into: &canvas)
        #expect(SampleScreen().panels(in: canvas.bounds) == nil)
        #expect(canvas.lines()[0].contains("Terminal too small: 30×5"))
    }

    @Test func consecutiveFramesChangeOnlyPartOfTheScreen() {
        var a = Canvas(width: 120, height: 40)
        var b = a
        SampleScreen(frame: 10).render(into: &a)
        SampleScreen(frame: 11).render(into: &b)
        let changed = b.diff(from: a).map(\.cells.count).reduce(0, +)
        #expect(changed > 0 && changed < 120 * 40)
        #expect(b.diff(from: b).isEmpty)
    }
}
