extension Case.Status {
    /// The statuses a case may move to from this one. DECEASED and WITHDRAWN
    /// can happen at any point before arrival; EVACUATED is final. An aborted
    /// movement sends its cases back to LISTED (still on their list) or WAITING.
    public var allowedNext: [Case.Status] {
        switch self {
        case .unspecified: []
        case .waiting: [.listed, .deceased, .withdrawn]
        case .listed: [.waiting, .scheduled, .deceased, .withdrawn]
        case .scheduled: [.listed, .waiting, .inTransit, .deceased, .withdrawn]
        case .inTransit: [.evacuated, .deceased, .listed, .waiting]
        case .evacuated, .deceased: []
        case .withdrawn: [.waiting]
        }
    }

    /// Still waiting to get out: counted as waiting, and days waited grow.
    public var isWaiting: Bool { self == .waiting || self == .listed }
}
