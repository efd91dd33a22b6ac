import Testing
@testable import TerminalUI

@Suite struct TerminalKeyDecodingTests {
    @Test func curses_key_codes_have_their_ncurses_values() {
        // Pinned octal values from curses.h: the table must not drift from the ABI.
        #expect(CursesConstants.keyDown == 0o402)
        #expect(CursesConstants.keyUp == 0o403)
        #expect(CursesConstants.keyLeft == 0o404)
        #expect(CursesConstants.keyRight == 0o405)
        #expect(CursesConstants.keyHome == 0o406)
        #expect(CursesConstants.keyBackspace == 0o407)
        #expect(CursesConstants.keyF0 == 0o410)
        #expect(CursesConstants.keyDelete == 0o512)
        #expect(CursesConstants.keyPageDown == 0o522)
        #expect(CursesConstants.keyPageUp == 0o523)
        #expect(CursesConstants.keyEnter == 0o527)
        #expect(CursesConstants.keyBackTab == 0o541)
        #expect(CursesConstants.keyEnd == 0o550)
        #expect(CursesConstants.keyMouse == 0o631)
        #expect(CursesConstants.keyResize == 0o632)
    }

    @Test(arguments: [
        (UInt32(0o403), Key.up), (0o402, .down), (0o404, .left), (0o405, .right),
        (0o406, .home), (0o550, .end), (0o523, .pageUp), (0o522, .pageDown),
        (0o541, .backTab), (0o527, .enter), (0o407, .backspace), (0o512, .delete),
        (0o411, .function(1)), (0o414, .function(4)), (0o424, .function(12)),
    ])
    func key_codes(code: UInt32, key: Key) {
        #expect(KeyDecoder.keyCode(code) == key)
    }

    @Test func unmodelled_key_codes_are_ignored() {
        #expect(KeyDecoder.keyCode(0o513) == nil)  // KEY_IC (Insert)
        #expect(KeyDecoder.keyCode(CursesConstants.keyResize) == nil)
        #expect(KeyDecoder.keyCode(CursesConstants.keyMouse) == nil)
    }

    @Test(arguments: [
        (UInt32(9), Key.tab), (10, .enter), (13, .enter), (27, .escape),
        (127, .backspace), (8, .backspace),
        (1, .ctrl("a")), (3, .ctrl("c")), (12, .ctrl("l")), (26, .ctrl("z")),
        (28, .ctrl("\\")), (0, .ctrl(" ")),
        (0x71, .char("q")), (0x45, .char("E")), (0x20, .char(" ")),
        (0x5BBD, .char("宽")), (0x28FF, .char("⣿")), (0x1F600, .char("😀")),
    ])
    func characters(code: UInt32, key: Key) {
        #expect(KeyDecoder.character(code) == key)
    }

    @Test func invalid_scalars_are_dropped() {
        #expect(KeyDecoder.character(0xD800) == nil)  // lone surrogate
        #expect(KeyDecoder.character(0x110000) == nil)
    }

    @Test func mouse_masks_decode_to_events() {
        typealias K = CursesConstants
        // ncurses 6 (mouse version 2) layout: 5 bits per button, RELEASED=1 PRESSED=2 CLICKED=4.
        #expect(K.button1Pressed == 0x2)
        #expect(K.button4Pressed == 0x10000)
        #expect(K.button5Pressed == 0x200000)
        #expect(MouseDecoder.event(x: 3, y: 4, buttons: K.button1Pressed) == MouseEvent(x: 3, y: 4, kind: .press(.left)))
        #expect(MouseDecoder.event(x: 0, y: 0, buttons: K.button2Pressed)?.kind == .press(.middle))
        #expect(MouseDecoder.event(x: 0, y: 0, buttons: K.button3Clicked)?.kind == .press(.right))
        #expect(MouseDecoder.event(x: 0, y: 0, buttons: K.button1Released)?.kind == .release)
        #expect(MouseDecoder.event(x: 0, y: 0, buttons: K.button4Pressed)?.kind == .wheelUp)
        #expect(MouseDecoder.event(x: 0, y: 0, buttons: K.button5Pressed)?.kind == .wheelDown)
        #expect(MouseDecoder.event(x: 0, y: 0, buttons: K.button4Released) == nil)
        #expect(MouseDecoder.event(x: 0, y: 0, buttons: 0) == nil)
    }
}
