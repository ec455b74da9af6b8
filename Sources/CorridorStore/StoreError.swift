import CorridorWire

/// Why the store could not do what it was asked. Each case maps to one wire
/// status through RPCStatusConvertible, so callers never translate by hand.
public struct StoreError: Error, RPCStatusConvertible, CustomStringConvertible, Equatable {
    enum Kind: Equatable {
        /// The disk is full: the append is refused, reads go on.
        case noSpace
        /// Damage where acknowledged records live; starting would drop them.
        case corrupt
        /// Another process holds the data directory.
        case locked
        /// A system call failed for another reason.
        case io
        /// The caller asked for something the store cannot hold (a batch larger than a segment).
        case tooLarge
        /// The store has been closed.
        case closed
        /// The newest snapshot holds records the log no longer has (after a repair cut it).
        case snapshotAhead
        /// The caller stopped waiting.
        case cancelled
    }

    let kind: Kind
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    public var rpcStatus: RPCStatus {
        switch kind {
        case .noSpace: RPCStatus(.resourceExhausted, description)
        case .corrupt, .snapshotAhead: RPCStatus(.dataLoss, description)
        case .locked: RPCStatus(.failedPrecondition, description)
        case .io: RPCStatus(.internal, description)
        case .tooLarge: RPCStatus(.invalidArgument, description)
        case .closed: RPCStatus(.unavailable, description)
        case .cancelled: RPCStatus(.cancelled, description)
        }
    }

    public var isCorruption: Bool { kind == .corrupt || kind == .snapshotAhead }
    public var isSnapshotAhead: Bool { kind == .snapshotAhead }
    public var isCancelled: Bool { kind == .cancelled }

    static func snapshotAhead(snapshot: UInt64, log: UInt64) -> StoreError {
        StoreError(.snapshotAhead, "the snapshot ends at sequence \(snapshot) but the log only reaches \(log): records are missing")
    }
    public var isNoSpace: Bool { kind == .noSpace }
}
