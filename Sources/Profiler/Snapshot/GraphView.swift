import Engine

/// The last graph an `eval` scheduled: its nodes in dispatch order with their streams, and every
/// edge between nodes of that graph (inputs evaluated earlier are not in it).
public struct GraphView: Sendable {
    public struct Edge: Sendable, Hashable {
        public let producer: Int
        public let consumer: Int
        public let producerStream: Int
        public let consumerStream: Int
        public var crossStream: Bool { producerStream != consumerStream }

        public init(producer: Int, consumer: Int, producerStream: Int, consumerStream: Int) {
            self.producer = producer
            self.consumer = consumer
            self.producerStream = producerStream
            self.consumerStream = consumerStream
        }
    }

    public let nodes: [GraphRecord.Node]
    public let edges: [Edge]
    public let time: UInt64
    public var crossStreamEdges: [Edge] { edges.filter(\.crossStream) }

    public init(_ record: GraphRecord) {
        nodes = record.nodes
        time = record.time
        var streamOf: [Int: Int] = [:]
        for node in record.nodes { streamOf[node.id] = node.streamIndex }
        var edges: [Edge] = []
        for node in record.nodes {
            for input in node.inputIDs {
                guard let producerStream = streamOf[input] else { continue }
                edges.append(
                    Edge(producer: input, consumer: node.id, producerStream: producerStream, consumerStream: node.streamIndex))
            }
        }
        self.edges = edges
    }
}
