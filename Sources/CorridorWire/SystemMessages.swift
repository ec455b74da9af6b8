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
                callsServed: message.calls_served
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
