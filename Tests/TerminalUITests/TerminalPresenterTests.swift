import Testing
@testable import TerminalUI

/// Records what the presenter asks of curses.
final class TerminalFakeOutput: CursesOutput {
    struct Put: Equatable {
        var grapheme: String
        var x: Int
        var y: Int
        var attributes: Attributes
        var pair: Int32
    }

    var puts: [Put] = []
    var pairs: [Int32: (Int32, Int32)] = [:]
    var erases = 0
    var invalidations = 0
    var flushes = 0
    var pairCapacityOK = true

    func definePair(_ pair: Int32, foreground: Int32, background: Int32) -> Bool {
        pairs[pair] = (foreground, background)
        return pairCapacityOK
    }

    func put(_ grapheme: String, x: Int, y: Int, attributes: Attributes, pair: Int32) {
        puts.append(Put(grapheme: grapheme, x: x, y: y, attributes: attributes, pair: pair))
    }

    func eraseAll() { erases += 1 }
    func invalidatePhysicalScreen() { invalidations += 1 }
    func flush() { flushes += 1 }

    func reset() {
        puts = []
        erases = 0
        invalidations = 0
        flushes = 0
    }
}

@Suite struct TerminalPresenterTests {
    let size = TerminalSize(width: 10, height: 3)

    @Test func first_frame_writes_non_blank_cells_after_one_erase_and_flushes_once() {
        var presenter = FramePresenter(depth: .ansi256, colorPairs: 256)
        let out = TerminalFakeOutput()
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("hi", x: 1, y: 0, style: .plain)
        canvas.put("宽⣿", x: 0, y: 2, style: Style(fg: .ansi(2), attributes: .bold))
        let stats = presenter.present(canvas, screen: size, to: out)
        #expect(out.erases == 1 && out.flushes == 1)
        #expect(out.puts.map(\.grapheme) == ["h", "i", "宽", "⣿"])
        #expect(out.puts[2] == .init(grapheme: "宽", x: 0, y: 2, attributes: .bold, pair: 1))
        #expect(out.puts[3].x == 2)  // after the wide character's two columns
        #expect(stats.fullRepaint)
        #expect(stats.cellsWritten == 4)
        #expect(stats.bytesWritten == 1 + 1 + 3 + 3)
        #expect(stats.runs == 3)
        #expect(stats.styleChanges == 2)
        #expect(out.pairs[1]! == (2, -1))
    }

    @Test func later_frames_write_only_changed_cells() {
        var presenter = FramePresenter(depth: .ansi256, colorPairs: 256)
        let out = TerminalFakeOutput()
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("cpu 10%", x: 0, y: 1, style: .plain)
        _ = presenter.present(canvas, screen: size, to: out)
        out.reset()

        let same = presenter.present(canvas, screen: size, to: out)
        #expect(out.puts.isEmpty && out.erases == 0 && out.flushes == 1)
        #expect(same.cellsWritten == 0 && !same.fullRepaint)

        canvas.put("cpu 97%", x: 0, y: 1, style: .plain)
        let changed = presenter.present(canvas, screen: size, to: out)
        #expect(out.puts.map(\.grapheme) == ["9", "7"])
        #expect(out.puts.map(\.x) == [4, 5])
        #expect(changed.cellsWritten == 2 && changed.bytesWritten == 2 && changed.runs == 1)
    }

    @Test func pairs_are_reused_across_frames_and_cells() {
        var presenter = FramePresenter(depth: .ansi256, colorPairs: 256)
        let out = TerminalFakeOutput()
        for frame in 0..<20 {
            var canvas = Canvas(width: 10, height: 3)
            let red = Style(fg: .rgb(255, 0, 0), bg: .rgb(0, 0, 0))
            canvas.put(String(repeating: "\(frame % 10)", count: 10), x: 0, y: 0, style: red)
            canvas.put("x", x: frame % 10, y: 1, style: Style(fg: .ansi(4)))
            _ = presenter.present(canvas, screen: size, to: out)
        }
        #expect(out.pairs.count == 2)
        #expect(presenter.pairs.count == 2)
        // 0 is the default pair: cells where the "x" was are written back as plain blanks.
        #expect(Set(out.puts.map(\.pair)) == [0, 1, 2])
    }

    @Test func wide_character_changes_send_whole_characters_and_resize_repaints() {
        var presenter = FramePresenter(depth: .ansi256, colorPairs: 256)
        let out = TerminalFakeOutput()
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("ab", x: 0, y: 0, style: .plain)
        _ = presenter.present(canvas, screen: size, to: out)
        out.reset()
        canvas.put("字", x: 0, y: 0, style: .plain)
        _ = presenter.present(canvas, screen: size, to: out)
        #expect(out.puts.map(\.grapheme) == ["字"])

        out.reset()
        presenter.invalidate(physical: true)
        let stats = presenter.present(canvas, screen: size, to: out)
        #expect(stats.fullRepaint && out.erases == 1 && out.invalidations == 1)
        #expect(out.puts.map(\.grapheme) == ["字"])

        out.reset()
        let bigger = Canvas(width: 12, height: 3)
        let resized = presenter.present(bigger, screen: TerminalSize(width: 12, height: 3), to: out)
        #expect(resized.fullRepaint && out.erases == 1 && out.invalidations == 0)
    }

    @Test func cells_outside_the_screen_are_clipped_and_a_wide_char_in_the_last_column_becomes_a_space() {
        var presenter = FramePresenter(depth: .ansi256, colorPairs: 256)
        let out = TerminalFakeOutput()
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("0123字", x: 0, y: 0, style: .plain)
        canvas.put("z", x: 9, y: 2, style: .plain)
        _ = presenter.present(canvas, screen: TerminalSize(width: 5, height: 2), to: out)
        #expect(out.puts.map(\.grapheme) == ["0", "1", "2", "3", " "])
    }

    @Test func monochrome_keeps_attributes_and_uses_no_pairs() {
        var presenter = FramePresenter(depth: .monochrome, colorPairs: 256)
        let out = TerminalFakeOutput()
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("!", x: 0, y: 0, style: Style(fg: .rgb(255, 0, 0), attributes: [.bold, .reverse]))
        _ = presenter.present(canvas, screen: size, to: out)
        #expect(out.puts == [.init(grapheme: "!", x: 0, y: 0, attributes: [.bold, .reverse], pair: 0)])
        #expect(out.pairs.isEmpty)
    }

    @Test func pair_exhaustion_forces_a_repaint_with_a_fresh_cache() {
        var presenter = FramePresenter(depth: .ansi256, colorPairs: 3)  // pairs 1, 2
        let out = TerminalFakeOutput()
        var canvas = Canvas(width: 10, height: 3)
        for i in 0..<3 { canvas.put("x", x: i, y: 0, style: Style(fg: .ansi(UInt8(i + 1)))) }
        _ = presenter.present(canvas, screen: size, to: out)
        #expect(out.puts.map(\.pair) == [1, 2, 0])
        var next = Canvas(width: 10, height: 3)
        next.put("y", x: 0, y: 0, style: Style(fg: .ansi(3)))
        out.reset()
        let stats = presenter.present(next, screen: size, to: out)
        #expect(stats.fullRepaint)
        #expect(out.puts.map(\.pair) == [1])
        #expect(out.pairs[1]! == (3, -1))
    }
}
