import Engine
import Foundation

/// Every workload, in menu order, and the one place that turns user input into validated arguments.
public enum Catalog {
    public static let all: [any Workload] = [
        ArraysWorkload(), LazyVsEagerWorkload(), CPUGPUAddWorkload(), MatmulExpSplitWorkload(), MatmulSweepWorkload(),
        MLPWorkload(), AttentionWorkload(), PipelineWorkload(), ReduceWorkload(), RandomGraphWorkload(), GeluFusionWorkload(),
    ]

    public static func named(_ name: String) throws(WorkloadError) -> any Workload {
        guard let workload = all.first(where: { $0.name == name }) else { throw .unknownWorkload(name) }
        return workload
    }

    /// Looks up `name` and validates `values` (parameter name → text) against its parameters:
    /// unknown names, unparsable or out-of-range values, an explicitly named device that is not
    /// available, and runs too large for memory are all refused here, before anything runs.
    public static func validate(_ name: String, _ values: [String: String] = [:]) throws(WorkloadError) -> (any Workload, WorkloadArguments) {
        let workload = try named(name)
        return (workload, try validate(workload, values))
    }

    public static func validate(_ workload: any Workload, _ values: [String: String] = [:]) throws(WorkloadError) -> WorkloadArguments {
        for given in values.keys.sorted() where workload.parameter(named: given) == nil {
            throw .unknownParameter(workload: workload.name, name: given, known: workload.parameters.map(\.name))
        }
        var parsed: [String: ParameterValue] = [:]
        var texts: [String: String] = [:]
        for parameter in workload.parameters {
            let text = values[parameter.name] ?? parameter.defaultText
            let value = try parameter.parse(text)
            if case .placements(let placements, let all) = value, !all {
                for placement in placements {
                    if let why = DeviceAvailability.reason(placement) {
                        throw .unavailableDevice(parameter: parameter.name, value: text, reason: why)
                    }
                }
            }
            parsed[parameter.name] = value
            texts[parameter.name] = text.trimmingCharacters(in: .whitespaces)
        }
        let arguments = WorkloadArguments(values: parsed, texts: texts)
        let bytes = workload.estimatedBytes(arguments)
        let limit = memoryLimit
        if bytes > limit {
            let sized = workload.parameters.filter(\.affectsMemory).map(\.name)
            let named = sized.filter { values[$0] != nil }
            throw .tooLarge(workload: workload.name, parameters: named.isEmpty ? sized : named, bytes: bytes, limit: limit)
        }
        return arguments
    }

    /// The most one run may hold: the CPU pool's memory limit (0.8 × RAM by default).
    public static var memoryLimit: Int {
        let limit = Memory.statistics(.cpu).memoryLimit
        return limit > 0 ? limit : Int.max
    }
}
