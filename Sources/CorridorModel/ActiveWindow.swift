// The windows in effect at a site at a time.

/// A window in effect, with the interval that contains the asked time.
public struct ActiveWindow: Sendable, Hashable {
    public var window: AccessWindow?
    public var fromMs: UInt64
    public var untilMs: UInt64
    /// The interval in the window's local time ("09:00-14:00 Asia/Damascus").
    public var hours: String

    public init(window: AccessWindow? = nil, fromMs: UInt64 = 0, untilMs: UInt64 = 0, hours: String = "") {
        self.window = window
        self.fromMs = fromMs
        self.untilMs = untilMs
        self.hours = hours
    }
}

public struct ActiveWindowsResponse: Sendable, Hashable {
    public var atMs: UInt64
    public var windows: [ActiveWindow]

    public init(atMs: UInt64 = 0, windows: [ActiveWindow] = []) {
        self.atMs = atMs
        self.windows = windows
    }
}
