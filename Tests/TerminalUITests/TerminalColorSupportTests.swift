import Testing
@testable import TerminalUI

@Suite struct TerminalColorSupportTests {
    @Test func depth_follows_COLORS() {
        #expect(ColorSupport.depth(environment: [:], terminalColors: 256) == .ansi256)
        #expect(ColorSupport.depth(environment: [:], terminalColors: 88) == .ansi16)
        #expect(ColorSupport.depth(environment: [:], terminalColors: 16) == .ansi16)
        #expect(ColorSupport.depth(environment: [:], terminalColors: 8) == .ansi8)
        #expect(ColorSupport.depth(environment: [:], terminalColors: 0) == .monochrome)
        #expect(ColorSupport.depth(environment: [:], terminalColors: 2) == .monochrome)
    }

    @Test func truecolor_needs_COLORTERM_and_a_direct_colour_entry_to_be_drawn_as_24_bit() {
        for value in ["truecolor", "24bit", "TrueColor"] {
            let env = ["COLORTERM": value]
            #expect(ColorSupport.depth(environment: env, terminalColors: 1 << 24, directColor: true) == .trueColor)
            // A 256-colour terminfo entry cannot say 24-bit: nearest palette colour instead.
            #expect(ColorSupport.depth(environment: env, terminalColors: 256) == .ansi256)
            #expect(ColorSupport.depth(environment: env, terminalColors: 8) == .ansi8)
        }
        #expect(ColorSupport.depth(environment: ["COLORTERM": "yes"], terminalColors: 256) == .ansi256)
        // A direct-colour entry chosen by the user is trusted without COLORTERM.
        #expect(ColorSupport.depth(environment: [:], terminalColors: 1 << 24, directColor: true) == .trueColor)
    }

    @Test func NO_COLOR_wins_when_non_empty() {
        let base = ["COLORTERM": "truecolor"]
        var env = base
        env["NO_COLOR"] = "1"
        #expect(ColorSupport.depth(environment: env, terminalColors: 1 << 24, directColor: true) == .monochrome)
        env["NO_COLOR"] = ""
        #expect(ColorSupport.depth(environment: env, terminalColors: 256) == .ansi256)
    }

    @Test func curses_numbers() {
        #expect(ColorSupport.cursesNumber(.default, depth: .ansi256) == -1)
        #expect(ColorSupport.cursesNumber(.ansi(3), depth: .ansi256) == 3)
        #expect(ColorSupport.cursesNumber(.rgb(255, 0, 0), depth: .ansi256) == 196)
        #expect(ColorSupport.cursesNumber(.rgb(255, 0, 0), depth: .ansi8) == 1)
        #expect(ColorSupport.cursesNumber(.rgb(255, 0, 0), depth: .monochrome) == -1)
        #expect(ColorSupport.cursesNumber(.rgb(0x12, 0x34, 0x56), depth: .trueColor) == 0x123456)
        // Direct colour: 0…7 stay palette indices, so tiny RGB values are lifted to 8 and
        // palette colours above 7 are sent as their RGB value.
        #expect(ColorSupport.cursesNumber(.rgb(0, 0, 7), depth: .trueColor) == 8)
        #expect(ColorSupport.cursesNumber(.ansi(2), depth: .trueColor) == 2)
        #expect(ColorSupport.cursesNumber(.ansi(196), depth: .trueColor) == 0xFF0000)
    }

    @Test func pair_cache_defines_each_combination_once() {
        var cache = ColorPairCache(capacity: 256)
        var defined: [(Int32, Int32, Int32)] = []
        let define: (Int32, Int32, Int32) -> Bool = { defined.append(($0, $1, $2)); return true }
        #expect(cache.pair(foreground: -1, background: -1, define: define) == 0)
        let a = cache.pair(foreground: 1, background: -1, define: define)
        let b = cache.pair(foreground: 2, background: -1, define: define)
        for _ in 0..<1000 {
            #expect(cache.pair(foreground: 1, background: -1, define: define) == a)
            #expect(cache.pair(foreground: 2, background: -1, define: define) == b)
        }
        #expect(a == 1 && b == 2)
        #expect(defined.count == 2)
        #expect(defined.first! == (1, 1, -1))
        #expect(cache.count == 2)
    }

    @Test func pair_cache_exhaustion_falls_back_to_default_and_reset_reuses_numbers() {
        var cache = ColorPairCache(capacity: 3)  // pairs 1 and 2
        let define: (Int32, Int32, Int32) -> Bool = { _, _, _ in true }
        #expect(cache.pair(foreground: 1, background: 0, define: define) == 1)
        #expect(cache.pair(foreground: 2, background: 0, define: define) == 2)
        #expect(cache.pair(foreground: 3, background: 0, define: define) == 0)
        #expect(cache.misses == 1)
        cache.reset()
        #expect(cache.pair(foreground: 3, background: 0, define: define) == 1)
        #expect(cache.misses == 0)
        // A failed definition is not cached.
        var failing = ColorPairCache(capacity: 10)
        #expect(failing.pair(foreground: 1, background: 1, define: { _, _, _ in false }) == 0)
        #expect(failing.count == 0)
    }
}
