// EvacuationList ⇄ Corridor_V1_EvacuationList: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_EvacuationList {
    public init(_ model: CorridorModel.EvacuationList) {
        self.init(
            id: model.id,
            title: model.title,
            agreementID: model.agreementID,
            originSiteID: model.originSiteID,
            quota: model.quota,
            ruleIDs: model.ruleIDs,
            companionsCount: model.companionsCount,
            status: Corridor_V1_EvacuationList.Status(model.status),
            policyVersion: model.policyVersion,
            requiredApprovals: model.requiredApprovals,
            approvedBy: model.approvedBy,
            entries: model.entries.map(Corridor_V1_ListEntry.init),
            version: model.version,
            createdAtMs: model.createdAtMs,
            closedReason: model.closedReason,
            selectedAsOf: model.selectedAsOf
        )
    }
}

extension CorridorModel.EvacuationList {
    public init(proto: Corridor_V1_EvacuationList) throws(MappingError) {
        self.init(
            id: proto.id,
            title: proto.title,
            agreementID: proto.agreementID,
            originSiteID: proto.originSiteID,
            quota: proto.quota,
            ruleIDs: proto.ruleIDs,
            companionsCount: proto.companionsCount,
            status: try CorridorModel.EvacuationList.Status(proto: proto.status, field: "corridor.v1.EvacuationList.status"),
            policyVersion: proto.policyVersion,
            requiredApprovals: proto.requiredApprovals,
            approvedBy: proto.approvedBy,
            entries: try proto.entries.map { value throws(MappingError) in try CorridorModel.ListEntry(proto: value) },
            version: proto.version,
            createdAtMs: proto.createdAtMs,
            closedReason: proto.closedReason,
            selectedAsOf: proto.selectedAsOf
        )
    }
}

extension Corridor_V1_EvacuationList.Status {
    public init(_ model: CorridorModel.EvacuationList.Status) {
        switch model {
        case .unspecified: self = .unspecified
        case .draft: self = .draft
        case .submitted: self = .submitted
        case .approved: self = .approved
        case .inProgress: self = .inProgress
        case .closed: self = .closed
        }
    }
}

extension CorridorModel.EvacuationList.Status {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: Corridor_V1_EvacuationList.Status, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .draft: self = .draft
        case .submitted: self = .submitted
        case .approved: self = .approved
        case .inProgress: self = .inProgress
        case .closed: self = .closed
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Status this build knows")
        }
    }
}
