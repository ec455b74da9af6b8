internal import CCorridorProto
import NIOCore

// The System service's messages (proto/corridor/v1/system.proto).

public struct SystemStatusRequest: WireMessage, Equatable {
    public init() {}

    public init(wireBytes: ByteBuffer) throws(RPCError) {
        let decoded = try withUnpackedProtobufC(corridor__v1__status_request__unpack, wireBytes) { (_) throws(RPCError) in true }
        guard decoded != nil else { throw Self.malformed() }
    }

    public func wireBytes() -> ByteBuffer {
        encodeProtobufC(corridor__v1__status_request__init) { (_: UnsafeMutablePointer<Corridor__V1__StatusRequest>, _) in }
    }
}

/// What `corridorctl status` shows.
public struct SystemStatus: WireMessage, Equatable, Codable {
    public var serverName: String
    public var serverVersion: String
    public var protocolVersion: String
    public var startedAtUnixMilliseconds: UInt64
    public var uptimeMilliseconds: UInt64
    public var socketPath: String
    public var dataDirectory: String
    public var openConnections: UInt32
    public var pid: UInt32
    public var callsServed: UInt64
    /// The event log and snapshots; nil from a daemon without a store.
    public var store: StoreStatus?

    public init(
        serverName: String, serverVersion: String, protocolVersion: ProtocolVersion,
        startedAtUnixMilliseconds: UInt64, uptimeMilliseconds: UInt64,
        socketPath: String, dataDirectory: String, openConnections: UInt32, pid: UInt32, callsServed: UInt64
    ) {
        self.serverName = serverName
        self.serverVersion = serverVersion
        self.protocolVersion = protocolVersion.description
        self.startedAtUnixMilliseconds = startedAtUnixMilliseconds
        self.uptimeMilliseconds = uptimeMilliseconds
        self.socketPath = socketPath
        self.dataDirectory = dataDirectory
        self.openConnections = openConnections
        self.pid = pid
        self.callsServed = callsServed
    }

    public init(
        serverName: String, serverVersion: String, protocolVersion: ProtocolVersion,
        startedAtUnixMilliseconds: UInt64, uptimeMilliseconds: UInt64,
        socketPath: String, dataDirectory: String, openConnections: UInt32, pid: UInt32, callsServed: UInt64,
        store: StoreStatus?
    ) {
        self.init(
            serverName: serverName, serverVersion: serverVersion, protocolVersion: protocolVersion,
            startedAtUnixMilliseconds: startedAtUnixMilliseconds, uptimeMilliseconds: uptimeMilliseconds,
            socketPath: socketPath, dataDirectory: dataDirectory, openConnections: openConnections, pid: pid, callsServed: callsServed
        )
        self.store = store
    }

    public init(wireBytes: ByteBuffer) throws(RPCError) {
        let decoded = try withUnpackedProtobufC(corridor__v1__status_response__unpack, wireBytes) { (response) throws(RPCError) -> SystemStatus in
            let message = response.pointee
            return SystemStatus(
                serverName: String(protobufC: message.server_name),
                serverVersion: String(protobufC: message.server_version),
                protocolVersion: ProtocolVersion(message.protocol_version),
                startedAtUnixMilliseconds: message.started_at_unix_ms,
                uptimeMilliseconds: message.uptime_ms,
                socketPath: String(protobufC: message.socket_path),
                dataDirectory: String(protobufC: message.data_directory),
                openConnections: message.open_connections,
                pid: message.pid,
                callsServed: message.calls_served,
                store: message.store.map { store in
                    StoreStatus(
                        lastSequence: store.pointee.last_sequence, segments: store.pointee.segments,
                        recordBytes: store.pointee.record_bytes, reservedBytes: store.pointee.reserved_bytes,
                        lastSnapshotSequence: store.pointee.last_snapshot_sequence, lastSnapshotAtMs: store.pointee.last_snapshot_at_ms,
                        syncs: store.pointee.syncs, syncedRecords: store.pointee.synced_records
                    )
                }
            )
        }
        guard let decoded else { throw Self.malformed() }
        self = decoded
    }

    public func wireBytes() -> ByteBuffer {
        encodeProtobufC(corridor__v1__status_response__init) { (message: UnsafeMutablePointer<Corridor__V1__StatusResponse>, scratch) in
            let version = protocolVersion.split(separator: ".").compactMap { UInt32($0) }
            message.pointee.server_name = scratch.string(serverName)
            message.pointee.server_version = scratch.string(serverVersion)
            message.pointee.protocol_version = scratch.protocolVersion(
                ProtocolVersion(major: version.first ?? 0, minor: version.dropFirst().first ?? 0)
            )
            message.pointee.started_at_unix_ms = startedAtUnixMilliseconds
            message.pointee.uptime_ms = uptimeMilliseconds
            message.pointee.socket_path = scratch.string(socketPath)
            message.pointee.data_directory = scratch.string(dataDirectory)
            message.pointee.open_connections = openConnections
            message.pointee.pid = pid
            message.pointee.calls_served = callsServed
            if let store {
                message.pointee.store = scratch.allocate { (status: UnsafeMutablePointer<Corridor__V1__StoreStatus>) in
                    corridor__v1__store_status__init(status)
                    status.pointee.last_sequence = store.lastSequence
                    status.pointee.segments = store.segments
                    status.pointee.record_bytes = store.recordBytes
                    status.pointee.reserved_bytes = store.reservedBytes
                    status.pointee.last_snapshot_sequence = store.lastSnapshotSequence
                    status.pointee.last_snapshot_at_ms = store.lastSnapshotAtMs
                    status.pointee.syncs = store.syncs
                    status.pointee.synced_records = store.syncedRecords
                }
            }
        }
    }
}

/// System.Ping's request and response: an opaque payload echoed back.
public struct PingPayload: WireMessage, Equatable {
    public var payload: ByteBuffer

    public init(payload: ByteBuffer) {
        self.payload = payload
    }

    public init(wireBytes: ByteBuffer) throws(RPCError) {
        // PingRequest and PingResponse share one layout (field 1, bytes).
        let decoded = try withUnpackedProtobufC(corridor__v1__ping_request__unpack, wireBytes) { (request) throws(RPCError) in ByteBuffer(protobufC: request.pointee.payload) }
        guard let decoded else { throw Self.malformed() }
        self.payload = decoded
    }

    public func wireBytes() -> ByteBuffer {
        encodeProtobufC(corridor__v1__ping_request__init) { (message: UnsafeMutablePointer<Corridor__V1__PingRequest>, scratch) in
            message.pointee.payload = scratch.bytes(payload)
        }
    }
}

/// The event log and snapshots as System.Status reports them.
public struct StoreStatus: Sendable, Equatable, Codable {
    public var lastSequence: UInt64
    public var segments: UInt32
    public var recordBytes: UInt64
    public var reservedBytes: UInt64
    public var lastSnapshotSequence: UInt64
    public var lastSnapshotAtMs: UInt64
    /// Group commit: msync calls that made appends durable, and the records they covered.
    public var syncs: UInt64
    public var syncedRecords: UInt64

    public init(lastSequence: UInt64, segments: UInt32, recordBytes: UInt64, reservedBytes: UInt64, lastSnapshotSequence: UInt64, lastSnapshotAtMs: UInt64, syncs: UInt64, syncedRecords: UInt64) {
        self.lastSequence = lastSequence
        self.segments = segments
        self.recordBytes = recordBytes
        self.reservedBytes = reservedBytes
        self.lastSnapshotSequence = lastSnapshotSequence
        self.lastSnapshotAtMs = lastSnapshotAtMs
        self.syncs = syncs
        self.syncedRecords = syncedRecords
    }

    /// Records made durable per msync: how well group commit is working.
    public var recordsPerSync: Double { syncs == 0 ? 0 : Double(syncedRecords) / Double(syncs) }
}
