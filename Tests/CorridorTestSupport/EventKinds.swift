import CorridorModel

// The kind of an event as an optional per kind, for tests that expect one
// kind: `history.last?.event?.caseUpdated?.changedFields`. Production code
// switches over `event.kind`, so that a new kind is a compile error there.
extension Event {
    public var partyRegistered: PartyRegistered? {
        if case .partyRegistered(let value) = kind { return value }
        return nil
    }

    public var partyUpdated: PartyUpdated? {
        if case .partyUpdated(let value) = kind { return value }
        return nil
    }

    public var siteRegistered: SiteRegistered? {
        if case .siteRegistered(let value) = kind { return value }
        return nil
    }

    public var siteUpdated: SiteUpdated? {
        if case .siteUpdated(let value) = kind { return value }
        return nil
    }

    public var crossingStatusChanged: CrossingStatusChanged? {
        if case .crossingStatusChanged(let value) = kind { return value }
        return nil
    }

    public var caseRegistered: CaseRegistered? {
        if case .caseRegistered(let value) = kind { return value }
        return nil
    }

    public var caseUpdated: CaseUpdated? {
        if case .caseUpdated(let value) = kind { return value }
        return nil
    }

    public var casePersonalUpdated: CasePersonalUpdated? {
        if case .casePersonalUpdated(let value) = kind { return value }
        return nil
    }

    public var caseStatusChanged: CaseStatusChanged? {
        if case .caseStatusChanged(let value) = kind { return value }
        return nil
    }

    public var listCreated: ListCreated? {
        if case .listCreated(let value) = kind { return value }
        return nil
    }

    public var listSelected: ListSelected? {
        if case .listSelected(let value) = kind { return value }
        return nil
    }

    public var listSubmitted: ListSubmitted? {
        if case .listSubmitted(let value) = kind { return value }
        return nil
    }

    public var listApproved: ListApproved? {
        if case .listApproved(let value) = kind { return value }
        return nil
    }

    public var listEntryStruck: ListEntryStruck? {
        if case .listEntryStruck(let value) = kind { return value }
        return nil
    }

    public var listToppedUp: ListToppedUp? {
        if case .listToppedUp(let value) = kind { return value }
        return nil
    }

    public var listStatusChanged: ListStatusChanged? {
        if case .listStatusChanged(let value) = kind { return value }
        return nil
    }

    public var listEntryDropped: ListEntryDropped? {
        if case .listEntryDropped(let value) = kind { return value }
        return nil
    }

    public var ruleImposed: RuleImposed? {
        if case .ruleImposed(let value) = kind { return value }
        return nil
    }

    public var ruleLifted: RuleLifted? {
        if case .ruleLifted(let value) = kind { return value }
        return nil
    }

    public var agreementRecorded: AgreementRecorded? {
        if case .agreementRecorded(let value) = kind { return value }
        return nil
    }

    public var agreementUpdated: AgreementUpdated? {
        if case .agreementUpdated(let value) = kind { return value }
        return nil
    }

    public var agreementStatusChanged: AgreementStatusChanged? {
        if case .agreementStatusChanged(let value) = kind { return value }
        return nil
    }

    public var fulfilmentRecorded: FulfilmentRecorded? {
        if case .fulfilmentRecorded(let value) = kind { return value }
        return nil
    }

    public var windowAnnounced: WindowAnnounced? {
        if case .windowAnnounced(let value) = kind { return value }
        return nil
    }

    public var windowStatusChanged: WindowStatusChanged? {
        if case .windowStatusChanged(let value) = kind { return value }
        return nil
    }

    public var movementPlanned: MovementPlanned? {
        if case .movementPlanned(let value) = kind { return value }
        return nil
    }

    public var movementStatusChanged: MovementStatusChanged? {
        if case .movementStatusChanged(let value) = kind { return value }
        return nil
    }

    public var manifestChanged: ManifestChanged? {
        if case .manifestChanged(let value) = kind { return value }
        return nil
    }

    public var cargoRemoved: CargoRemoved? {
        if case .cargoRemoved(let value) = kind { return value }
        return nil
    }

    public var deliveryRecorded: DeliveryRecorded? {
        if case .deliveryRecorded(let value) = kind { return value }
        return nil
    }

    public var incidentReported: IncidentReported? {
        if case .incidentReported(let value) = kind { return value }
        return nil
    }

    public var figureReported: FigureReported? {
        if case .figureReported(let value) = kind { return value }
        return nil
    }
}
