// tui-harness: a test-only program that drives the real terminal layer so the tmux tests
// can watch it. Keys: q quits (exit 0), E throws an error out of the loop (exit 3 after
// restoring), A aborts (crash path: restored by the signal handler, then SIGABRT).
import Foundation
import TerminalUI

struct HarnessError: Error, CustomStringConvertible {
    var description: String { "harness error requested with E" }
}

func describe(_ event: InputEvent) -> String {
    switch event {
    case .key(let key): return "key(\(describe(key)))"
    case .mouse(let m): return "mouse(\(describe(m.kind)) \(m.x),\(m.y))"
    case .resize(let w, let h): return "resize(\(w)x\(h))"
    }
}

func describe(_ key: Key) -> String {
    switch key {
    case .char(let c): return "char(\(c))"
    case .ctrl(let c): return "ctrl(\(c))"
    case .function(let n): return "f\(n)"
    default: return "\(key)"
    }
}

func describe(_ kind: MouseKind) -> String {
    switch kind {
    case .press(let button): return "press(\(button))"
    case .release: return "release"
    case .wheelUp: return "wheelUp"
    case .wheelDown: return "wheelDown"
    }
}

func render(size: TerminalSize, last: String, stats: FrameStats, frames: Int, depth: ColorDepth) -> Canvas {
    var canvas = Canvas(width: size.width, height: size.height)
    let needed = TerminalSize(width: 30, height: 8)
    if let tooSmall = TerminalError.checkSize(size, needed: needed) {
        canvas.put(tooSmall.description, x: 0, y: 0, style: Style(attributes: .bold))
        return canvas
    }
    let border = Style(fg: .rgb(80, 160, 255))
    let (w, h) = (size.width, size.height)
    canvas.put("┌" + String(repeating: "─", count: w - 2) + "┐", x: 0, y: 0, style: border)
    for y in 1..<(h - 1) {
        canvas.put("│", x: 0, y: y, style: border)
        canvas.put("│", x: w - 1, y: y, style: border)
    }
    canvas.put("└" + String(repeating: "─", count: w - 2) + "┘", x: 0, y: h - 1, style: border)
    canvas.put(" tui-harness ", x: 2, y: 0, style: Style(fg: .rgb(255, 200, 0), attributes: .bold))
    canvas.put("size \(w)x\(h)", x: 2, y: 2, style: .plain)
    canvas.put("宽字符 ⣿⣷⣦ ▁▃▅█", x: 2, y: 3, style: Style(fg: .ansi(2)))
    canvas.put("last: \(last)", x: 2, y: 4, style: Style(attributes: .underline))
    canvas.put("depth \(depth) frames \(frames) cells \(stats.cellsWritten)", x: 2, y: 5, style: Style(attributes: .dim))
    canvas.put("q quit · E error · A abort", x: 2, y: h - 2, style: Style(attributes: .reverse))
    return canvas
}

func runHarness() throws {
    try Terminal.withSession { terminal in
        var last = "none"
        var dirty = true
        while true {
            if dirty {
                let canvas = render(
                    size: terminal.size, last: last, stats: terminal.lastFrameStats,
                    frames: terminal.framesPresented, depth: terminal.colorDepth)
                terminal.present(canvas)
                dirty = false
            }
            guard let event = try terminal.poll(timeout: 100) else { continue }
            switch event {
            case .key(.char("q")): return
            case .key(.char("E")): throw HarnessError()
            case .key(.char("A")): abort()
            case .key(.ctrl("l")): terminal.present(
                render(size: terminal.size, last: last, stats: terminal.lastFrameStats,
                       frames: terminal.framesPresented, depth: terminal.colorDepth), force: true)
            default: break
            }
            last = describe(event)
            dirty = true
        }
    }
}

var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--pidfile":
        guard let path = arguments.popFirst() else {
            FileHandle.standardError.write(Data("--pidfile needs a path\n".utf8))
            exit(64)
        }
        try? "\(getpid())\n".write(toFile: path, atomically: true, encoding: .utf8)
    default:
        FileHandle.standardError.write(Data("usage: tui-harness [--pidfile PATH]\n".utf8))
        exit(64)
    }
}

do {
    try runHarness()
    exit(0)
} catch let error as TerminalError {
    FileHandle.standardError.write(Data("tui-harness: \(error)\n".utf8))
    exit(error.exitStatus)
} catch {
    FileHandle.standardError.write(Data("tui-harness: \(error)\n".utf8))
    exit(3)
}
