import CorridorStore
import CorridorWire

// The one place a store failure becomes a wire status. The store speaks of
// full disks and closed logs; what a client is told is decided here.

extension RPCStatus {
    public init(_ error: StoreError) {
        let code: StatusCode = switch error.kind {
        case .noSpace: .resourceExhausted
        case .corrupt, .snapshotAhead: .dataLoss
        case .locked: .failedPrecondition
        case .unwritable, .conflictingWriter, .closed: .unavailable
        case .io: .internal
        case .tooLarge: .invalidArgument
        case .cancelled: .cancelled
        }
        self.init(code, error.description)
    }
}
