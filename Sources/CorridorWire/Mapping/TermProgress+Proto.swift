// TermProgress ⇄ Corridor_V1_TermProgress: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_TermProgress {
    public init(_ model: CorridorModel.TermProgress) {
        self.init(
            term: model.term.map(Corridor_V1_Agreement.Term.init),
            done: model.done,
            target: model.target,
            source: model.source
        )
    }
}

extension CorridorModel.TermProgress {
    public init(proto: Corridor_V1_TermProgress) throws(MappingError) {
        self.init(
            term: try proto.term.map { value throws(MappingError) in try CorridorModel.Agreement.Term(proto: value) },
            done: proto.done,
            target: proto.target,
            source: proto.source
        )
    }
}
