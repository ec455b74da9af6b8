/// How a method answers: once, or with a stream of messages.
public enum RPCKind: Sendable, Hashable {
    case unary
    case serverStreaming
}

/// One rpc of a service in proto/, typed by its request and response
/// (generated in `Methods.pb.swift`, e.g. `Corridor_V1_Registry.registerCase`).
public struct RPCMethod<Request: ProtoMessage, Response: ProtoMessage>: Sendable, Hashable {
    /// `/corridor.v1.<Service>/<Method>`, as CallStart names it.
    public let path: String
    public let kind: RPCKind

    public init(path: String, kind: RPCKind) {
        self.path = path
        self.kind = kind
    }
}

/// An RPCMethod with its types as values, for tables of every method.
public struct AnyRPCMethod: Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let kind: RPCKind
    public let requestType: any ProtoMessage.Type
    public let responseType: any ProtoMessage.Type

    public init<Request, Response>(_ method: RPCMethod<Request, Response>) {
        path = method.path
        kind = method.kind
        requestType = Request.self
        responseType = Response.self
    }

    public static func == (left: AnyRPCMethod, right: AnyRPCMethod) -> Bool {
        left.path == right.path && left.kind == right.kind
            && ObjectIdentifier(left.requestType) == ObjectIdentifier(right.requestType)
            && ObjectIdentifier(left.responseType) == ObjectIdentifier(right.responseType)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(kind)
    }

    public var description: String { path }
}
