import Foundation
import Glibc

/// Why a trace could not be written, naming the path.
public struct TraceWriteError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "trace: cannot write \(path): \(reason)" }
}

/// Writes a whole file or nothing: the bytes go to a hidden temporary name in the same folder
/// (same file system, so the rename is atomic), are flushed, then renamed over the target.
enum AtomicFile {
    static func write(_ data: [UInt8], to url: URL) throws {
        let target = url.standardizedFileURL
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw TraceWriteError(path: target.path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temporary.path, target.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary.path)
            throw TraceWriteError(path: target.path, reason: failure)
        }
    }
}
