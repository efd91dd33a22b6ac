/// Turns a curses `MEVENT` button state into a `MouseEvent`.
enum MouseDecoder {
    static func event(x: Int, y: Int, buttons: UInt) -> MouseEvent? {
        typealias K = CursesConstants
        let kind: MouseKind
        // Wheel first: some terminals set a release bit alongside it.
        if buttons & K.button4Pressed != 0 {
            kind = .wheelUp
        } else if buttons & K.button5Pressed != 0 {
            kind = .wheelDown
        } else if buttons & (K.button1Pressed | K.button1Clicked) != 0 {
            kind = .press(.left)
        } else if buttons & (K.button2Pressed | K.button2Clicked) != 0 {
            kind = .press(.middle)
        } else if buttons & (K.button3Pressed | K.button3Clicked) != 0 {
            kind = .press(.right)
        } else if buttons & (K.button1Released | K.button2Released | K.button3Released) != 0 {
            kind = .release
        } else {
            return nil  // wheel releases, motion, modifiers alone
        }
        return MouseEvent(x: x, y: y, kind: kind)
    }
}
