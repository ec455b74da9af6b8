import NIOCore

/// One frame on a Corridor connection, as proto/corridor/v1/frame.proto defines it.
public struct Frame: Sendable, Equatable {
    /// The call this frame belongs to; 0 for the connection itself.
    public var streamID: UInt32
    public var kind: Kind

    public init(streamID: UInt32, _ kind: Kind) {
        self.streamID = streamID
        self.kind = kind
    }

    public enum Kind: Sendable, Equatable {
        /// A frame with no kind set: a zero-length frame decodes to this.
        case empty
        case hello(Hello)
        case helloReply(HelloReply)
        case call(CallStart)
        case message(ByteBuffer)
        case status(RPCStatus)
        case cancel
        case ping(opaque: UInt64)
        case pong(opaque: UInt64)
        case goAway(reason: String)
    }

    /// The stream id a connection-level frame carries.
    public static let connectionStream: UInt32 = 0
}

public struct Hello: Sendable, Equatable {
    public var version: ProtocolVersion
    public var clientName: String
    public var clientVersion: String

    public init(version: ProtocolVersion = .current, clientName: String, clientVersion: String = CorridorVersion.string) {
        self.version = version
        self.clientName = clientName
        self.clientVersion = clientVersion
    }
}

public struct HelloReply: Sendable, Equatable {
    public var version: ProtocolVersion
    public var serverName: String
    public var serverVersion: String
    public var limits: ConnectionLimits

    public init(version: ProtocolVersion, serverName: String, serverVersion: String, limits: ConnectionLimits) {
        self.version = version
        self.serverName = serverName
        self.serverVersion = serverVersion
        self.limits = limits
    }
}

/// The limits a server enforces on each connection, announced in its hello reply.
public struct ConnectionLimits: Sendable, Equatable {
    public var maxFrameBytes: UInt32
    public var maxConcurrentCalls: UInt32
    /// 0: the server sends no keepalive pings.
    public var keepaliveIntervalMilliseconds: UInt32
    /// The longest timeout a call may ask for; 0: no ceiling.
    public var maxTimeoutMilliseconds: UInt32

    public init(maxFrameBytes: UInt32, maxConcurrentCalls: UInt32, keepaliveIntervalMilliseconds: UInt32, maxTimeoutMilliseconds: UInt32) {
        self.maxFrameBytes = maxFrameBytes
        self.maxConcurrentCalls = maxConcurrentCalls
        self.keepaliveIntervalMilliseconds = keepaliveIntervalMilliseconds
        self.maxTimeoutMilliseconds = maxTimeoutMilliseconds
    }
}

public struct CallStart: Sendable, Equatable {
    /// `/corridor.v1.<Service>/<Method>`.
    public var method: String
    /// 0: no deadline.
    public var timeoutMilliseconds: UInt32
    public var payload: ByteBuffer
    public var requestID: String

    public init(method: String, timeoutMilliseconds: UInt32 = 0, payload: ByteBuffer, requestID: String = "") {
        self.method = method
        self.timeoutMilliseconds = timeoutMilliseconds
        self.payload = payload
        self.requestID = requestID
    }
}
