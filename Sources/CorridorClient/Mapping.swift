import CorridorWire

extension CorridorClient {
    /// A response mapped to its model type. A value the model has no word for
    /// (an enum number from a newer daemon) is INTERNAL naming the field.
    static func model<T>(_ map: () throws(MappingError) -> T) throws(RPCError) -> T {
        do {
            return try map()
        } catch {
            throw RPCError(.internal, "corridord sent a value this client does not know: \(error)")
        }
    }

    /// An event of a history or watch answer: `event` is nil when it is of a
    /// kind (or holds a value) this build does not know, so a newer daemon's
    /// event shows as unknown with its sequence and time instead of failing
    /// the whole answer.
    static func recordedEvent(_ proto: Corridor_V1_WatchedEvent) -> RecordedEvent {
        let event = proto.event.flatMap { event in try? Event(proto: event) }
        return RecordedEvent(sequence: proto.sequence, recordedAtNs: proto.recordedAtNs, event: event)
    }
}
