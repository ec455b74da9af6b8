import CorridorModel

// Requests and responses of proto/corridor/v1/agreements.proto.

public struct RecordAgreementRequest: ProtobufMessage, Hashable {
    public var agreement: Agreement?

    public init(agreement: Agreement? = nil) {
        self.agreement = agreement
    }
}

public struct UpdateAgreementRequest: ProtobufMessage, Hashable {
    /// Field names of Agreement: title, parties, terms, agreed_on, implementation_started_on.
    public var agreement: Agreement?
    public var fields: [String]
    public var reason: String

    public init(agreement: Agreement? = nil, fields: [String] = [], reason: String = "") {
        self.agreement = agreement
        self.fields = fields
        self.reason = reason
    }
}

public struct SetAgreementStatusRequest: ProtobufMessage, Hashable {
    public var agreementID: String
    public var status: Agreement.Status
    public var reason: String
    /// YYYY-MM-DD: sets agreed_on (AGREED) or implementation_started_on
    /// (IMPLEMENTING) when they are still empty.
    public var date: String

    public init(agreementID: String = "", status: Agreement.Status = .unspecified, reason: String = "", date: String = "") {
        self.agreementID = agreementID
        self.status = status
        self.reason = reason
        self.date = date
    }
}

public struct RecordFulfilmentRequest: ProtobufMessage, Hashable {
    public var agreementID: String
    public var termID: String
    public var count: UInt32
    public var date: String
    public var reason: String

    public init(agreementID: String = "", termID: String = "", count: UInt32 = 0, date: String = "", reason: String = "") {
        self.agreementID = agreementID
        self.termID = termID
        self.count = count
        self.date = date
        self.reason = reason
    }
}

public struct ListAgreementsRequest: ProtobufMessage, Hashable {
    public var status: Agreement.Status

    public init(status: Agreement.Status = .unspecified) {
        self.status = status
    }
}

public struct ListAgreementsResponse: ProtobufMessage, Hashable {
    public var agreements: [Agreement]

    public init(agreements: [Agreement] = []) {
        self.agreements = agreements
    }
}

