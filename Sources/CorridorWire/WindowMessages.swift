import CorridorModel

// Requests and responses of proto/corridor/v1/windows.proto.

public struct AnnounceWindowRequest: ProtobufMessage, Hashable {
    public var window: AccessWindow?

    public init(window: AccessWindow? = nil) {
        self.window = window
    }
}

public struct SetWindowStatusRequest: ProtobufMessage, Hashable {
    public var windowID: String
    public var status: AccessWindow.Status
    /// Required for VIOLATED.
    public var report: String
    public var reason: String
    /// When it happened ("" for now): see Timestamps in PROTOCOL.md.
    public var at: String
    public var timeZone: String

    public init(
        windowID: String = "",
        status: AccessWindow.Status = .unspecified,
        report: String = "",
        reason: String = "",
        at: String = "",
        timeZone: String = ""
    ) {
        self.windowID = windowID
        self.status = status
        self.report = report
        self.reason = reason
        self.at = at
        self.timeZone = timeZone
    }
}

public struct ListWindowsRequest: ProtobufMessage, Hashable {
    /// Only windows covering this site, if set.
    public var siteID: String

    public init(siteID: String = "") {
        self.siteID = siteID
    }
}

public struct ListWindowsResponse: ProtobufMessage, Hashable {
    public var windows: [AccessWindow]

    public init(windows: [AccessWindow] = []) {
        self.windows = windows
    }
}

public struct ActiveWindowsRequest: ProtobufMessage, Hashable {
    public var siteID: String
    /// "2026-11-21T11:00" with time_zone, or with an offset or Z; "" for now.
    public var at: String
    public var timeZone: String

    public init(siteID: String = "", at: String = "", timeZone: String = "") {
        self.siteID = siteID
        self.at = at
        self.timeZone = timeZone
    }
}

