// SnapshotEntry ⇄ Corridor_V1_SnapshotEntry (the oneof `entry`). Both switches are exhaustive
// with no default: an entry kind added to the model or to snapshot.proto is a compile error here.
// An entry with none set (a kind this build does not know) is refused, naming the field.

import CorridorModel

extension Corridor_V1_SnapshotEntry {
    public init(_ model: CorridorModel.SnapshotEntry) {
        switch model {
        case .party(let value): self.init(entry: .party(Corridor_V1_PartyEntry(value)))
        case .site(let value): self.init(entry: .site(Corridor_V1_SiteEntry(value)))
        case .caseEntry(let value): self.init(entry: .caseEntry(Corridor_V1_CaseEntry(value)))
        case .counters(let value): self.init(entry: .counters(Corridor_V1_RegistryCounters(value)))
        case .rule(let value): self.init(entry: .rule(Corridor_V1_RuleEntry(value)))
        case .list(let value): self.init(entry: .list(Corridor_V1_ListEntryRecord(value)))
        case .agreement(let value): self.init(entry: .agreement(Corridor_V1_AgreementEntry(value)))
        case .window(let value): self.init(entry: .window(Corridor_V1_WindowEntry(value)))
        case .movement(let value): self.init(entry: .movement(Corridor_V1_MovementEntry(value)))
        case .figure(let value): self.init(entry: .figure(Corridor_V1_FigureEntry(value)))
        }
    }
}

extension CorridorModel.SnapshotEntry {
    public init(proto: Corridor_V1_SnapshotEntry) throws(MappingError) {
        switch proto.entry {
        case nil:
            throw MappingError(field: "corridor.v1.SnapshotEntry.entry", reason: "a snapshot entry of an unknown kind (none of the kinds this build knows is set)")
        case .party(let value)?: self = .party(try CorridorModel.PartyEntry(proto: value))
        case .site(let value)?: self = .site(try CorridorModel.SiteEntry(proto: value))
        case .caseEntry(let value)?: self = .caseEntry(try CorridorModel.CaseEntry(proto: value))
        case .counters(let value)?: self = .counters(CorridorModel.RegistryCounters(proto: value))
        case .rule(let value)?: self = .rule(try CorridorModel.RuleEntry(proto: value))
        case .list(let value)?: self = .list(try CorridorModel.ListEntryRecord(proto: value))
        case .agreement(let value)?: self = .agreement(try CorridorModel.AgreementEntry(proto: value))
        case .window(let value)?: self = .window(try CorridorModel.WindowEntry(proto: value))
        case .movement(let value)?: self = .movement(try CorridorModel.MovementEntry(proto: value))
        case .figure(let value)?: self = .figure(try CorridorModel.FigureEntry(proto: value))
        }
    }
}
