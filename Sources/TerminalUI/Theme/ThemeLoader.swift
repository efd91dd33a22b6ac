import Foundation

/// What loading a theme produced: always a usable theme, plus the problems found.
public struct ThemeLoadResult: Sendable {
    /// The theme from the file, or the built-in default when there were errors.
    public var theme: Theme
    /// Every problem, as `file:line: message`; empty on success.
    public var errors: [ThemeError]
    /// The file read, nil for the built-in theme.
    public var path: String?

    public var usedFallback: Bool { !errors.isEmpty }
}

/// Reads theme files. A file with any error is rejected as a whole (a half-applied theme
/// is harder to debug than the default) and the errors are returned for display.
public enum ThemeLoader {
    /// Parses theme text. `file` is only used in error messages.
    /// `extensions` are the sections an application adds (see `ThemeExtension`).
    public static func parse(_ text: String, file: String, depth: ColorDepth, extensions: [ThemeExtension] = [])
        -> ThemeLoadResult
    {
        let document = ThemeDocument(parsing: text, file: file, extensions: extensions)
        guard document.errors.isEmpty else {
            return ThemeLoadResult(theme: .builtin(depth: depth, extensions: extensions), errors: document.errors, path: file)
        }
        // Keys the file leaves out keep the built-in values.
        let values = Theme.builtinValues(extensions: extensions).merging(document.values) { _, fromFile in fromFile }
        return ThemeLoadResult(theme: ThemeResolver.theme(from: values, depth: depth, extensions: extensions), errors: [],
                               path: file)
    }

    /// Reads and parses one file.
    public static func load(path: String, depth: ColorDepth, extensions: [ThemeExtension] = []) -> ThemeLoadResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ThemeLoadResult(theme: .builtin(depth: depth, extensions: extensions),
                                   errors: [ThemeError(file: path, line: 0, message: "cannot read theme file")], path: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ThemeLoadResult(theme: .builtin(depth: depth, extensions: extensions),
                                   errors: [ThemeError(file: path, line: 0, message: "theme file is not UTF-8")], path: path)
        }
        return parse(text, file: path, depth: depth, extensions: extensions)
    }

    /// Names the `t` key cycles through: "default" (always available, built in) first, then
    /// every other theme file on the path, sorted.
    public static func availableThemes(searchPath: ThemeSearchPath = .standard()) -> [String] {
        ["default"] + searchPath.availableThemes().filter { $0 != "default" }
    }

    /// Loads `name`: a path if it contains "/", else a stem looked up on `searchPath`.
    /// "default" falls back silently to the built-in theme when no file overrides it.
    public static func load(
        named name: String, searchPath: ThemeSearchPath = .standard(), depth: ColorDepth,
        extensions: [ThemeExtension] = []
    ) -> ThemeLoadResult {
        if name.contains("/") { return load(path: name, depth: depth, extensions: extensions) }
        if let path = searchPath.find(name) { return load(path: path, depth: depth, extensions: extensions) }
        if name == "default" {
            return ThemeLoadResult(theme: .builtin(depth: depth, extensions: extensions), errors: [], path: nil)
        }
        let searched = searchPath.directories.joined(separator: ", ")
        return ThemeLoadResult(
            theme: .builtin(depth: depth, extensions: extensions),
            errors: [ThemeError(file: "\(name).theme", line: 0, message: "theme not found (searched: \(searched))")],
            path: nil)
    }
}
