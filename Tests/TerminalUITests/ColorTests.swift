import Testing
@testable import TerminalUI

@Suite struct ColorTests {
    @Test func trueColourToCube() {
        // Pure red: cube indices (5, 0, 0) → 16 + 36·5 = 196.
        #expect(Color.rgb(255, 0, 0).downgraded(to: .ansi256) == .ansi(196))
        // (95, 135, 175) are cube levels 1, 2, 3 → 16 + 36 + 12 + 3 = 67.
        #expect(Color.rgb(95, 135, 175).downgraded(to: .ansi256) == .ansi(67))
        // Black is the cube's (0,0,0) = 16: grey 232 is (8,8,8), farther away.
        #expect(Color.rgb(0, 0, 0).downgraded(to: .ansi256) == .ansi(16))
    }

    @Test func greysUseTheGreyRamp() {
        // 128 grey: ramp step (128−3)/10 = 12 → value 128 exactly, index 232 + 12 = 244.
        #expect(Color.rgb(128, 128, 128).downgraded(to: .ansi256) == .ansi(244))
        // 58 grey: step 5 → value 58 → 237 (the cube's nearest is 95, far off).
        #expect(Color.rgb(58, 58, 58).downgraded(to: .ansi256) == .ansi(237))
    }

    @Test func downToSixteenAndEight() {
        // (250,10,10): bright red (255,0,0) is 25+100+100 away, red (205,0,0) 2025+100+100.
        #expect(Color.rgb(250, 10, 10).downgraded(to: .ansi16) == .ansi(9))
        #expect(Color.rgb(250, 10, 10).downgraded(to: .ansi8) == .ansi(1))
        // Index 196 is (255,0,0) → bright red in 16 colours.
        #expect(Color.ansi(196).downgraded(to: .ansi16) == .ansi(9))
        #expect(Color.ansi(12).downgraded(to: .ansi16) == .ansi(12))
        // Bright blue (92,92,255) at 8 colours: blue (0,0,238) is 92²+92²+17² away, the nearest.
        #expect(Color.ansi(12).downgraded(to: .ansi8) == .ansi(4))
    }

    @Test func monochromeAndDefault() {
        #expect(Color.rgb(1, 2, 3).downgraded(to: .monochrome) == .default)
        #expect(Color.ansi(3).downgraded(to: .monochrome) == .default)
        #expect(Color.default.downgraded(to: .ansi8) == .default)
        #expect(Color.rgb(1, 2, 3).downgraded(to: .trueColor) == .rgb(1, 2, 3))
    }

    @Test func paletteIndexToRGB() {
        #expect(Color.ansi(16).rgbComponents! == (0, 0, 0))
        #expect(Color.ansi(231).rgbComponents! == (255, 255, 255))
        #expect(Color.ansi(232).rgbComponents! == (8, 8, 8))
        #expect(Color.ansi(255).rgbComponents! == (238, 238, 238))
        #expect(Color.default.rgbComponents == nil)
    }
}
