// tui-bench: how long a full dashboard frame takes to render and diff, and how many bytes
// the ANSI serializer writes when a little vs all of the screen changes.
//
//   swift run -c release tui-bench [--json] [--width 200] [--height 60] [--frames 400] [--print]

import Foundation
import TerminalUI
import TUIDemo

struct Options {
    var json = false
    var width = 200
    var height = 60
    var frames = 400
    var printFrame = false

    init(_ arguments: [String]) {
        var it = arguments.dropFirst().makeIterator()
        while let argument = it.next() {
            switch argument {
            case "--json": json = true
            case "--print": printFrame = true
            case "--width": width = Int(it.next() ?? "") ?? width
            case "--height": height = Int(it.next() ?? "") ?? height
            case "--frames": frames = max(1, Int(it.next() ?? "") ?? frames)
            default:
                print("usage: tui-bench [--json] [--width N] [--height N] [--frames N] [--print]")
                exit(argument == "--help" ? 0 : 2)
            }
        }
    }
}

struct Measurement {
    var name: String
    var params: [(String, String)]
    var value: Double
    var unit: String
}

func microseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Changes `fraction` of the cells of `canvas` at spread-out positions (a fixed stride
/// through the cells, so the result is the same on every run).
func mutate(_ canvas: Canvas, fraction: Double) -> Canvas {
    var copy = canvas
    let total = canvas.width * canvas.height
    let count = Int((Double(total) * fraction).rounded())
    let stride = 7919  // prime, so positions do not repeat before `total` steps
    var position = 0
    for _ in 0..<count {
        position = (position + stride) % total
        let x = position % canvas.width
        let y = position / canvas.width
        let old = copy[x, y]
        let glyph = old.grapheme == "#" ? "%" : "#"
        copy.set(x: x, y: y, cell: Cell(grapheme: glyph, width: 1, style: old.style.fg(.ansi(UInt8(position % 200 + 16)))))
    }
    return copy
}

let options = Options(CommandLine.arguments)
let theme = Theme.builtin(depth: .trueColor)
let size = [("width", String(options.width)), ("height", String(options.height))]
let clock = ContinuousClock()

// Warm-up (allocations, lazy statics such as the built-in theme).
var previous = Canvas(width: options.width, height: options.height)
SampleScreen(theme: theme, frame: 0).render(into: &previous)

var frameTimes: [Double] = []
var renderTimes: [Double] = []
var diffTimes: [Double] = []
var serializeTimes: [Double] = []
var changedCells: [Double] = []
var changedBytes: [Double] = []
let serializer = AnsiSerializer(depth: .trueColor)
// Two buffers swapped every frame, as a terminal backend keeps them: no allocation per frame.
var canvas = Canvas(width: options.width, height: options.height)
for frame in 1...options.frames {
    let start = clock.now
    SampleScreen(theme: theme, frame: frame).render(into: &canvas)
    let rendered = clock.now
    let runs = canvas.diff(from: previous)
    let diffed = clock.now
    let bytes = serializer.serialize(runs)
    let serialized = clock.now
    renderTimes.append(microseconds(rendered - start))
    diffTimes.append(microseconds(diffed - rendered))
    frameTimes.append(microseconds(diffed - start))
    serializeTimes.append(microseconds(serialized - diffed))
    changedCells.append(Double(runs.reduce(0) { $0 + $1.cells.count }))
    changedBytes.append(Double(bytes.count))
    swap(&previous, &canvas)
}

var results: [Measurement] = [
    Measurement(name: "frame_render_and_diff", params: size, value: median(frameTimes), unit: "us"),
    Measurement(name: "frame_render", params: size, value: median(renderTimes), unit: "us"),
    Measurement(name: "frame_diff", params: size, value: median(diffTimes), unit: "us"),
    Measurement(name: "frame_serialize", params: size, value: median(serializeTimes), unit: "us"),
    Measurement(name: "dashboard_frame_changed_cells", params: size, value: median(changedCells), unit: "cells"),
    Measurement(name: "dashboard_frame_bytes", params: size, value: median(changedBytes), unit: "bytes"),
]

for (label, fraction) in [("5%", 0.05), ("100%", 1.0)] {
    let changed = mutate(previous, fraction: fraction)
    let runs = changed.diff(from: previous)
    let cells = runs.reduce(0) { $0 + $1.cells.count }
    let bytes = serializer.serialize(runs).count
    let params = size + [("changed", label)]
    results.append(Measurement(name: "changed_cells", params: params, value: Double(cells), unit: "cells"))
    results.append(Measurement(name: "ansi_bytes", params: params, value: Double(bytes), unit: "bytes"))
}
let fullRepaint = serializer.serialize(previous.diff(from: nil)).count
results.append(Measurement(name: "ansi_bytes", params: size + [("changed", "full repaint")], value: Double(fullRepaint), unit: "bytes"))

if options.printFrame {
    for line in previous.lines() { print(line) }
}
if options.json {
    func quote(_ s: String) -> String { "\"" + s + "\"" }
    let entries = results.map { m in
        let params = m.params.map { "\(quote($0.0)):\(quote($0.1))" }.joined(separator: ",")
        return "{\"name\":\(quote(m.name)),\"params\":{\(params)},\"value\":\(m.value),\"unit\":\(quote(m.unit))}"
    }
    print("{\"benchmarks\":[" + entries.joined(separator: ",") + "]}")
} else {
    print("tui-bench: \(options.width)×\(options.height), \(options.frames) frames, medians")
    for m in results {
        let extra = m.params.filter { $0.0 == "changed" }.map { " (\($0.1))" }.joined()
        let value = m.unit == "us" ? String(Double(Int(m.value * 10)) / 10) : String(Int(m.value))
        print("  \(m.name)\(extra): \(value) \(m.unit)")
    }
}
