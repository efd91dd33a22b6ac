import Foundation

/// Built programs of one device, kept in memory for the process and on disk across runs.
///
/// PoCL takes a good fraction of a second per program, so each (source, options) pair is built
/// at most once per process — concurrent callers of the same source wait for the one build — and
/// its binary (`CL_PROGRAM_BINARIES`) is stored under `$XDG_CACHE_HOME/streamtop/opencl` (or
/// `~/.cache/streamtop/opencl`), keyed by device name, driver version and a hash of the source and
/// options. A missing, corrupt or unwritable cache only costs a rebuild.
final class ProgramCache: @unchecked Sendable {
    let context: CLContext
    /// nil: memory only.
    let directory: URL?
    private let deviceKey: String
    private let lock = Lock()
    private var entries: [String: Entry] = [:]
    private var counters = Counters()

    /// How programs were obtained, for tests and the verify report.
    struct Counters: Equatable, Sendable {
        var memoryHits = 0
        var diskHits = 0
        var builds = 0
    }

    private final class Entry: @unchecked Sendable {
        let lock = Lock()
        var program: CLProgram?
    }

    init(context: CLContext, deviceName: String, driverVersion: String, directory: URL? = ProgramCache.defaultDirectory) {
        self.context = context
        deviceKey = "\(deviceName)|\(driverVersion)"
        let folder = String(deviceName.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(48))
        self.directory = directory?.appendingPathComponent("\(folder)-\(SourceHash.hex(deviceKey).prefix(12))")
    }

    /// `$XDG_CACHE_HOME/streamtop/opencl`, else `~/.cache/streamtop/opencl`, else nil.
    static var defaultDirectory: URL? {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("streamtop/opencl")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".cache/streamtop/opencl")
        }
        return nil
    }

    var counts: Counters { lock.withLock { counters } }

    /// The built program for `source`; builds (or loads from disk) on first request.
    func program(source: String, options: String, op: String) throws(EngineError) -> CLProgram {
        let key = SourceHash.hex(deviceKey + "\u{0}" + options + "\u{0}" + source)
        let entry = lock.withLock {
            if let existing = entries[key] { return existing }
            let created = Entry()
            entries[key] = created
            return created
        }
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if let program = entry.program {
            lock.withLock { counters.memoryHits += 1 }
            return program
        }
        let file = directory?.appendingPathComponent("\(key).bin")
        if let file, let binary = Self.readBinary(file),
            let program = CLProgram.load(binary: binary, options: options, context: context, op: op)
        {
            entry.program = program
            lock.withLock { counters.diskHits += 1 }
            return program
        }
        let program = try CLProgram.build(source: source, options: options, context: context, op: op)
        entry.program = program
        lock.withLock { counters.builds += 1 }
        if let file, let binary = try? program.binary(), !binary.isEmpty { Self.writeBinary(binary, to: file) }
        return program
    }

    /// File layout: 16 hex digits of the payload's FNV-1a, then the payload. A mismatch is a miss.
    static func readBinary(_ file: URL) -> [UInt8]? {
        guard let data = try? Data(contentsOf: file), data.count > 16 else { return nil }
        let bytes = [UInt8](data)
        let payload = Array(bytes[16...])
        let stored = String(decoding: bytes[..<16], as: UTF8.self)
        guard stored == SourceHash.hex64(SourceHash.fnv(payload, basis: 0xcbf2_9ce4_8422_2325)) else { return nil }
        return payload
    }

    /// Writes through a temporary file and a rename, so readers never see half a file; failures are ignored.
    static func writeBinary(_ binary: [UInt8], to file: URL) {
        let folder = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let header = Array(SourceHash.hex64(SourceHash.fnv(binary, basis: 0xcbf2_9ce4_8422_2325)).utf8)
            let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(UInt64.random(in: 0...UInt64.max))")
            try Data(header + binary).write(to: temporary)
            if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            return
        }
    }
}
