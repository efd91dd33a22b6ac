import TerminalUI

/// The themes `t` cycles through, loaded for the terminal's colour depth. A theme file with
/// errors still loads (the built-in default fills in) and its first error is reported.
public struct ThemeCycle: Sendable {
    public private(set) var names: [String]
    public private(set) var index: Int
    public private(set) var palette: DashboardPalette
    /// The last load's first problem, "file:line: message", if any.
    public private(set) var problem: String?
    let depth: ColorDepth
    let searchPath: ThemeSearchPath

    /// Starts on `initial` (a name on the search path or a file path).
    public init(initial: String?, depth: ColorDepth, searchPath: ThemeSearchPath = .standard()) {
        self.depth = depth
        self.searchPath = searchPath
        var names = ThemeLoader.availableThemes(searchPath: searchPath)
        let first = initial ?? "default"
        if !names.contains(first) { names.insert(first, at: 1) }
        self.names = names
        index = names.firstIndex(of: first) ?? 0
        palette = DashboardPalette.builtin(depth: depth)
        problem = nil
        load()
    }

    public var name: String { names[index] }

    public mutating func next() {
        index = (index + 1) % names.count
        load()
    }

    mutating func load() {
        let result = ThemeLoader.load(named: names[index], searchPath: searchPath, depth: depth,
                                     extensions: [DashboardTheme.extension])
        palette = DashboardPalette(theme: result.theme)
        problem = result.errors.first.map { "\($0)" }
    }
}
