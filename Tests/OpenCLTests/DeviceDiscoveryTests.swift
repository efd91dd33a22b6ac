import Foundation
import Testing

@testable import Engine

@Suite("OpenCL device discovery")
struct DeviceDiscoveryTests {
    @Test func findsPoCLWithItsProperties() throws {
        guard case .available(let devices) = OpenCLDevices.availability else {
            Issue.record("no OpenCL device: \(OpenCLDevices.availability)")
            return
        }
        let first = try #require(devices.first)
        #expect(devices.map(\.gpuIndex) == Array(devices.indices))
        #expect(!first.name.isEmpty && !first.platform.isEmpty && !first.vendor.isEmpty)
        #expect(first.computeUnits >= 1 && first.maxWorkGroupSize >= 1)
        #expect(first.globalMemory > 0 && first.localMemory > 0)
        #expect(first.openCLCVersion.hasPrefix("OpenCL C"))
        // GPU-type devices come first.
        let types = devices.map(\.isGPU)
        #expect(types == types.sorted { $0 && !$1 })
        if !first.isGPU {
            #expect(first.note?.contains("serving as gpu(0)") == true)
        }
        #expect(first.summary.contains(first.name) && first.summary.contains("unified memory"))
    }

    @Test func orderPutsGPUsFirstAndHonoursTheChoice() {
        let isGPU = [false, true, false, true]
        let names = ["pocl cpu", "NVIDIA H200", "fpga", "NVIDIA A100"]
        #expect(Discovery.order(isGPU: isGPU, names: names, choice: nil).order == [1, 3, 0, 2])
        #expect(Discovery.order(isGPU: isGPU, names: names, choice: "2").order == [0, 1, 3, 2])
        #expect(Discovery.order(isGPU: isGPU, names: names, choice: "a100").order == [3, 1, 0, 2])
        #expect(Discovery.order(isGPU: isGPU, names: names, choice: " ").order == [1, 3, 0, 2])
        let missing = Discovery.order(isGPU: isGPU, names: names, choice: "tpu")
        #expect(missing.order == [1, 3, 0, 2])
        #expect(missing.note?.contains("STREAMTOP_OPENCL_DEVICE=tpu matches no device") == true)
        #expect(Discovery.order(isGPU: isGPU, names: names, choice: "9").note != nil)
    }

    @Test func deviceTypesAreNamed() {
        #expect(Discovery.typeName(1 << 2) == "GPU")
        #expect(Discovery.typeName(1 << 1) == "CPU")
        #expect(Discovery.typeName(1 << 3) == "accelerator")
        #expect(Discovery.typeName(1 << 4) == "other")
    }

    /// The ICD loader reads `OCL_ICD_VENDORS` once per process, so this runs in a child process.
    @Test func withoutADriverTheDeviceIsUnavailableWithAReason() async {
        await #expect(processExitsWith: .success) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-icd-\(getpid())")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            setenv("OCL_ICD_VENDORS", folder.path, 1)
            guard case .unavailable(let reason) = OpenCLDevices.availability,
                reason.contains("CL_PLATFORM_NOT_FOUND_KHR"), reason.contains("pocl-opencl-icd"),
                OpenCLDevice.self == OpenCLDevice.self, OpenCLDevices.device(0) == nil,
                (try? OpenCLTestbed(gpu: 0)) == nil
            else { exit(1) }
            exit(0)
        }
    }

    @Test func theEnvironmentVariableNamesTheChosenDevice() async {
        await #expect(processExitsWith: .success) {
            setenv("STREAMTOP_OPENCL_DEVICE", "0", 1)
            guard case .available(let devices) = OpenCLDevices.availability,
                devices[0].note?.contains("chosen by STREAMTOP_OPENCL_DEVICE=0") == true
            else { exit(1) }
            exit(0)
        }
    }
}
