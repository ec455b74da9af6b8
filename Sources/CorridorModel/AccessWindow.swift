public struct AccessWindow: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case unspecified = "KIND_UNSPECIFIED"
        case ceasefire = "CEASEFIRE"
        case humanitarianPause = "HUMANITARIAN_PAUSE"
        case corridorOpening = "CORRIDOR_OPENING"
    }

    public enum Status: String, Sendable, CaseIterable {
        case unspecified = "STATUS_UNSPECIFIED"
        case announced = "ANNOUNCED"
        case inEffect = "IN_EFFECT"
        /// Still in effect on paper; the report says what happened.
        case violated = "VIOLATED"
        case ended = "ENDED"
        case cancelled = "CANCELLED"
    }

    /// Local hours every day from first_date to last_date, in a named zone of
    /// the system's tz database. An end before the start runs past midnight.
    public struct Daily: Sendable, Hashable {
        /// HH:MM, local.
        public var startTime: String
        public var endTime: String
        /// e.g. "Asia/Damascus".
        public var timeZone: String
        /// YYYY-MM-DD, local, inclusive.
        public var firstDate: String
        public var lastDate: String

        public init(
            startTime: String = "",
            endTime: String = "",
            timeZone: String = "",
            firstDate: String = "",
            lastDate: String = ""
        ) {
            self.startTime = startTime
            self.endTime = endTime
            self.timeZone = timeZone
            self.firstDate = firstDate
            self.lastDate = lastDate
        }
    }

    /// A one-off interval in local time, as operators give it; the registry
    /// records it with the zone's offset ("2026-12-03T06:00+03:00") and sets
    /// `startsAtMs`/`endsAtMs` from it.
    public struct OneOff: Sendable, Hashable {
        /// "2026-12-03T06:00" (seconds optional) in `timeZone`, or ending in Z or ±HH:MM.
        public var startsAt: String
        /// The end, exclusive, in the same form.
        public var endsAt: String
        /// e.g. "Asia/Damascus": the zone the times are in and shown in.
        public var timeZone: String

        public init(startsAt: String = "", endsAt: String = "", timeZone: String = "") {
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.timeZone = timeZone
        }
    }

    public struct Violation: Sendable, Hashable {
        public var atMs: UInt64
        public var report: String

        public init(atMs: UInt64 = 0, report: String = "") {
            self.atMs = atMs
            self.report = report
        }
    }

    public var id: String
    public var name: String
    public var kind: Kind
    /// The sites and crossings it covers; a window on a site covers the sites within it.
    public var siteIDs: [String]
    public var announcedBy: String
    /// A one-off window: [starts_at_ms, ends_at_ms) in unix milliseconds, set
    /// by the registry from `oneOff` (given directly only by older clients).
    public var startsAtMs: UInt64
    public var endsAtMs: UInt64
    /// Or a daily one (exactly one of the two is given).
    public var daily: Daily?
    public var status: Status
    public var violations: [Violation]
    /// When it was ENDED or CANCELLED: not in effect from then on.
    public var closedAtMs: UInt64
    /// A one-off window in local time: what requests give and answers show.
    /// Nil in windows recorded before it existed.
    public var oneOff: OneOff?

    public init(
        id: String = "",
        name: String = "",
        kind: Kind = .unspecified,
        siteIDs: [String] = [],
        announcedBy: String = "",
        startsAtMs: UInt64 = 0,
        endsAtMs: UInt64 = 0,
        daily: Daily? = nil,
        status: Status = .unspecified,
        violations: [Violation] = [],
        closedAtMs: UInt64 = 0,
        oneOff: OneOff? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.siteIDs = siteIDs
        self.announcedBy = announcedBy
        self.startsAtMs = startsAtMs
        self.endsAtMs = endsAtMs
        self.daily = daily
        self.status = status
        self.violations = violations
        self.closedAtMs = closedAtMs
        self.oneOff = oneOff
    }
}
