import Foundation
import Testing

@testable import Engine

@Suite("OpenCL program cache")
struct ProgramCacheTests {
    let testbed: OpenCLTestbed
    let source = "__kernel void twice(__global float *x) { x[get_global_id(0)] *= 2.0f; }"

    init() throws { testbed = try OpenCLTestbed.shared.get() }

    private func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("streamtop-cache-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func cache(_ folder: URL?) -> ProgramCache {
        ProgramCache(context: testbed.context, deviceName: testbed.device.info.name, driverVersion: testbed.device.info.driverVersion, directory: folder)
    }

    /// The built program works: doubles a buffer.
    private func runs(_ program: CLProgram) throws -> Bool {
        let memory = try testbed.upload([Float(1.5), 4].withUnsafeBytes { Array($0) })
        let kernel = try CLKernel(program: program, name: "twice", op: "test")
        try kernel.set(0, memory: memory.handle, op: "test")
        let event = try kernel.enqueue(global: [2], local: nil, queue: testbed.queue, waitFor: [], op: "test")
        let bytes = try testbed.download(memory, count: 8, after: event)
        return bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) } == [3, 8]
    }

    @Test func buildsOnceThenServesFromMemoryThenFromDisk() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = cache(folder)
        let program = try first.program(source: source, options: "", op: "test")
        _ = try first.program(source: source, options: "", op: "test")
        #expect(first.counts == .init(memoryHits: 1, diskHits: 0, builds: 1))
        #expect(try runs(program))

        let second = cache(folder)
        let loaded = try second.program(source: source, options: "", op: "test")
        #expect(second.counts == .init(memoryHits: 0, diskHits: 1, builds: 0))
        #expect(try runs(loaded))
        // Other options are another program.
        _ = try second.program(source: source, options: "-cl-fast-relaxed-math", op: "test")
        #expect(second.counts.builds == 1)
    }

    @Test func corruptCacheFilesOnlyCostARebuild() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try cache(folder).program(source: source, options: "", op: "test")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".bin") }
        #expect(files.count == 1)
        for file in files {
            let url = folder.appendingPathComponent(file)
            var data = try Data(contentsOf: url)
            data[data.count / 2] ^= 0xFF
            try data.write(to: url)
        }
        let again = cache(folder)
        #expect(try runs(again.program(source: source, options: "", op: "test")))
        #expect(again.counts == .init(memoryHits: 0, diskHits: 0, builds: 1))
    }

    @Test func anUnwritableCacheFolderOnlyCostsSpeed() throws {
        // A regular file where the folder should be: nothing can be created below it.
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("streamtop-blocker-\(UUID().uuidString)")
        try Data([1]).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let blocked = cache(blocker.appendingPathComponent("sub"))
        #expect(try runs(blocked.program(source: source, options: "", op: "test")))
        #expect(blocked.counts.builds == 1)
    }

    @Test func concurrentRequestsForOneSourceBuildOnce() async throws {
        let shared = cache(nil)
        let text = source + "\n// concurrent"
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask { _ = try shared.program(source: text, options: "", op: "test") }
            }
            try await group.waitForAll()
        }
        #expect(shared.counts.builds == 1)
        #expect(shared.counts.memoryHits == 5)
    }

    @Test func hashesDifferForDifferentSources() {
        #expect(SourceHash.hex("a") != SourceHash.hex("b"))
        #expect(SourceHash.hex("kernel") == SourceHash.hex("kernel"))
        #expect(SourceHash.hex("").count == 32)
        // FNV-1a 64 of "a" (published test vector).
        #expect(SourceHash.fnv(Array("a".utf8), basis: 0xcbf2_9ce4_8422_2325) == 0xaf63_dc4c_8601_ec8c)
    }
}
