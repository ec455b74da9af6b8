import CorridorWire
import NIOCore

/// The methods a server answers: a table of the generated `RPCMethod`s
/// (Methods.pb.swift), each with a handler typed by the method's request and
/// response messages. A path is never written by hand and a handler of the
/// wrong types does not compile.
public struct MethodRouter: Sendable {
    public enum Handler: Sendable {
        /// Runs on the connection's event loop: for answers that only read
        /// memory and never block. Saves two thread hops per call.
        case inline(@Sendable (ByteBuffer, CallContext) throws -> ByteBuffer)
        /// Runs as a task; the answer is written when it returns.
        case unary(@Sendable (ByteBuffer, CallContext) async throws -> ByteBuffer)
        /// Runs as a task that sends any number of messages before it returns.
        case serverStreaming(@Sendable (ByteBuffer, CallContext, ResponseStreamWriter) async throws -> Void)
    }

    private struct Route: Sendable {
        let method: AnyRPCMethod
        let handler: Handler
    }

    private var routes: [String: Route] = [:]

    public init() {}

    /// The routed paths, sorted.
    public var methods: [String] { routes.keys.sorted() }

    /// The routed methods with their types, sorted by path.
    public var rpcMethods: [AnyRPCMethod] { methods.compactMap { routes[$0]?.method } }

    public func handler(for method: String) -> Handler? { routes[method]?.handler }

    /// A unary method answered on the event loop.
    public mutating func register<Request, Response>(
        inline method: RPCMethod<Request, Response>,
        _ body: @escaping @Sendable (Request, CallContext) throws -> Response
    ) {
        add(method, expecting: .unary, .inline { payload, context in
            encodeResponse(try body(try decodeRequest(Request.self, payload), context))
        })
    }

    /// A unary method answered from a task.
    public mutating func register<Request, Response>(
        _ method: RPCMethod<Request, Response>,
        _ body: @escaping @Sendable (Request, CallContext) async throws -> Response
    ) {
        add(method, expecting: .unary, .unary { payload, context in
            encodeResponse(try await body(try decodeRequest(Request.self, payload), context))
        })
    }

    /// A server-streaming method.
    public mutating func register<Request, Response>(
        streaming method: RPCMethod<Request, Response>,
        _ body: @escaping @Sendable (Request, CallContext, ServerStreamWriter<Response>) async throws -> Void
    ) {
        add(method, expecting: .serverStreaming, .serverStreaming { payload, context, writer in
            try await body(try decodeRequest(Request.self, payload), context, ServerStreamWriter(raw: writer))
        })
    }

    /// A method answered with bytes the handler encodes itself, for a server
    /// that must send what no message of this build can hold: the version-skew
    /// tests' "newer daemon", whose events carry a kind proto/ does not have yet.
    /// The kind must still be the method's.
    public mutating func register(raw method: AnyRPCMethod, _ handler: Handler) {
        switch handler {
        case .inline, .unary: precondition(method.kind == .unary, "\(method.path) is \(method.kind) in proto/, registered as unary")
        case .serverStreaming: precondition(method.kind == .serverStreaming, "\(method.path) is \(method.kind) in proto/, registered as streaming")
        }
        precondition(routes[method.path] == nil, "\(method.path) registered twice")
        routes[method.path] = Route(method: method, handler: handler)
    }

    /// Adds every method of `other`; a path in both is a programming error.
    public mutating func merge(_ other: MethodRouter) {
        for (path, route) in other.routes {
            precondition(routes[path] == nil, "\(path) registered twice")
            routes[path] = route
        }
    }

    private mutating func add<Request, Response>(_ method: RPCMethod<Request, Response>, expecting kind: RPCKind, _ handler: Handler) {
        // Both are programming errors, found the first time a server is built.
        precondition(method.kind == kind, "\(method.path) is \(method.kind) in proto/, registered as \(kind)")
        precondition(routes[method.path] == nil, "\(method.path) registered twice")
        routes[method.path] = Route(method: AnyRPCMethod(method), handler: handler)
    }
}

/// Sends the messages of one server-streaming call, typed.
public struct ServerStreamWriter<Response: ProtoMessage>: Sendable {
    let raw: ResponseStreamWriter

    /// Returns once the message is handed to the socket, so a slow reader
    /// slows its own stream and nothing else. Throws CancellationError once
    /// the call has ended (cancelled, past its deadline, connection gone).
    public func send(_ message: Response) async throws {
        try await raw.send(encodeResponse(message))
    }
}

/// A request payload that is not the method's message: a fault of the
/// client's encoding, logged as such, unlike a handler's own refusals.
struct MalformedRequest: Error, RPCStatusConvertible {
    let rpcStatus: RPCStatus
}

/// INVALID_ARGUMENT naming the string field that is not text, or saying the
/// payload is not the method's message (ProtoDecodingError's words).
private func decodeRequest<Request: ProtoMessage>(_ type: Request.Type, _ payload: ByteBuffer) throws -> Request {
    do {
        return try Request(serializedBytes: payload)
    } catch {
        throw MalformedRequest(rpcStatus: RPCError(error).rpcStatus)
    }
}

private func encodeResponse<Response: ProtoMessage>(_ response: Response) -> ByteBuffer {
    var buffer = ByteBuffer()
    buffer.reserveCapacity(response.serializedSize)
    response.serialize(into: &buffer)
    return buffer
}
