// Not 1:1 in name: the model's RecordedEvent (one event of a history or of the watch stream)
// is events.proto's WatchedEvent; the fields are the same.

// RecordedEvent ⇄ Corridor_V1_WatchedEvent: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_WatchedEvent {
    public init(_ model: CorridorModel.RecordedEvent) {
        self.init(
            sequence: model.sequence,
            recordedAtNs: model.recordedAtNs,
            event: model.event.map(Corridor_V1_Event.init)
        )
    }
}

extension CorridorModel.RecordedEvent {
    public init(proto: Corridor_V1_WatchedEvent) throws(MappingError) {
        self.init(
            sequence: proto.sequence,
            recordedAtNs: proto.recordedAtNs,
            event: try proto.event.map { value throws(MappingError) in try CorridorModel.Event(proto: value) }
        )
    }
}
