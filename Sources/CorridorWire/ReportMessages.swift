import CorridorModel

// Requests and responses of proto/corridor/v1/reports.proto.

/// Waiting cases, most urgent first, then longest waiting.
public struct WaitingCasesRequest: ProtobufMessage, Hashable {
    /// The site and the sites within it ("" for all).
    public var siteID: String
    /// Only this precedence, if set.
    public var precedence: Case.Precedence
    /// At most this many (default 100, at most 10000).
    public var limit: UInt32

    public init(siteID: String = "", precedence: Case.Precedence = .unspecified, limit: UInt32 = 0) {
        self.siteID = siteID
        self.precedence = precedence
        self.limit = limit
    }
}

/// Deaths while waiting (cases that became DECEASED before they were evacuated).
public struct DeathsWhileWaitingRequest: ProtobufMessage, Hashable {
    public var siteID: String
    /// YYYY-MM-DD, inclusive; "" for open.
    public var from: String
    public var to: String

    public init(siteID: String = "", from: String = "", to: String = "") {
        self.siteID = siteID
        self.from = from
        self.to = to
    }
}

