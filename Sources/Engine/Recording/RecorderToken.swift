/// Identifies one listener added with `Recording.add(_:)`, to remove that one later.
public struct RecorderToken: Hashable, Sendable {
    let id: UInt64
}
