/// The nodes one `eval` scheduled, in dispatch order, with their streams — the dependency view.
public struct GraphRecord: Sendable {
    public struct Node: Sendable {
        public let id: Int
        public let name: String
        public let inputIDs: [Int]
        public let streamIndex: Int
        public let streamName: String
        public let device: Device

        public init(id: Int, name: String, inputIDs: [Int], streamIndex: Int, streamName: String, device: Device) {
            self.id = id
            self.name = name
            self.inputIDs = inputIDs
            self.streamIndex = streamIndex
            self.streamName = streamName
            self.device = device
        }
    }
    public let nodes: [Node]
    public let time: UInt64

    public init(nodes: [Node], time: UInt64) {
        self.nodes = nodes
        self.time = time
    }
}
