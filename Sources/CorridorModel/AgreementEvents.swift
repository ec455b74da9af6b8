// The events of agreements (proto/corridor/v1/agreements.proto). Each carries the record as it
// is after the change, so applying one is a replacement.

public struct AgreementRecorded: Sendable, Hashable {
    public var agreement: Agreement?

    public init(agreement: Agreement? = nil) {
        self.agreement = agreement
    }
}

public struct AgreementUpdated: Sendable, Hashable {
    public var agreement: Agreement?
    public var changedFields: [String]

    public init(agreement: Agreement? = nil, changedFields: [String] = []) {
        self.agreement = agreement
        self.changedFields = changedFields
    }
}

public struct AgreementStatusChanged: Sendable, Hashable {
    public var agreement: Agreement?
    public var from: Agreement.Status
    public var to: Agreement.Status

    public init(agreement: Agreement? = nil, from: Agreement.Status = .unspecified, to: Agreement.Status = .unspecified) {
        self.agreement = agreement
        self.from = from
        self.to = to
    }
}

/// A count recorded against a counted term (e.g. 29 detainees released).
public struct FulfilmentRecorded: Sendable, Hashable {
    public var agreement: Agreement?
    public var termID: String
    public var count: UInt32
    /// YYYY-MM-DD.
    public var date: String

    public init(agreement: Agreement? = nil, termID: String = "", count: UInt32 = 0, date: String = "") {
        self.agreement = agreement
        self.termID = termID
        self.count = count
        self.date = date
    }
}
