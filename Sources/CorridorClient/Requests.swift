import CorridorModel
import CorridorWire

// Requests from model values, for the calls that take a generated request:
// each sets the message's fields through the mapping (CorridorWire/Mapping),
// and a field left out keeps its proto3 default. The memberwise init (every
// field, no defaults) is there too, for a caller that wants the compiler to
// name a field added to proto/.

extension Corridor_V1_RecordAgreementRequest {
    public init(agreement: Agreement) {
        self.init()
        self.agreement = Corridor_V1_Agreement(agreement)
    }
}

extension Corridor_V1_UpdateAgreementRequest {
    public init(agreement: Agreement, fields: [String] = [], reason: String = "") {
        self.init()
        self.agreement = Corridor_V1_Agreement(agreement)
        self.fields = fields
        self.reason = reason
    }
}

extension Corridor_V1_SetAgreementStatusRequest {
    public init(agreementID: String = "", status: Agreement.Status = .unspecified, reason: String = "", date: String = "") {
        self.init()
        self.agreementID = agreementID
        self.status = Corridor_V1_Agreement.Status(status)
        self.reason = reason
        self.date = date
    }
}

extension Corridor_V1_ListAgreementsRequest {
    public init(status: Agreement.Status = .unspecified) {
        self.init()
        self.status = Corridor_V1_Agreement.Status(status)
    }
}

extension Corridor_V1_ReportFigureRequest {
    public init(figure: Figure) {
        self.init()
        self.figure = Corridor_V1_Figure(figure)
    }
}

extension Corridor_V1_ListFiguresRequest {
    /// `sourcePartyID`: only figures that party reported, alone or jointly.
    public init(subjectKind: Figure.SubjectKind = .unspecified, subjectID: String = "", measure: Figure.Measure = .unspecified, sourcePartyID: String = "") {
        self.init()
        self.subjectKind = Corridor_V1_Figure.SubjectKind(subjectKind)
        self.subjectID = subjectID
        self.measure = Corridor_V1_Figure.Measure(measure)
        self.sourcePartyID = sourcePartyID
    }
}

extension Corridor_V1_CompareFiguresRequest {
    public init(subjectID: String = "", measure: Figure.Measure = .unspecified) {
        self.init()
        self.subjectID = subjectID
        self.measure = Corridor_V1_Figure.Measure(measure)
    }
}

extension Corridor_V1_ImportCasesRequest {
    public init(rows: [ImportCaseRow] = [], dryRun: Bool = false, reason: String = "") {
        self.init()
        self.rows = rows.map(Corridor_V1_ImportCaseRow.init)
        self.dryRun = dryRun
        self.reason = reason
    }
}

extension Corridor_V1_CreateListRequest {
    public init(list: EvacuationList) {
        self.init()
        self.list = Corridor_V1_EvacuationList(list)
    }
}

extension Corridor_V1_ListListsRequest {
    public init(agreementID: String = "", status: EvacuationList.Status = .unspecified) {
        self.init()
        self.agreementID = agreementID
        self.status = Corridor_V1_EvacuationList.Status(status)
    }
}

extension Corridor_V1_ImposeRuleRequest {
    public init(rule: EligibilityRule) {
        self.init()
        self.rule = Corridor_V1_EligibilityRule(rule)
    }
}

extension Corridor_V1_PlanMovementRequest {
    public init(movement: Movement) {
        self.init()
        self.movement = Corridor_V1_Movement(movement)
    }
}

extension Corridor_V1_SetMovementStatusRequest {
    public init(movementID: String = "", status: Movement.Status = .unspecified, at: String = "", timeZone: String = "", overrideReason: String = "", reason: String = "") {
        self.init()
        self.movementID = movementID
        self.status = Corridor_V1_Movement.Status(status)
        self.at = at
        self.timeZone = timeZone
        self.overrideReason = overrideReason
        self.reason = reason
    }
}

extension Corridor_V1_ChangeManifestRequest {
    public init(movementID: String = "", add: [Movement.Passenger] = [], removeCaseIDs: [String] = [], reason: String = "") {
        self.init()
        self.movementID = movementID
        self.add = add.map(Corridor_V1_Movement.Passenger.init)
        self.removeCaseIDs = removeCaseIDs
        self.reason = reason
    }
}

extension Corridor_V1_RemoveCargoRequest {
    public init(movementID: String = "", lineID: String = "", quantity: UInt64 = 0, partyID: String = "", reason: String = "", stage: Movement.RemovalStage = .unspecified, siteID: String = "", at: String = "", timeZone: String = "") {
        self.init()
        self.movementID = movementID
        self.lineID = lineID
        self.quantity = quantity
        self.partyID = partyID
        self.reason = reason
        self.stage = Corridor_V1_Movement.RemovalStage(stage)
        self.siteID = siteID
        self.at = at
        self.timeZone = timeZone
    }
}

extension Corridor_V1_RecordDeliveryRequest {
    public init(movementID: String = "", lines: [LineDelivery] = [], restInFull: Bool = false) {
        self.init()
        self.movementID = movementID
        self.lines = lines.map(Corridor_V1_LineDelivery.init)
        self.restInFull = restInFull
    }
}

extension Corridor_V1_ReportIncidentRequest {
    public init(movementID: String = "", incident: Movement.Incident, at: String = "", timeZone: String = "") {
        self.init()
        self.movementID = movementID
        self.incident = Corridor_V1_Movement.Incident(incident)
        self.at = at
        self.timeZone = timeZone
    }
}

extension Corridor_V1_ListMovementsRequest {
    public init(kind: Movement.Kind = .unspecified, status: Movement.Status = .unspecified, day: String = "", timeZone: String = "", withRemovals: Bool = false, agreementID: String = "") {
        self.init()
        self.kind = Corridor_V1_Movement.Kind(kind)
        self.status = Corridor_V1_Movement.Status(status)
        self.day = day
        self.timeZone = timeZone
        self.withRemovals = withRemovals
        self.agreementID = agreementID
    }
}

extension Corridor_V1_WaitingCasesRequest {
    public init(siteID: String = "", precedence: Case.Precedence = .unspecified, limit: UInt32 = 0) {
        self.init()
        self.siteID = siteID
        self.precedence = Corridor_V1_Case.Precedence(precedence)
        self.limit = limit
    }
}

extension Corridor_V1_AnnounceWindowRequest {
    public init(window: AccessWindow) {
        self.init()
        self.window = Corridor_V1_AccessWindow(window)
    }
}

extension Corridor_V1_SetWindowStatusRequest {
    public init(windowID: String = "", status: AccessWindow.Status = .unspecified, report: String = "", reason: String = "", at: String = "", timeZone: String = "") {
        self.init()
        self.windowID = windowID
        self.status = Corridor_V1_AccessWindow.Status(status)
        self.report = report
        self.reason = reason
        self.at = at
        self.timeZone = timeZone
    }
}
