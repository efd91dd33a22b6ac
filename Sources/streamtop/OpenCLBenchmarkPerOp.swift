import Engine
import Foundation

/// The GPU per-op row of `bench opencl`: the seed's `b = exp(b); eval(b)` 500 times on 512×4
/// float32 on `gpu(0)`, against the raw-OpenCL floor (`OpenCLRawExp`) on the same device.
enum OpenCLPerOp {
    static let shape = [512, 4]
    static let steps = 500

    /// Microseconds per op, ours and the floor, each the median over `rounds` loops of `steps` ops,
    /// the two sides alternating loop by loop. A side that cannot run is left out.
    static func rows(engine: Bool, device: OpenCLBenchDevice?, quick: Bool) throws -> [BenchResult] {
        var rows: [BenchResult] = []
        if let main = try row(engine: engine, device: device, quick: quick) { rows.append(main) }
        if let device, let calls = try driverCalls(device: device, quick: quick) { rows.append(calls) }
        return rows
    }

    /// The raw loop with the engine's extra driver calls (`clFlush`, `clSetEventCallback`) against the
    /// bare raw loop: what those calls cost on this driver, apart from anything the engine computes.
    static func driverCalls(device: OpenCLBenchDevice, quick: Bool) throws -> BenchResult? {
        let count = shape.reduce(1, *)
        let steps = quick ? 20 : Self.steps
        let kernel = try OpenCLRawExp(on: device, count: count)
        try kernel.load((0..<count).map { Float($0 % 17) / 16 - 0.5 })
        let plan = SamplingPlan(minimum: quick ? 1 : 7, maximum: quick ? 1 : 7, seconds: .greatestFiniteMagnitude)
        let (withCalls, bare) = try plan.alternate(
            ours: { for i in 0..<steps { try kernel.step(i, engineCalls: true) } },
            peer: { for i in 0..<steps { try kernel.step(i) } })
        let micro = { (samples: [Double]) in EngineBenchmark.median(samples.map { $0 * 1e6 / Double(steps) }) }
        let value = micro(withCalls)
        let floor = micro(bare)
        let params = [
            "op": "exp kernel + clFlush + clSetEventCallback + clWaitForEvents", "shape": "512x4", "dtype": "float32",
            "ops": "\(steps) per sample", "samples": "\(withCalls.count) / \(bare.count)",
            "timing": "wall clock per loop ÷ ops; peer: clEnqueueNDRangeKernel + clWaitForEvents on an in-order queue",
        ]
        return BenchResult(
            name: "raw OpenCL + engine's driver calls", params: params, value: value, unit: "µs/op", peer: "raw OpenCL floor",
            peer_value: floor, ratio: value / floor)
    }

    static func row(engine: Bool, device: OpenCLBenchDevice?, quick: Bool) throws -> BenchResult? {
        let count = shape.reduce(1, *)
        let steps = quick ? 20 : Self.steps
        let rounds = quick ? 1 : 7
        var floor: (() throws -> Void)?
        var raw: OpenCLRawExp?
        if let device {
            let kernel = try OpenCLRawExp(on: device, count: count)
            let start = (0..<count).map { Float($0 % 17) / 16 - 0.5 }
            try kernel.load(start)
            try checkFloor(kernel, start: start, steps: 2)
            raw = kernel
            floor = {
                for i in 0..<steps { try kernel.step(i) }
            }
        }
        var ours: (() throws -> Void)?
        if engine {
            let x = try Random.normal(shape: shape, key: Random.key(41), stream: .gpu)
            try eval(x)
            ours = {
                var b = x
                for _ in 0..<steps {
                    b = try Engine.exp(b, stream: .gpu)
                    try eval(b)
                }
            }
        }
        guard ours != nil || floor != nil else { return nil }
        // `seconds` never ends sampling early: exactly `rounds` loops per side.
        let plan = SamplingPlan(minimum: rounds, maximum: rounds, seconds: .greatestFiniteMagnitude)
        let (oursTimes, floorTimes) = try plan.alternate(ours: ours, peer: floor)
        withExtendedLifetime(raw) {}
        let micro = { (samples: [Double]) in samples.map { $0 * 1e6 / Double(steps) } }
        let o = micro(oursTimes)
        let f = micro(floorTimes)
        var params = [
            "op": "b = exp(b); eval(b)", "shape": "512x4", "dtype": "float32", "ops": "\(steps) per sample",
            "timing": "wall clock per loop ÷ ops; peer: clEnqueueNDRangeKernel + clWaitForEvents on an in-order queue",
            "samples": "\(o.count) / \(f.count)",
        ]
        let fmt = { (v: [Double]) in v.min().map { String(format: "%.1f", $0) } ?? "—" }
        params["best"] = "\(fmt(o)) / \(fmt(f))"
        guard !o.isEmpty else {
            return BenchResult(name: "raw OpenCL exp", params: params, value: EngineBenchmark.median(f), unit: "µs/op", peer: nil, peer_value: nil, ratio: nil)
        }
        let peerValue = f.isEmpty ? nil : EngineBenchmark.median(f)
        params["ratio"] = "ours ÷ floor (1.0 = no engine overhead; lower is better)"
        return BenchResult(
            name: "gpu per-op", params: params, value: EngineBenchmark.median(o), unit: "µs/op", peer: peerValue == nil ? nil : "raw OpenCL floor",
            peer_value: peerValue, ratio: peerValue.map { EngineBenchmark.median(o) / $0 })
    }

    /// Two steps read back: the floor must really compute exp(exp(x)) before its time counts.
    static func checkFloor(_ kernel: OpenCLRawExp, start: [Float], steps: Int) throws {
        for i in 0..<steps { try kernel.step(i) }
        let got = try kernel.result(after: steps)
        for (i, x) in start.enumerated() {
            let want = Foundation.exp(Foundation.exp(Double(x)))
            guard abs(Double(got[i]) - want) <= 1e-5 * want else {
                throw OpenCLBenchError("the raw exp kernel gives \(got[i]) at \(i), exp(exp(\(x))) = \(want)")
            }
        }
        try kernel.load(start)
    }
}
