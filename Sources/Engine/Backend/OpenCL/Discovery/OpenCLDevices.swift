import Foundation

/// Every OpenCL device on the machine, found once per process through the ICD loader, in `gpu(i)`
/// order: GPU-type devices first (platform order), then the rest, so a machine without a GPU uses
/// PoCL's CPU device as `gpu(0)`. `STREAMTOP_OPENCL_DEVICE` (an index into that order, or a name
/// substring) picks the device that becomes `gpu(0)`; the others keep their order after it.
///
/// ```swift
/// switch OpenCLDevices.availability {
/// case .available(let devices): print(devices[0].summary)
/// case .unavailable(let reason): print("gpu: \(reason)")
/// }
/// ```
public enum OpenCLDevices {
    /// The environment variable that picks `gpu(0)`.
    public static let choiceVariable = "STREAMTOP_OPENCL_DEVICE"

    public enum Availability: Sendable, Equatable {
        case available([OpenCLDeviceInfo])
        /// No usable OpenCL device; the reason names the failing call and what to install.
        case unavailable(String)
    }

    /// The devices, or why there are none. Discovered on first use.
    public static var availability: Availability { discovery.availability }

    /// Remarks from discovery (an unmatched `STREAMTOP_OPENCL_DEVICE`, a device that failed a query).
    public static var notes: [String] { discovery.notes }

    /// The device behind `gpu(index)`, nil when there is none.
    static func device(_ index: Int) -> OpenCLDevice? {
        index >= 0 && index < discovery.devices.count ? discovery.devices[index] : nil
    }

    static var all: [OpenCLDevice] { discovery.devices }

    private static let discovery = Discovery.run(choice: ProcessInfo.processInfo.environment[choiceVariable])
}

/// A discovered device: its description and its id.
struct OpenCLDevice: Sendable {
    let info: OpenCLDeviceInfo
    let device: CLDevice
}

/// One run of device discovery (separate from the cached result so tests can drive `order`).
struct Discovery: Sendable {
    let devices: [OpenCLDevice]
    let availability: OpenCLDevices.Availability
    let notes: [String]

    static let noDriver =
        "install an OpenCL driver such as pocl-opencl-icd (CPU) or the GPU vendor's OpenCL ICD"

    static func run(choice: String?) -> Discovery {
        let platforms: [CLPlatform]
        do {
            platforms = try CLPlatform.all()
        } catch {
            let reason = "no OpenCL platform found (\(error.message)); \(noDriver)"
            return Discovery(devices: [], availability: .unavailable(reason), notes: [])
        }
        var found: [(platform: String, device: CLDevice, type: String)] = []
        var notes: [String] = []
        for platform in platforms {
            let platformName = (try? platform.name) ?? "platform"
            do {
                for device in try platform.devices() {
                    found.append((platformName, device, typeName((try? device.type) ?? 0)))
                }
            } catch {
                notes.append("\(platformName): \(error.message)")
            }
        }
        guard !found.isEmpty else {
            let names = platforms.compactMap { try? $0.name }.joined(separator: ", ")
            let reason = "OpenCL platforms found (\(names.isEmpty ? "none" : names)) but no devices; \(noDriver)"
            return Discovery(devices: [], availability: .unavailable(reason), notes: notes)
        }
        let names = found.map { (try? $0.device.name) ?? "" }
        let (order, note) = Self.order(isGPU: found.map { $0.type == "GPU" }, names: names, choice: choice)
        if let note { notes.append(note) }
        var devices: [OpenCLDevice] = []
        for (gpuIndex, i) in order.enumerated() {
            let entry = found[i]
            var remark: String?
            if i == order.first, let choice, note == nil {
                remark = "chosen by \(OpenCLDevices.choiceVariable)=\(choice)"
            } else if entry.type != "GPU" && !found.contains(where: { $0.type == "GPU" }) {
                remark = "a \(entry.type) device serving as gpu(\(gpuIndex)): no GPU-type OpenCL device was found"
            }
            do {
                devices.append(OpenCLDevice(info: try describe(entry.device, platform: entry.platform, type: entry.type, gpuIndex: gpuIndex, note: remark), device: entry.device))
            } catch {
                notes.append("\(names[i]): \(error.message)")
            }
        }
        if devices.isEmpty {
            return Discovery(devices: [], availability: .unavailable("no OpenCL device answered its queries: \(notes.joined(separator: "; "))"), notes: notes)
        }
        return Discovery(devices: devices, availability: .available(devices.map(\.info)), notes: notes)
    }

    /// Indices of `isGPU` in `gpu(i)` order: GPUs first, then the rest, each in discovery order;
    /// `choice` (an index into that order or a case-insensitive name substring) moves one device
    /// to the front. A choice that matches nothing leaves the order and says so.
    static func order(isGPU: [Bool], names: [String], choice: String?) -> (order: [Int], note: String?) {
        let base = isGPU.indices.filter { isGPU[$0] } + isGPU.indices.filter { !isGPU[$0] }
        guard let raw = choice?.trimmingSpaces(), !raw.isEmpty else { return (base, nil) }
        let picked: Int?
        if let index = Int(raw) {
            picked = index >= 0 && index < base.count ? base[index] : nil
        } else {
            picked = base.first { names[$0].lowercased().contains(raw.lowercased()) }
        }
        guard let picked else {
            let list = base.enumerated().map { "\($0.offset): \(names[$0.element])" }.joined(separator: ", ")
            return (base, "\(OpenCLDevices.choiceVariable)=\(raw) matches no device (\(list)); using the default order")
        }
        return ([picked] + base.filter { $0 != picked }, nil)
    }

    static func typeName(_ type: UInt64) -> String {
        if type & UInt64(1 << 2) != 0 { return "GPU" }
        if type & UInt64(1 << 1) != 0 { return "CPU" }
        if type & UInt64(1 << 3) != 0 { return "accelerator" }
        return "other"
    }

    private static func describe(_ d: CLDevice, platform: String, type: String, gpuIndex: Int, note: String?) throws(EngineError) -> OpenCLDeviceInfo {
        let extensions = try d.extensions
        return OpenCLDeviceInfo(
            gpuIndex: gpuIndex, platform: platform, name: try d.name, vendor: try d.vendor, type: type,
            computeUnits: try d.computeUnits, maxClockMHz: try d.maxClockMHz, globalMemory: try d.globalMemory,
            localMemory: try d.localMemory, maxAllocation: try d.maxAllocation, deviceVersion: try d.version,
            openCLCVersion: try d.openCLCVersion, driverVersion: try d.driverVersion,
            fp16: extensions.contains("cl_khr_fp16"), fp64: extensions.contains("cl_khr_fp64"),
            hostUnifiedMemory: (try? d.hostUnifiedMemory) ?? false, maxWorkGroupSize: try d.maxWorkGroupSize, note: note)
    }
}
