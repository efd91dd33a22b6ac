import Foundation

/// Folders searched for `NAME.theme`, highest priority first.
public struct ThemeSearchPath: Hashable, Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The standard order: `extra` (e.g. `--theme-dir`), the user's
    /// `$XDG_CONFIG_HOME/streamtop/themes` (default `~/.config/streamtop/themes`) — so a user's
    /// copy of a shipped theme overrides it, as in btop — then next to the executable
    /// (`themes/`, `../share/streamtop/themes`), and the repository's `themes/` when run from a
    /// checkout (found by walking up to a folder with `Package.swift`).
    public static func standard(
        extra: [String] = [], executablePath: String? = ThemeSearchPath.currentExecutablePath(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ThemeSearchPath {
        var directories = extra
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            directories.append(xdg + "/streamtop/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.config/streamtop/themes")
        }
        if let executablePath {
            let binDir = (executablePath as NSString).deletingLastPathComponent
            directories.append(binDir + "/themes")
            directories.append(((binDir + "/../share/streamtop/themes") as NSString).standardizingPath)
            if let checkout = repositoryRoot(above: binDir) { directories.append(checkout + "/themes") }
        }
        var seen = Set<String>()
        return ThemeSearchPath(directories: directories.filter { seen.insert($0).inserted })
    }

    /// `/proc/self/exe` on Linux (the real binary, not a symlink to it), else argv[0].
    public static func currentExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return Bundle.main.executablePath ?? CommandLine.arguments.first
    }

    /// The nearest ancestor of `directory` holding both `Package.swift` and `themes/`.
    static func repositoryRoot(above directory: String) -> String? {
        var current = (directory as NSString).standardizingPath
        let files = FileManager.default
        while current != "/" && !current.isEmpty {
            if files.fileExists(atPath: current + "/Package.swift"), files.fileExists(atPath: current + "/themes") {
                return current
            }
            current = (current as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// Path of the first `name.theme` on the path, if any.
    public func find(_ name: String) -> String? {
        directories.lazy.map { "\($0)/\(name).theme" }.first { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// Stems of every `.theme` file on the path, sorted, without duplicates.
    public func availableThemes() -> [String] {
        let names = directories.flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".theme") }
                .map { String($0.dropLast(".theme".count)) }
        }
        return Array(Set(names)).sorted()
    }
}
