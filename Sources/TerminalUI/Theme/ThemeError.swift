/// A problem in a theme file, printed as `file:line: message` like a compiler diagnostic so
/// editors can jump to it (btop's silent skipping of typos is what this avoids).
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line, or 0 for problems with the whole file (unreadable, not found).
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}
