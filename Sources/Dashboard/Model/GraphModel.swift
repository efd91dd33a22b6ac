/// The last evaluated graph, one column per stream, nodes in dispatch order.
public struct GraphModel: Sendable, Hashable {
    public struct Column: Hashable, Sendable {
        public var stream: String
        public var device: DeviceLabel
        public init(stream: String, device: DeviceLabel) {
            self.stream = stream
            self.device = device
        }
    }

    public struct Node: Hashable, Sendable {
        public var id: Int
        public var name: String
        public var column: Int
        public var shape: [Int]
        public var inputs: [Int]
        public init(id: Int, name: String, column: Int, shape: [Int] = [], inputs: [Int] = []) {
            self.id = id
            self.name = name
            self.column = column
            self.shape = shape
            self.inputs = inputs
        }
    }

    public var columns: [Column]
    public var nodes: [Node]
    /// What the nodes are: "last graph", or "recent ops" when evals were one op each.
    public var caption: String

    public init(columns: [Column] = [], nodes: [Node] = [], caption: String = "last graph") {
        self.columns = columns
        self.nodes = nodes
        self.caption = caption
    }
}
