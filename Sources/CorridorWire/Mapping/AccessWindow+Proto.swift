// AccessWindow ⇄ Corridor_V1_AccessWindow: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_AccessWindow {
    public init(_ model: CorridorModel.AccessWindow) {
        self.init(
            id: model.id,
            name: model.name,
            kind: Corridor_V1_AccessWindow.Kind(model.kind),
            siteIDs: model.siteIDs,
            announcedBy: model.announcedBy,
            startsAtMs: model.startsAtMs,
            endsAtMs: model.endsAtMs,
            daily: model.daily.map(Corridor_V1_AccessWindow.Daily.init),
            status: Corridor_V1_AccessWindow.Status(model.status),
            violations: model.violations.map(Corridor_V1_AccessWindow.Violation.init),
            closedAtMs: model.closedAtMs,
            oneOff: model.oneOff.map(Corridor_V1_AccessWindow.OneOff.init)
        )
    }
}

extension CorridorModel.AccessWindow {
    public init(proto: __shared Corridor_V1_AccessWindow) throws(MappingError) {
        self.init(
            id: proto.id,
            name: proto.name,
            kind: try CorridorModel.AccessWindow.Kind(proto: proto.kind, field: "corridor.v1.AccessWindow.kind"),
            siteIDs: proto.siteIDs,
            announcedBy: proto.announcedBy,
            startsAtMs: proto.startsAtMs,
            endsAtMs: proto.endsAtMs,
            daily: proto.daily.map { CorridorModel.AccessWindow.Daily(proto: $0) },
            status: try CorridorModel.AccessWindow.Status(proto: proto.status, field: "corridor.v1.AccessWindow.status"),
            violations: proto.violations.map { CorridorModel.AccessWindow.Violation(proto: $0) },
            closedAtMs: proto.closedAtMs,
            oneOff: proto.oneOff.map { CorridorModel.AccessWindow.OneOff(proto: $0) }
        )
    }
}

extension Corridor_V1_AccessWindow.Kind {
    public init(_ model: CorridorModel.AccessWindow.Kind) {
        switch model {
        case .unspecified: self = .unspecified
        case .ceasefire: self = .ceasefire
        case .humanitarianPause: self = .humanitarianPause
        case .corridorOpening: self = .corridorOpening
        }
    }
}

extension CorridorModel.AccessWindow.Kind {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_AccessWindow.Kind, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .ceasefire: self = .ceasefire
        case .humanitarianPause: self = .humanitarianPause
        case .corridorOpening: self = .corridorOpening
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Kind this build knows")
        }
    }
}

extension Corridor_V1_AccessWindow.Status {
    public init(_ model: CorridorModel.AccessWindow.Status) {
        switch model {
        case .unspecified: self = .unspecified
        case .announced: self = .announced
        case .inEffect: self = .inEffect
        case .violated: self = .violated
        case .ended: self = .ended
        case .cancelled: self = .cancelled
        }
    }
}

extension CorridorModel.AccessWindow.Status {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_AccessWindow.Status, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .announced: self = .announced
        case .inEffect: self = .inEffect
        case .violated: self = .violated
        case .ended: self = .ended
        case .cancelled: self = .cancelled
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Status this build knows")
        }
    }
}

extension Corridor_V1_AccessWindow.Daily {
    public init(_ model: CorridorModel.AccessWindow.Daily) {
        self.init(
            startTime: model.startTime,
            endTime: model.endTime,
            timeZone: model.timeZone,
            firstDate: model.firstDate,
            lastDate: model.lastDate
        )
    }
}

extension CorridorModel.AccessWindow.Daily {
    public init(proto: __shared Corridor_V1_AccessWindow.Daily) {
        self.init(
            startTime: proto.startTime,
            endTime: proto.endTime,
            timeZone: proto.timeZone,
            firstDate: proto.firstDate,
            lastDate: proto.lastDate
        )
    }
}

extension Corridor_V1_AccessWindow.OneOff {
    public init(_ model: CorridorModel.AccessWindow.OneOff) {
        self.init(
            startsAt: model.startsAt,
            endsAt: model.endsAt,
            timeZone: model.timeZone
        )
    }
}

extension CorridorModel.AccessWindow.OneOff {
    public init(proto: __shared Corridor_V1_AccessWindow.OneOff) {
        self.init(
            startsAt: proto.startsAt,
            endsAt: proto.endsAt,
            timeZone: proto.timeZone
        )
    }
}

extension Corridor_V1_AccessWindow.Violation {
    public init(_ model: CorridorModel.AccessWindow.Violation) {
        self.init(
            atMs: model.atMs,
            report: model.report
        )
    }
}

extension CorridorModel.AccessWindow.Violation {
    public init(proto: __shared Corridor_V1_AccessWindow.Violation) {
        self.init(
            atMs: proto.atMs,
            report: proto.report
        )
    }
}
