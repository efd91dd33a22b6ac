import Dashboard
import Foundation
import TerminalUI
import Testing

/// The repository's top-level folder, found from this file's location.
let repositoryRoot: String = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The dashboard's theme sections: declared keys, shipped files, defaults, palettes.
@Suite struct DashboardThemeTests {
    @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
    func shippedThemesLoadWithTheDashboardSections(name: String) {
        for depth: ColorDepth in [.monochrome, .ansi8, .ansi16, .ansi256, .trueColor] {
            let result = ThemeLoader.load(path: "\(repositoryRoot)/themes/\(name).theme", depth: depth,
                                          extensions: [DashboardTheme.extension])
            #expect(result.errors.map(\.description) == [])
            // Every key the dashboard declares has a value.
            for key in DashboardTheme.extension.allKeys {
                #expect(result.theme.extensionValues[key] != nil, "\(name) at \(depth) lacks \(key)")
            }
        }
    }

    @Test func defaultFileIsTheToolkitTextThenTheDashboardDefaults() throws {
        let text = try String(contentsOfFile: "\(repositoryRoot)/themes/default.theme", encoding: .utf8)
        #expect(text == Theme.builtinSource + "\n\n" + DashboardTheme.defaults + "\n")
    }

    @Test func readmeDocumentsEveryDashboardKey() throws {
        let readme = try String(contentsOfFile: "\(repositoryRoot)/themes/README.md", encoding: .utf8)
        for key in DashboardTheme.extension.allKeys {
            #expect(readme.contains("`\(key.split(separator: ".")[1])`"), "README lacks \(key)")
        }
    }

    @Test func spanPalettesCycleByStableHash() {
        let text = "[spans]\ncpu = #010101, #020202, #030303, #040404\ngpu = #0a0a0a\n"
        let theme = ThemeLoader.parse(text, file: "t.theme", depth: .trueColor, extensions: [DashboardTheme.extension]).theme
        let palette = DashboardPalette(theme: theme)
        // FNV-1a 64 test vectors: "a" = 0xaf63dc4c8601ec8c (mod 4 = 0), "" = 0xcbf29ce484222325 (mod 4 = 1).
        #expect(palette.spanStyle(device: .cpu, name: "a").bg == .rgb(1, 1, 1))
        #expect(palette.spanStyle(device: .cpu, name: "").bg == .rgb(2, 2, 2))
        #expect(palette.spanStyle(device: .gpu, name: "anything").bg == .rgb(10, 10, 10))
        #expect(palette.spanStyle(device: .cpu, name: "a", byDevice: true).bg == .rgb(1, 1, 1))
        // Keys the file leaves out keep the dashboard's defaults.
        #expect(palette.transfer == DashboardPalette.builtin().transfer)
        #expect(palette.transfer != .default)
    }

    @Test func monochromeSpansAreReversed() {
        let theme = ThemeLoader.load(path: "\(repositoryRoot)/themes/monochrome.theme", depth: .trueColor,
                                     extensions: [DashboardTheme.extension]).theme
        #expect(DashboardPalette(theme: theme).spanStyle(device: .gpu, name: "matmul").attributes.contains(.reverse))
    }
}
