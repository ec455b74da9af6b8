// Event ⇄ Corridor_V1_Event: who, why, when, and the kind (the oneof `kind`).
// Both switches are exhaustive with no default: a kind added to the model or to events.proto
// is a compile error here. An event with no kind set (a kind this build does not know, written
// by a newer one) is refused with an error naming the field, as the old coder refused it.
//
// A record a kind carries (`PartyRegistered.party` …) is optional in the model as in the proto,
// and the model's inits take it optional, so a message without it maps to nil, as the old coder
// read it (what the registry does with a nil is the registry's business, as before).

import CorridorModel

extension Corridor_V1_Event {
    public init(_ model: CorridorModel.Event) {
        self.init(
            actor: model.actor.map(Corridor_V1_Actor.init),
            reason: model.reason,
            atMs: model.atMs,
            kind: Corridor_V1_Event.Kind(model.kind)
        )
    }
}

extension Corridor_V1_Event.Kind {
    public init(_ model: CorridorModel.EventKind) {
        switch model {
        case .partyRegistered(let value): self = .partyRegistered(Corridor_V1_PartyRegistered(value))
        case .partyUpdated(let value): self = .partyUpdated(Corridor_V1_PartyUpdated(value))
        case .siteRegistered(let value): self = .siteRegistered(Corridor_V1_SiteRegistered(value))
        case .siteUpdated(let value): self = .siteUpdated(Corridor_V1_SiteUpdated(value))
        case .crossingStatusChanged(let value): self = .crossingStatusChanged(Corridor_V1_CrossingStatusChanged(value))
        case .caseRegistered(let value): self = .caseRegistered(Corridor_V1_CaseRegistered(value))
        case .caseUpdated(let value): self = .caseUpdated(Corridor_V1_CaseUpdated(value))
        case .casePersonalUpdated(let value): self = .casePersonalUpdated(Corridor_V1_CasePersonalUpdated(value))
        case .caseStatusChanged(let value): self = .caseStatusChanged(Corridor_V1_CaseStatusChanged(value))
        case .casePersonalErased(let value): self = .casePersonalErased(Corridor_V1_CasePersonalErased(value))
        case .listCreated(let value): self = .listCreated(Corridor_V1_ListCreated(value))
        case .listSelected(let value): self = .listSelected(Corridor_V1_ListSelected(value))
        case .listSubmitted(let value): self = .listSubmitted(Corridor_V1_ListSubmitted(value))
        case .listApproved(let value): self = .listApproved(Corridor_V1_ListApproved(value))
        case .listEntryStruck(let value): self = .listEntryStruck(Corridor_V1_ListEntryStruck(value))
        case .listToppedUp(let value): self = .listToppedUp(Corridor_V1_ListToppedUp(value))
        case .listStatusChanged(let value): self = .listStatusChanged(Corridor_V1_ListStatusChanged(value))
        case .listEntryDropped(let value): self = .listEntryDropped(Corridor_V1_ListEntryDropped(value))
        case .ruleImposed(let value): self = .ruleImposed(Corridor_V1_RuleImposed(value))
        case .ruleLifted(let value): self = .ruleLifted(Corridor_V1_RuleLifted(value))
        case .agreementRecorded(let value): self = .agreementRecorded(Corridor_V1_AgreementRecorded(value))
        case .agreementUpdated(let value): self = .agreementUpdated(Corridor_V1_AgreementUpdated(value))
        case .agreementStatusChanged(let value): self = .agreementStatusChanged(Corridor_V1_AgreementStatusChanged(value))
        case .fulfilmentRecorded(let value): self = .fulfilmentRecorded(Corridor_V1_FulfilmentRecorded(value))
        case .windowAnnounced(let value): self = .windowAnnounced(Corridor_V1_WindowAnnounced(value))
        case .windowStatusChanged(let value): self = .windowStatusChanged(Corridor_V1_WindowStatusChanged(value))
        case .movementPlanned(let value): self = .movementPlanned(Corridor_V1_MovementPlanned(value))
        case .movementStatusChanged(let value): self = .movementStatusChanged(Corridor_V1_MovementStatusChanged(value))
        case .manifestChanged(let value): self = .manifestChanged(Corridor_V1_ManifestChanged(value))
        case .cargoRemoved(let value): self = .cargoRemoved(Corridor_V1_CargoRemoved(value))
        case .deliveryRecorded(let value): self = .deliveryRecorded(Corridor_V1_DeliveryRecorded(value))
        case .incidentReported(let value): self = .incidentReported(Corridor_V1_IncidentReported(value))
        case .figureReported(let value): self = .figureReported(Corridor_V1_FigureReported(value))
        }
    }
}

extension CorridorModel.Event {
    public init(proto: __shared Corridor_V1_Event) throws(MappingError) {
        guard let kind = proto.kind else {
            throw MappingError(field: "corridor.v1.Event.kind", reason: "an event of an unknown kind (none of the kinds this build knows is set)")
        }
        self.init(
            actor: proto.actor.map { CorridorModel.Actor(proto: $0) },
            reason: proto.reason,
            atMs: proto.atMs,
            try CorridorModel.EventKind(proto: kind)
        )
    }
}

extension CorridorModel.EventKind {
    public init(proto: __shared Corridor_V1_Event.Kind) throws(MappingError) {
        switch proto {
        case .partyRegistered(let value): self = .partyRegistered(try CorridorModel.PartyRegistered(proto: value))
        case .partyUpdated(let value): self = .partyUpdated(try CorridorModel.PartyUpdated(proto: value))
        case .siteRegistered(let value): self = .siteRegistered(try CorridorModel.SiteRegistered(proto: value))
        case .siteUpdated(let value): self = .siteUpdated(try CorridorModel.SiteUpdated(proto: value))
        case .crossingStatusChanged(let value): self = .crossingStatusChanged(try CorridorModel.CrossingStatusChanged(proto: value))
        case .caseRegistered(let value): self = .caseRegistered(try CorridorModel.CaseRegistered(proto: value))
        case .caseUpdated(let value): self = .caseUpdated(try CorridorModel.CaseUpdated(proto: value))
        case .casePersonalUpdated(let value): self = .casePersonalUpdated(CorridorModel.CasePersonalUpdated(proto: value))
        case .caseStatusChanged(let value): self = .caseStatusChanged(try CorridorModel.CaseStatusChanged(proto: value))
        case .casePersonalErased(let value): self = .casePersonalErased(CorridorModel.CasePersonalErased(proto: value))
        case .listCreated(let value): self = .listCreated(try CorridorModel.ListCreated(proto: value))
        case .listSelected(let value): self = .listSelected(try CorridorModel.ListSelected(proto: value))
        case .listSubmitted(let value): self = .listSubmitted(try CorridorModel.ListSubmitted(proto: value))
        case .listApproved(let value): self = .listApproved(try CorridorModel.ListApproved(proto: value))
        case .listEntryStruck(let value): self = .listEntryStruck(try CorridorModel.ListEntryStruck(proto: value))
        case .listToppedUp(let value): self = .listToppedUp(try CorridorModel.ListToppedUp(proto: value))
        case .listStatusChanged(let value): self = .listStatusChanged(try CorridorModel.ListStatusChanged(proto: value))
        case .listEntryDropped(let value): self = .listEntryDropped(try CorridorModel.ListEntryDropped(proto: value))
        case .ruleImposed(let value): self = .ruleImposed(try CorridorModel.RuleImposed(proto: value))
        case .ruleLifted(let value): self = .ruleLifted(try CorridorModel.RuleLifted(proto: value))
        case .agreementRecorded(let value): self = .agreementRecorded(try CorridorModel.AgreementRecorded(proto: value))
        case .agreementUpdated(let value): self = .agreementUpdated(try CorridorModel.AgreementUpdated(proto: value))
        case .agreementStatusChanged(let value): self = .agreementStatusChanged(try CorridorModel.AgreementStatusChanged(proto: value))
        case .fulfilmentRecorded(let value): self = .fulfilmentRecorded(try CorridorModel.FulfilmentRecorded(proto: value))
        case .windowAnnounced(let value): self = .windowAnnounced(try CorridorModel.WindowAnnounced(proto: value))
        case .windowStatusChanged(let value): self = .windowStatusChanged(try CorridorModel.WindowStatusChanged(proto: value))
        case .movementPlanned(let value): self = .movementPlanned(try CorridorModel.MovementPlanned(proto: value))
        case .movementStatusChanged(let value): self = .movementStatusChanged(try CorridorModel.MovementStatusChanged(proto: value))
        case .manifestChanged(let value): self = .manifestChanged(try CorridorModel.ManifestChanged(proto: value))
        case .cargoRemoved(let value): self = .cargoRemoved(try CorridorModel.CargoRemoved(proto: value))
        case .deliveryRecorded(let value): self = .deliveryRecorded(try CorridorModel.DeliveryRecorded(proto: value))
        case .incidentReported(let value): self = .incidentReported(try CorridorModel.IncidentReported(proto: value))
        case .figureReported(let value): self = .figureReported(try CorridorModel.FigureReported(proto: value))
        }
    }
}
