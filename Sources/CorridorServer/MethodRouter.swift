import CorridorWire
import NIOCore

/// The methods a server answers, by full name (`/corridor.v1.System/Ping`).
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

    private(set) var handlers: [String: Handler] = [:]

    public init() {}

    public var methods: [String] { handlers.keys.sorted() }

    public func handler(for method: String) -> Handler? { handlers[method] }

    public mutating func registerInline<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ body: @escaping @Sendable (Request, CallContext) throws -> Response
    ) {
        precondition(handlers[method] == nil, "\(method) registered twice")
        handlers[method] = .inline { payload, context in
            try body(try decodeRequest(Request.self, payload), context).wireBytes()
        }
    }

    /// A method whose answer is its request, once the request decodes.
    mutating func registerInlineEcho<Message: WireMessage>(_ method: String, validating type: Message.Type) {
        precondition(handlers[method] == nil, "\(method) registered twice")
        handlers[method] = .inline { payload, _ in
            _ = try decodeRequest(Message.self, payload)
            return payload
        }
    }

    public mutating func registerUnary<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ body: @escaping @Sendable (Request, CallContext) async throws -> Response
    ) {
        precondition(handlers[method] == nil, "\(method) registered twice")
        handlers[method] = .unary { payload, context in
            try await body(try decodeRequest(Request.self, payload), context).wireBytes()
        }
    }

    public mutating func registerServerStreaming<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ body: @escaping @Sendable (Request, CallContext, ServerStreamWriter<Response>) async throws -> Void
    ) {
        precondition(handlers[method] == nil, "\(method) registered twice")
        handlers[method] = .serverStreaming { payload, context, writer in
            try await body(try decodeRequest(Request.self, payload), context, ServerStreamWriter(raw: writer))
        }
    }

    /// Adds every method of `other`; a name in both is a programming error.
    public mutating func merge(_ other: MethodRouter) {
        for (method, handler) in other.handlers {
            precondition(handlers[method] == nil, "\(method) registered twice")
            handlers[method] = handler
        }
    }
}

/// Sends the messages of one server-streaming call, typed.
public struct ServerStreamWriter<Response: WireMessage>: Sendable {
    let raw: ResponseStreamWriter

    /// Returns once the message is handed to the socket, so a slow reader
    /// slows its own stream and nothing else. Throws CancellationError once
    /// the call has ended (cancelled, past its deadline, connection gone).
    public func send(_ message: Response) async throws {
        try await raw.send(message.wireBytes())
    }
}

/// A request payload that is not the method's message: a fault of the
/// client's encoding, logged as such, unlike a handler's own refusals.
struct MalformedRequest: Error, RPCStatusConvertible {
    let rpcStatus: RPCStatus
}

private func decodeRequest<Request: WireMessage>(_ type: Request.Type, _ payload: ByteBuffer) throws -> Request {
    do {
        return try Request(wireBytes: payload)
    } catch {
        throw MalformedRequest(rpcStatus: error.rpcStatus)
    }
}
