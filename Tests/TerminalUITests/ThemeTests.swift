import Foundation
import Testing
@testable import TerminalUI

/// The repository's top-level folder, found from this file's location.
let repositoryRoot: String = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The shipped files also carry the dashboard's sections; here an application's declaration of
/// them stands in for the dashboard's (`DashboardTests` checks the files with the real one).
let applicationSections = ThemeExtension(
    sections: [
        "spans": ["cpu": .colorList, "gpu": .colorList, "text": .color, "transfer": .color, "wait": .color,
                  "marker": .color, "arrow": .color],
        "memory": ["active": .color, "cached": .color, "peak": .color, "free": .color],
    ],
    defaults: "")

@Suite struct ThemeFileTests {
    static let shipped = ["default", "light", "high-contrast", "monochrome"]
    static let depths: [ColorDepth] = [.monochrome, .ansi8, .ansi16, .ansi256, .trueColor]

    @Test(arguments: shipped)
    func shippedThemesLoadWithoutErrors(name: String) {
        for depth in Self.depths {
            let result = ThemeLoader.load(path: "\(repositoryRoot)/themes/\(name).theme", depth: depth,
                                          extensions: [applicationSections])
            #expect(result.errors.map(\.description) == [])
            #expect(result.theme.name == name)
        }
    }

    @Test func builtinMatchesTheDefaultFile() throws {
        // The file is the built-in text, then the application sections.
        let text = try String(contentsOfFile: "\(repositoryRoot)/themes/default.theme", encoding: .utf8)
        #expect(text.hasPrefix(Theme.builtinSource + "\n\n["))
    }

    @Test func undeclaredApplicationSectionsAreErrors() {
        let result = ThemeLoader.load(path: "\(repositoryRoot)/themes/default.theme", depth: .trueColor)
        #expect(result.errors.map(\.message).first == "unknown section [spans]")
    }

    @Test func builtinDefinesEveryKey() {
        let defined = Set(Theme.builtinValues.keys)
        #expect(ThemeSchema.allKeys.filter { !defined.contains($0) } == [])
        #expect(ThemeDocument(parsing: Theme.builtinSource, file: "x").errors.isEmpty)
    }

    @Test func monochromeThemeHasNoColours() {
        let theme = ThemeLoader.load(path: "\(repositoryRoot)/themes/monochrome.theme", depth: .trueColor,
                                     extensions: [applicationSections]).theme
        #expect(theme.foreground == .default && theme.selectedBackground == .default)
        #expect(theme.selectedAttributes == [.reverse, .bold])
        #expect(theme.extensionColors("spans.gpu").allSatisfy { $0 == .default })
        #expect(theme.cpuGradient.table.allSatisfy { $0 == .default })
    }

    @Test func readmeDocumentsEveryKey() throws {
        let readme = try String(contentsOfFile: "\(repositoryRoot)/themes/README.md", encoding: .utf8)
        for key in ThemeSchema.allKeys {
            let bare = String(key.split(separator: ".")[1])
            #expect(readme.contains("`\(bare)`"), "README lacks \(key)")
        }
    }
}

@Suite struct ThemeParsingTests {
    static func parse(_ text: String, depth: ColorDepth = .trueColor) -> ThemeLoadResult {
        ThemeLoader.parse(text, file: "t.theme", depth: depth)
    }

    @Test func fallbackListChosenByDepth() {
        let text = "[ui]\nfg = #d04848 | ansi:167 | red\n"
        #expect(Self.parse(text, depth: .trueColor).theme.foreground == .rgb(0xd0, 0x48, 0x48))
        #expect(Self.parse(text, depth: .ansi256).theme.foreground == .ansi(167))
        #expect(Self.parse(text, depth: .ansi16).theme.foreground == .ansi(1))
        #expect(Self.parse(text, depth: .ansi8).theme.foreground == .ansi(1))
        #expect(Self.parse(text, depth: .monochrome).theme.foreground == .default)
    }

    @Test func withoutFallbackColoursAreConverted() {
        // #d04848 → cube levels (215, 95, 95) = 16 + 36·4 + 6·1 + 1 = 167.
        #expect(Self.parse("[ui]\nfg = #d04848\n", depth: .ansi256).theme.foreground == .ansi(167))
        // Nothing fits 8 colours: the last alternative (bright red, 255,0,0) becomes red.
        #expect(Self.parse("[ui]\nfg = ansi:200 | bright-red\n", depth: .ansi8).theme.foreground == .ansi(1))
        #expect(Self.parse("[ui]\nfg = ansi:200 | bright-red\n", depth: .ansi16).theme.foreground == .ansi(9))
        #expect(Self.parse("[ui]\nfg = 42\n", depth: .ansi256).theme.foreground == .ansi(42))
    }

    @Test func paletteNamesCommentsAndPartialThemes() {
        let text = """
            # comment line
            [palette]
            hot = #ff0000 | red   # trailing comment
            [ui]
            error = hot
            bg = #102030  # a dark blue
            """
        let result = Self.parse(text)
        #expect(result.errors.isEmpty)
        #expect(result.theme.error == .rgb(255, 0, 0))
        #expect(result.theme.background == .rgb(0x10, 0x20, 0x30))
        #expect(Self.parse(text, depth: .ansi8).theme.error == .ansi(1))
        // Keys the file leaves out come from the built-in theme.
        #expect(result.theme.foreground == Theme.builtin().foreground)
        #expect(result.theme.graphSeries == Theme.builtin().graphSeries)
    }

    @Test func gradientIsPrecomputedTo101Entries() {
        let theme = Self.parse("[graph]\ncpu = #000000, #ff0000, #ffffff\n").theme
        let table = theme.cpuGradient.table
        #expect(table.count == 101)
        #expect(table[0] == .rgb(0, 0, 0))
        #expect(table[25] == .rgb(128, 0, 0))  // halfway to the middle stop: 127.5 rounds up
        #expect(table[50] == .rgb(255, 0, 0))
        #expect(table[75] == .rgb(255, 128, 128))
        #expect(table[100] == .rgb(255, 255, 255))
        #expect(theme.cpuGradient[percent: 150] == .rgb(255, 255, 255))
    }

    @Test func gradientAtLowerDepths() {
        // Explicit 16-colour fallbacks: flat bands, switching at the midpoint.
        let banded = Self.parse("[graph]\ncpu = #00ff00 | green, #ff0000 | red\n", depth: .ansi16).theme.cpuGradient
        #expect(banded[percent: 0] == .ansi(2) && banded[percent: 49] == .ansi(2))
        #expect(banded[percent: 50] == .ansi(1) && banded[percent: 100] == .ansi(1))
        // No fallback: interpolated in RGB, then each entry converted (black → 16, white → 231).
        let converted = Self.parse("[graph]\nmemory = #000000, #ffffff\n", depth: .ansi256).theme.memoryGradient
        #expect(converted[percent: 0] == .ansi(16) && converted[percent: 100] == .ansi(231))
    }

    @Test func extensionSectionsAreCheckedAndResolvedPerDepth() {
        let ext = ThemeExtension(sections: ["lanes": ["busy": .color, "cycle": .colorList, "heat": .gradient]],
                                 defaults: "[lanes]\nbusy = sky\ncycle = #010101, #020202\nheat = #000000, #ffffff\n")
        let plain = ThemeLoader.parse("", file: "t.theme", depth: .trueColor, extensions: [ext]).theme
        // Defaults may use the built-in palette's names ("sky").
        #expect(plain.extensionColor("lanes.busy") == .rgb(0x5f, 0xaf, 0xff))
        #expect(plain.extensionColors("lanes.cycle") == [.rgb(1, 1, 1), .rgb(2, 2, 2)])
        #expect(plain.extensionGradient("lanes.heat")[percent: 100] == .rgb(255, 255, 255))
        let file = ThemeLoader.parse("[lanes]\nbusy = #ff0000 | ansi:196 | red\n", file: "t.theme", depth: .ansi256,
                                     extensions: [ext])
        #expect(file.errors.isEmpty)
        #expect(file.theme.extensionColor("lanes.busy") == .ansi(196))
        let typo = ThemeLoader.parse("[lanes]\nbsy = red\n", file: "t.theme", depth: .trueColor, extensions: [ext])
        #expect(typo.errors.map(\.description) == ["t.theme:2: unknown key 'bsy' in [lanes]"])
        // Without the declaration the section is unknown, and keys nobody declared read as default.
        #expect(ThemeLoader.parse("[lanes]\nbusy = red\n", file: "t.theme", depth: .trueColor).errors.count == 1)
        #expect(Theme.builtin().extensionColor("lanes.busy") == .default)
    }
}

@Suite struct BrokenThemeTests {
    /// Every broken file reports `t.theme:LINE: message` and falls back to the built-in theme.
    @Test(arguments: [
        ("[ui]\n[colors]\nfg = red\n", "t.theme:2: unknown section [colors]"),
        ("[ui]\nbackground = red\n", "t.theme:2: unknown key 'background' in [ui]"),
        ("[ui]\n\nfg = #12345g\n", "t.theme:3: ui.fg: invalid colour '#12345g'"),
        ("[ui]\nfg = ansi:300\n", "t.theme:2: ui.fg: invalid colour 'ansi:300'"),
        ("[ui]\nfg = blurple\n", "t.theme:2: ui.fg: unknown colour or palette name 'blurple'"),
        ("[ui]\nfg = red |\n", "t.theme:2: ui.fg: empty alternative in 'red |'"),
        ("[ui\nfg = red\n", "t.theme:1: malformed section header '[ui'"),
        ("[ui]\njust some words\n", "t.theme:2: expected 'key = value' or '[section]', found 'just some words'"),
        ("fg = red\n", "t.theme:1: 'fg' appears before any [section]"),
        ("[ui]\nfg = red\nfg = blue\n", "t.theme:3: duplicate key 'fg' in [ui] (first set on line 2)"),
        ("[ui]\ntitle_attr = bold+blink\n", "t.theme:2: ui.title_attr: unknown attribute 'blink' (bold, dim, italic, underline, reverse or none)"),
        ("[meta]\nvariant = sepia\n", "t.theme:2: meta.variant: expected one of dark, light, found 'sepia'"),
        ("[palette]\nx = nope\n", "t.theme:2: palette 'x': unknown colour or palette name 'nope'"),
        ("[graph]\ncpu = #000000, default\n", "t.theme:2: graph.cpu: 'default' can only be a gradient's single stop"),
        ("[graph]\nseries = red,, blue\n", "t.theme:2: graph.series: empty alternative in ''"),
    ])
    func brokenFile(text: String, expected: String) {
        let result = ThemeLoader.parse(text, file: "t.theme", depth: .trueColor)
        #expect(result.errors.map(\.description) == [expected])
        #expect(result.usedFallback)
        #expect(result.theme == Theme.builtin(depth: .trueColor))
    }

    @Test func allErrorsAreReportedInOnePass() {
        let result = ThemeLoader.parse("[ui]\nfg = nope\nbg = #zzzzzz\n[bogus]\n", file: "t.theme", depth: .ansi256)
        #expect(result.errors.map(\.line) == [2, 3, 4])
        #expect(result.theme == Theme.builtin(depth: .ansi256))
    }

    @Test func unreadableAndMissingFiles() {
        let missing = ThemeLoader.load(path: "/nonexistent/x.theme", depth: .trueColor)
        #expect(missing.errors.map(\.description) == ["/nonexistent/x.theme: cannot read theme file"])
        #expect(missing.theme == Theme.builtin())
        let unknown = ThemeLoader.load(named: "nosuch", searchPath: ThemeSearchPath(directories: ["/nonexistent"]), depth: .trueColor)
        #expect(unknown.errors.map(\.description) == ["nosuch.theme: theme not found (searched: /nonexistent)"])
        let builtin = ThemeLoader.load(named: "default", searchPath: ThemeSearchPath(directories: []), depth: .ansi16)
        #expect(builtin.errors.isEmpty && builtin.path == nil && builtin.theme == Theme.builtin(depth: .ansi16))
    }
}

@Suite struct ThemeSearchPathTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "themes-test-\(UInt64.random(in: 0..<UInt64.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func standardOrderAndPrecedence() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = FileManager.default
        for dir in ["bin/themes", "share/streamtop/themes", "xdg/streamtop/themes"] {
            try files.createDirectory(atPath: "\(root)/\(dir)", withIntermediateDirectories: true)
        }
        try "[ui]\nfg = red\n".write(toFile: "\(root)/xdg/streamtop/themes/mine.theme", atomically: true, encoding: .utf8)
        try "[ui]\nfg = blue\n".write(toFile: "\(root)/xdg/streamtop/themes/shared.theme", atomically: true, encoding: .utf8)
        try "[ui]\nfg = green\n".write(toFile: "\(root)/bin/themes/shared.theme", atomically: true, encoding: .utf8)
        try "[ui]\nfg = cyan\n".write(toFile: "\(root)/share/streamtop/themes/installed.theme", atomically: true, encoding: .utf8)

        let path = ThemeSearchPath.standard(extra: ["/opt/custom"], executablePath: "\(root)/bin/streamtop",
                                            environment: ["XDG_CONFIG_HOME": "\(root)/xdg", "HOME": "/home/nobody"])
        #expect(path.directories == ["/opt/custom", "\(root)/xdg/streamtop/themes", "\(root)/bin/themes",
                                     "\(root)/share/streamtop/themes"])
        #expect(path.availableThemes() == ["installed", "mine", "shared"])
        #expect(ThemeLoader.availableThemes(searchPath: path) == ["default", "installed", "mine", "shared"])
        // The user's copy of a shipped theme wins.
        #expect(path.find("shared") == "\(root)/xdg/streamtop/themes/shared.theme")
        #expect(ThemeLoader.load(named: "mine", searchPath: path, depth: .ansi16).theme.foreground == .ansi(1))
        #expect(ThemeLoader.load(named: "installed", searchPath: path, depth: .ansi16).theme.foreground == .ansi(6))
    }

    @Test func homeIsUsedWithoutXDG() {
        let path = ThemeSearchPath.standard(executablePath: nil, environment: ["HOME": "/home/u"])
        #expect(path.directories == ["/home/u/.config/streamtop/themes"])
    }

    @Test func checkoutThemesAreFoundFromTheBuildFolder() {
        let path = ThemeSearchPath.standard(executablePath: "\(repositoryRoot)/.build/debug/streamtop", environment: [:])
        #expect(path.directories.contains("\(repositoryRoot)/themes"))
        #expect(path.find("light") == "\(repositoryRoot)/themes/light.theme")
        #expect(ThemeLoader.availableThemes(searchPath: ThemeSearchPath(directories: ["\(repositoryRoot)/themes"]))
            == ["default", "high-contrast", "light", "monochrome"])
    }
}
