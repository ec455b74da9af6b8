// The events of windows (proto/corridor/v1/windows.proto). Each carries the record as it
// is after the change, so applying one is a replacement.

public struct WindowAnnounced: Sendable, Hashable {
    public var window: AccessWindow?

    public init(window: AccessWindow? = nil) {
        self.window = window
    }
}

public struct WindowStatusChanged: Sendable, Hashable {
    public var window: AccessWindow?
    public var from: AccessWindow.Status
    public var to: AccessWindow.Status
    /// For VIOLATED: the report.
    public var report: String

    public init(
        window: AccessWindow? = nil,
        from: AccessWindow.Status = .unspecified,
        to: AccessWindow.Status = .unspecified,
        report: String = ""
    ) {
        self.window = window
        self.from = from
        self.to = to
        self.report = report
    }
}
