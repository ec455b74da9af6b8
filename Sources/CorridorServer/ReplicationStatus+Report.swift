import CorridorRegistry
import CorridorWire

// Replication's report as System.Status sends it (docs/REPLICATION.md).

extension Corridor_V1_ReplicationStatus {
    init(_ report: ReplicationReport) {
        let role: Role
        switch report.role {
        case .standalone: role = .standalone
        case .primary: role = .primary
        case .follower: role = .follower
        }
        let mode: Mode
        switch report.mode {
        case nil: mode = .unspecified
        case .async: mode = .async
        case .sync: mode = .sync
        }
        self.init(
            role: role, mode: mode, replicaStore: report.replicaStore, node: report.node, epoch: report.epoch,
            primaryNode: report.primaryNode, connected: report.connected, replicatedSequence: report.replicatedSequence,
            lagEvents: report.lagEvents, lagMs: report.lagMs, lastError: report.lastError, writable: report.writable
        )
    }
}
