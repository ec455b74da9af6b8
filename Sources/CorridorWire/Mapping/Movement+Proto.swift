// Movement ⇄ Corridor_V1_Movement: the model and the generated message, field by field.
// The memberwise init of the generated message takes every field, so a field added to proto/
// is a compile error here; an enum switch names every model case, so does a case added to the model.

import CorridorModel

extension Corridor_V1_Movement {
    public init(_ model: CorridorModel.Movement) {
        self.init(
            id: model.id,
            kind: Corridor_V1_Movement.Kind(model.kind),
            agreementID: model.agreementID,
            listID: model.listID,
            originSiteID: model.originSiteID,
            crossingSiteID: model.crossingSiteID,
            destinationSiteIDs: model.destinationSiteIDs,
            vehicles: model.vehicles.map(Corridor_V1_Movement.Vehicles.init),
            plannedDepartureMs: model.plannedDepartureMs,
            plannedArrivalMs: model.plannedArrivalMs,
            departedAtMs: model.departedAtMs,
            arrivedAtMs: model.arrivedAtMs,
            completedAtMs: model.completedAtMs,
            status: Corridor_V1_Movement.Status(model.status),
            passengers: model.passengers.map(Corridor_V1_Movement.Passenger.init),
            cargo: model.cargo.map(Corridor_V1_Movement.CargoLine.init),
            removals: model.removals.map(Corridor_V1_Movement.Removal.init),
            incidents: model.incidents.map(Corridor_V1_Movement.Incident.init),
            departureOverride: model.departureOverride,
            abortReason: model.abortReason
        )
    }
}

extension CorridorModel.Movement {
    public init(proto: __shared Corridor_V1_Movement) throws(MappingError) {
        self.init(
            id: proto.id,
            kind: try CorridorModel.Movement.Kind(proto: proto.kind, field: "corridor.v1.Movement.kind"),
            agreementID: proto.agreementID,
            listID: proto.listID,
            originSiteID: proto.originSiteID,
            crossingSiteID: proto.crossingSiteID,
            destinationSiteIDs: proto.destinationSiteIDs,
            vehicles: try proto.vehicles.map { value throws(MappingError) in try CorridorModel.Movement.Vehicles(proto: value) },
            plannedDepartureMs: proto.plannedDepartureMs,
            plannedArrivalMs: proto.plannedArrivalMs,
            departedAtMs: proto.departedAtMs,
            arrivedAtMs: proto.arrivedAtMs,
            completedAtMs: proto.completedAtMs,
            status: try CorridorModel.Movement.Status(proto: proto.status, field: "corridor.v1.Movement.status"),
            passengers: proto.passengers.map { CorridorModel.Movement.Passenger(proto: $0) },
            cargo: try proto.cargo.map { value throws(MappingError) in try CorridorModel.Movement.CargoLine(proto: value) },
            removals: try proto.removals.map { value throws(MappingError) in try CorridorModel.Movement.Removal(proto: value) },
            incidents: try proto.incidents.map { value throws(MappingError) in try CorridorModel.Movement.Incident(proto: value) },
            departureOverride: proto.departureOverride,
            abortReason: proto.abortReason
        )
    }
}

extension Corridor_V1_Movement.Kind {
    public init(_ model: CorridorModel.Movement.Kind) {
        switch model {
        case .unspecified: self = .unspecified
        case .evacuation: self = .evacuation
        case .aidConvoy: self = .aidConvoy
        }
    }
}

extension CorridorModel.Movement.Kind {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Movement.Kind, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .evacuation: self = .evacuation
        case .aidConvoy: self = .aidConvoy
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Kind this build knows")
        }
    }
}

extension Corridor_V1_Movement.Status {
    public init(_ model: CorridorModel.Movement.Status) {
        switch model {
        case .unspecified: self = .unspecified
        case .planned: self = .planned
        case .notified: self = .notified
        case .departed: self = .departed
        case .arrived: self = .arrived
        case .completed: self = .completed
        case .aborted: self = .aborted
        }
    }
}

extension CorridorModel.Movement.Status {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Movement.Status, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .planned: self = .planned
        case .notified: self = .notified
        case .departed: self = .departed
        case .arrived: self = .arrived
        case .completed: self = .completed
        case .aborted: self = .aborted
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a Status this build knows")
        }
    }
}

extension Corridor_V1_Movement.VehicleKind {
    public init(_ model: CorridorModel.Movement.VehicleKind) {
        switch model {
        case .unspecified: self = .unspecified
        case .bus: self = .bus
        case .ambulance: self = .ambulance
        case .truck: self = .truck
        case .car: self = .car
        case .otherVehicle: self = .otherVehicle
        }
    }
}

extension CorridorModel.Movement.VehicleKind {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Movement.VehicleKind, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .bus: self = .bus
        case .ambulance: self = .ambulance
        case .truck: self = .truck
        case .car: self = .car
        case .otherVehicle: self = .otherVehicle
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a VehicleKind this build knows")
        }
    }
}

extension Corridor_V1_Movement.CargoCategory {
    public init(_ model: CorridorModel.Movement.CargoCategory) {
        switch model {
        case .unspecified: self = .unspecified
        case .food: self = .food
        case .medical: self = .medical
        case .shelter: self = .shelter
        case .otherCargo: self = .otherCargo
        }
    }
}

extension CorridorModel.Movement.CargoCategory {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Movement.CargoCategory, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .food: self = .food
        case .medical: self = .medical
        case .shelter: self = .shelter
        case .otherCargo: self = .otherCargo
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a CargoCategory this build knows")
        }
    }
}

extension Corridor_V1_Movement.RemovalStage {
    public init(_ model: CorridorModel.Movement.RemovalStage) {
        switch model {
        case .unspecified: self = .unspecified
        case .loading: self = .loading
        case .checkpoint: self = .checkpoint
        }
    }
}

extension CorridorModel.Movement.RemovalStage {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Movement.RemovalStage, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .loading: self = .loading
        case .checkpoint: self = .checkpoint
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a RemovalStage this build knows")
        }
    }
}

extension Corridor_V1_Movement.IncidentKind {
    public init(_ model: CorridorModel.Movement.IncidentKind) {
        switch model {
        case .unspecified: self = .unspecified
        case .shelling: self = .shelling
        case .blocked: self = .blocked
        case .delay: self = .delay
        case .casualty: self = .casualty
        case .otherIncident: self = .otherIncident
        }
    }
}

extension CorridorModel.Movement.IncidentKind {
    /// `field` names the proto field being read, for the error when the number is not one this build knows.
    public init(proto: __shared Corridor_V1_Movement.IncidentKind, field: @autoclosure () -> String) throws(MappingError) {
        switch proto {
        case .unspecified: self = .unspecified
        case .shelling: self = .shelling
        case .blocked: self = .blocked
        case .delay: self = .delay
        case .casualty: self = .casualty
        case .otherIncident: self = .otherIncident
        case .unrecognized(let number): throw MappingError(field: field(), reason: "\(number) is not a IncidentKind this build knows")
        }
    }
}

extension Corridor_V1_Movement.Vehicles {
    public init(_ model: CorridorModel.Movement.Vehicles) {
        self.init(
            kind: Corridor_V1_Movement.VehicleKind(model.kind),
            count: model.count
        )
    }
}

extension CorridorModel.Movement.Vehicles {
    public init(proto: __shared Corridor_V1_Movement.Vehicles) throws(MappingError) {
        self.init(
            kind: try CorridorModel.Movement.VehicleKind(proto: proto.kind, field: "corridor.v1.Movement.Vehicles.kind"),
            count: proto.count
        )
    }
}

extension Corridor_V1_Movement.Passenger {
    public init(_ model: CorridorModel.Movement.Passenger) {
        self.init(
            caseID: model.caseID,
            destinationSiteID: model.destinationSiteID,
            removed: model.removed,
            removedReason: model.removedReason,
            companionOf: model.companionOf,
            withoutCompanions: model.withoutCompanions,
            companionsLeftReason: model.companionsLeftReason,
            companionsLeft: model.companionsLeft
        )
    }
}

extension CorridorModel.Movement.Passenger {
    public init(proto: __shared Corridor_V1_Movement.Passenger) {
        self.init(
            caseID: proto.caseID,
            destinationSiteID: proto.destinationSiteID,
            removed: proto.removed,
            removedReason: proto.removedReason,
            companionOf: proto.companionOf,
            withoutCompanions: proto.withoutCompanions,
            companionsLeftReason: proto.companionsLeftReason,
            companionsLeft: proto.companionsLeft
        )
    }
}

extension Corridor_V1_Movement.CargoLine {
    public init(_ model: CorridorModel.Movement.CargoLine) {
        self.init(
            id: model.id,
            item: model.item,
            category: Corridor_V1_Movement.CargoCategory(model.category),
            quantity: model.quantity,
            unit: model.unit,
            peopleServed: model.peopleServed,
            removed: model.removed,
            delivered: model.delivered,
            deliveryRecorded: model.deliveryRecorded
        )
    }
}

extension CorridorModel.Movement.CargoLine {
    public init(proto: __shared Corridor_V1_Movement.CargoLine) throws(MappingError) {
        self.init(
            id: proto.id,
            item: proto.item,
            category: try CorridorModel.Movement.CargoCategory(proto: proto.category, field: "corridor.v1.Movement.CargoLine.category"),
            quantity: proto.quantity,
            unit: proto.unit,
            peopleServed: proto.peopleServed,
            removed: proto.removed,
            delivered: proto.delivered,
            deliveryRecorded: proto.deliveryRecorded
        )
    }
}

extension Corridor_V1_Movement.Removal {
    public init(_ model: CorridorModel.Movement.Removal) {
        self.init(
            lineID: model.lineID,
            quantity: model.quantity,
            partyID: model.partyID,
            reason: model.reason,
            stage: Corridor_V1_Movement.RemovalStage(model.stage),
            siteID: model.siteID,
            atMs: model.atMs
        )
    }
}

extension CorridorModel.Movement.Removal {
    public init(proto: __shared Corridor_V1_Movement.Removal) throws(MappingError) {
        self.init(
            lineID: proto.lineID,
            quantity: proto.quantity,
            partyID: proto.partyID,
            reason: proto.reason,
            stage: try CorridorModel.Movement.RemovalStage(proto: proto.stage, field: "corridor.v1.Movement.Removal.stage"),
            siteID: proto.siteID,
            atMs: proto.atMs
        )
    }
}

extension Corridor_V1_Movement.Incident {
    public init(_ model: CorridorModel.Movement.Incident) {
        self.init(
            atMs: model.atMs,
            kind: Corridor_V1_Movement.IncidentKind(model.kind),
            place: model.place,
            description: model.description,
            injured: model.injured,
            killed: model.killed
        )
    }
}

extension CorridorModel.Movement.Incident {
    public init(proto: __shared Corridor_V1_Movement.Incident) throws(MappingError) {
        self.init(
            atMs: proto.atMs,
            kind: try CorridorModel.Movement.IncidentKind(proto: proto.kind, field: "corridor.v1.Movement.Incident.kind"),
            place: proto.place,
            description: proto.description,
            injured: proto.injured,
            killed: proto.killed
        )
    }
}
