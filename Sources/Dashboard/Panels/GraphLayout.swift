/// Places a `GraphModel` on a grid: one column per stream, layers top to bottom so every edge
/// points down, and runs of one op on one stream collapsed into one box ("exp ×500").
public struct GraphLayout: Hashable, Sendable {
    public struct Box: Hashable, Sendable {
        public var column: Int
        public var layer: Int
        public var name: String
        public var shape: [Int]
        /// How many nodes the box stands for.
        public var count: Int
        public var firstNodeID: Int

        /// "exp ×500 512×4".
        public var label: String {
            (count > 1 ? "\(name) ×\(count)" : name) + (shape.isEmpty ? "" : " " + Format.shape(shape))
        }
    }

    public struct Edge: Hashable, Sendable {
        public var from: Int
        public var to: Int
        public var crossStream: Bool

        public init(from: Int, to: Int, crossStream: Bool) {
            self.from = from
            self.to = to
            self.crossStream = crossStream
        }
    }

    public var boxes: [Box]
    public var edges: [Edge]
    public var layers: Int

    public init(_ model: GraphModel) {
        var boxes: [Box] = []
        var boxOfNode: [Int: Int] = [:]
        var lastBoxInColumn: [Int: Int] = [:]
        var edgeSet: [Edge] = []
        var seenEdges = Set<[Int]>()
        for node in model.nodes {
            let inputBoxes = node.inputs.compactMap { boxOfNode[$0] }
            let target: Int
            if let last = lastBoxInColumn[node.column], boxes[last].name == node.name, boxes[last].shape == node.shape,
               inputBoxes.allSatisfy({ $0 == last || boxes[$0].layer < boxes[last].layer }) {
                // Another of the same op on the same stream: the run grows.
                boxes[last].count += 1
                target = last
            } else {
                let below = inputBoxes.map { boxes[$0].layer + 1 }.max() ?? 0
                let columnNext = lastBoxInColumn[node.column].map { boxes[$0].layer + 1 } ?? 0
                boxes.append(Box(column: node.column, layer: max(below, columnNext), name: node.name, shape: node.shape,
                                 count: 1, firstNodeID: node.id))
                target = boxes.count - 1
                lastBoxInColumn[node.column] = target
            }
            boxOfNode[node.id] = target
            for source in inputBoxes where source != target && seenEdges.insert([source, target]).inserted {
                edgeSet.append(Edge(from: source, to: target, crossStream: boxes[source].column != boxes[target].column))
            }
        }
        self.boxes = boxes
        edges = edgeSet
        layers = (boxes.map(\.layer).max() ?? -1) + 1
    }
}
