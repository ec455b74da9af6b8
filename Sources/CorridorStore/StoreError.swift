import SystemPackage

/// Why the store could not do what it was asked, in the store's own words.
/// The server edge gives each kind its status code (CorridorServer's
/// StoreError+Status.swift); the store knows nothing of the wire.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable, CaseIterable {
        /// The disk is full: the append is refused, reads go on.
        case noSpace
        /// Damage where acknowledged records live; starting would drop them.
        case corrupt
        /// Another process holds the data directory.
        case locked
        /// The data directory cannot be written now (permission taken away,
        /// a read-only remount): writes wait for an operator, reads go on.
        case unwritable
        /// Another process wrote to the log this one owns: nothing more may be acknowledged.
        case conflictingWriter
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

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    public var isCorruption: Bool { kind == .corrupt || kind == .snapshotAhead }
    public var isSnapshotAhead: Bool { kind == .snapshotAhead }
    public var isCancelled: Bool { kind == .cancelled }

    static func snapshotAhead(snapshot: UInt64, log: UInt64) -> StoreError {
        StoreError(.snapshotAhead, "the snapshot ends at sequence \(snapshot) but the log only reaches \(log): records are missing")
    }
    public var isNoSpace: Bool { kind == .noSpace }
    public var isConflictingWriter: Bool { kind == .conflictingWriter }
    /// Refusals the store logs once when they start (and again only when the
    /// reason changes), so that callers need not log them per request.
    public var isLoggedByStore: Bool {
        switch kind {
        case .noSpace, .unwritable, .conflictingWriter, .closed: true
        default: false
        }
    }

    /// A failed system call on `path` while writing: a full disk or quota is
    /// RESOURCE_EXHAUSTED, a directory that may not be written (any more) is
    /// UNAVAILABLE, both naming the path and the reason; anything else INTERNAL.
    static func writing(_ path: String, _ action: String, _ error: any Error) -> StoreError {
        guard let error = error as? Errno else { return StoreError(.io, "cannot \(action) \(path): \(error)") }
        return switch error {
        case .noSpace, .diskQuotaExceeded:
            StoreError(.noSpace, "no space left to \(action) \(path) (\(error)); free disk space (reads keep working)")
        case .permissionDenied, .notPermitted, .readOnlyFileSystem:
            StoreError(.unwritable, "cannot \(action) \(path): \(error); writes are refused until the data directory is writable again (reads keep working)")
        default:
            StoreError(.io, "cannot \(action) \(path): \(error)")
        }
    }
}
