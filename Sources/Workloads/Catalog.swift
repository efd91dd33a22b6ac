import Foundation
import Engine

/// Every workload, in menu order.
public enum Catalog {
    public static let all: [any Workload] = [
        ArraysWorkload(), LazyVsEagerWorkload(), MatmulExpSplitWorkload(), MatmulSweepWorkload(),
    ]

    public static func named(_ name: String) throws -> any Workload {
        guard let workload = all.first(where: { $0.name == name }) else { throw WorkloadError.unknownWorkload(name) }
        return workload
    }
}

/// The quick-start seed: arrays from Swift literals and the dtypes MLX infers for them.
public struct ArraysWorkload: Workload {
    public init() {}
    public let name = "arrays"
    public let summary = "Create arrays from literals; show shapes and inferred dtypes (the quick-start seed)"
    public let parameters: [WorkloadParameter] = []

    public func run(_ settings: WorkloadSettings, report: WorkloadReport) throws {
        let examples: [(String, Tensor)] = [
            ("a", try Tensor([1, 2, 3, 4])),
            ("b", try Tensor([1.0, 2.0, 3.0, 4.0])),
            ("c", try Tensor([[1, 2, 3, 4], [5, 6, 7, 8]])),
            ("d", try Tensor([[1, 2, 3, 4], [5.0, 6.0, 7.0, 8.0]])),
        ]
        for (label, array) in examples {
            report.line("\(label) shape: \(array.shape)")
            report.line("\(label) dtype: \(array.dtype)")
        }
        report.line("a + b = \(try examples[0].1 + examples[1].1)")
        report.line("default device: \(Defaults.device)")
        report.line("default stream: \(Defaults.stream())")
    }
}

/// The quick-start's lazy evaluation demo: 100 × `c = a + b` without eval, then with eval each time.
public struct LazyVsEagerWorkload: Workload {
    public init() {}
    public let name = "lazy-vs-eager"
    public let summary = "100 × a+b built lazily vs forced with eval each time"
    public let parameters = [WorkloadParameter("iterations", "100", "how many additions"), WorkloadParameter("size", "4", "elements per array")]

    public func run(_ settings: WorkloadSettings, report: WorkloadReport) throws {
        let iterations = try settings.int("iterations", default: 100)
        let size = try settings.int("size", default: 4)
        let a = try Random.normal(shape: [size], key: Random.key(1))
        let b = try Random.normal(shape: [size], key: Random.key(2))
        try eval(a, b)
        var c = a
        try report.time("lazy evaluation (\(iterations) × a + b, no eval)") {
            for _ in 0..<iterations { c = try a + b }
        }
        report.line("c evaluated after the lazy loop: \(c.isEvaluated)")
        try report.time("forced evaluation (\(iterations) × a + b; eval)") {
            for _ in 0..<iterations {
                c = try a + b
                try eval(c)
            }
        }
        report.line("c evaluated after the forced loop: \(c.isEvaluated)")
    }
}

/// The quick-start's device-placement experiment: matmul 4096×512 · 512×4 on one placement, then
/// 500 × `b = exp(b)` with an eval after each step on another.
public struct MatmulExpSplitWorkload: Workload {
    public init() {}
    public let name = "matmul-exp-split"
    public let summary = "matmul 4096×512·512×4 on one device, then 500 × exp with eval on another (the four placements)"
    public let parameters = [
        WorkloadParameter("placement", "all", "matmul,exp devices: cpu,cpu | gpu,gpu | cpu,gpu | gpu,cpu | all"),
        WorkloadParameter("steps", "500", "how many exp steps"),
    ]

    public func run(_ settings: WorkloadSettings, report: WorkloadReport) throws {
        let steps = try settings.int("steps", default: 500)
        let placement = settings.string("placement", default: "all")
        let placements = placement == "all" ? ["cpu,cpu", "gpu,gpu", "cpu,gpu", "gpu,cpu"] : [placement]
        let a = try Random.uniform(shape: [4096, 512], key: Random.key(0))
        let b0 = try Random.uniform(shape: [512, 4], key: Random.key(1))
        try eval(a, b0)
        for name in placements {
            let parts = name.split(separator: ",").map(String.init)
            guard parts.count == 2, let d1 = device(parts[0]), let d2 = device(parts[1]) else {
                throw WorkloadError.badParameter("placement", name, "two devices like cpu,gpu")
            }
            // The seed's labels: "cpu elapsed time", "gpu elapsed time", "cpu-gpu elapsed time", …
            let label = (parts[0] == parts[1] ? parts[0] : "\(parts[0])-\(parts[1])") + " elapsed time"
            do {
                try report.time(label) {
                    let x = try matmul(a, b0, stream: d1)
                    try eval(x)
                    var b = b0
                    for _ in 0..<steps {
                        b = try exp(b, stream: d2)
                        try eval(b)
                    }
                }
            } catch let error as EngineError where error.kind == .device {
                report.line("\(label): skipped — \(error)")
            }
        }
    }

    private func device(_ name: String) -> StreamOrDevice? {
        switch name {
        case "cpu": .cpu
        case "gpu": .gpu
        default: nil
        }
    }
}

/// The matmul benchmark seed: float32 matmul of random pairs across sizes.
public struct MatmulSweepWorkload: Workload {
    public init() {}
    public let name = "matmul-sweep"
    public let summary = "float32 matmul, sizes 256…4096, 10 random pairs each (the backend benchmark seed)"
    public let parameters = [
        WorkloadParameter("sizes", "256,512,1024,2048", "matrix sizes N (N×N · N×N)"),
        WorkloadParameter("pairs", "10", "random pairs per size"),
        WorkloadParameter("device", "cpu", "cpu or gpu"),
    ]

    public func run(_ settings: WorkloadSettings, report: WorkloadReport) throws {
        let sizes = try settings.ints("sizes", default: [256, 512, 1024, 2048])
        let pairs = try settings.int("pairs", default: 10)
        let device: StreamOrDevice = settings.string("device", default: "cpu") == "gpu" ? .gpu : .cpu
        for n in sizes {
            var total = 0.0
            for p in 0..<pairs {
                let x = try Random.uniform(shape: [n, n], key: Random.key(UInt64(2 * p)))
                let y = try Random.uniform(shape: [n, n], key: Random.key(UInt64(2 * p + 1)))
                try eval(x, y)
                let start = EngineClock.now()
                try eval(try matmul(x, y, stream: device))
                total += Double(EngineClock.now() - start) / 1e9
            }
            let mean = total / Double(max(pairs, 1))
            report.line(String(format: "N=%d: mean %.3f ms, %.1f GFLOP/s", n, mean * 1e3, 2 * pow(Double(n), 3) / mean / 1e9))
        }
    }
}
