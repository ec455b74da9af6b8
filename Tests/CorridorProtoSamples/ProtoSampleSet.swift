import CorridorWire

/// Sample values of every generated message (Generated/ProtoSamples.pb.swift,
/// written by scripts/generate-proto): each with every field set to something
/// other than its default, and for a oneof one sample per member.
public enum ProtoSamples {
    /// The set of the message named `name` (`corridor.v1.Case`), if there is one.
    public static func set(named name: String) -> ProtoSampleSet? {
        all.first { $0.messageName == name }
    }
}

/// The samples of one generated message type.
public struct ProtoSampleSet: Sendable, CustomStringConvertible {
    public let messageName: String
    public let type: any ProtoMessage.Type
    public let samples: [any ProtoMessage]

    public init<Message: ProtoMessage>(_ samples: [Message]) {
        messageName = Message.protoMessageName
        type = Message.self
        self.samples = samples
    }

    public var description: String { messageName }
}
