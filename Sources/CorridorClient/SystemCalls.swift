import CorridorWire
import NIOCore

@_exported import struct CorridorWire.SystemStatus
@_exported import struct CorridorWire.HelloReply
@_exported import enum CorridorWire.ServingStatus

// Typed calls of the System and Health services.
extension CorridorClient {
    /// System.Status: version, uptime, paths and connections of the daemon.
    public func status(timeout: Duration? = .seconds(10)) async throws(RPCError) -> SystemStatus {
        try await unary(MethodName.System.status, SystemStatusRequest(), timeout: timeout)
    }

    /// System.Ping: echoes `payload`; the cheapest round trip there is.
    public func ping(payload: [UInt8] = [], timeout: Duration? = nil) async throws(RPCError) -> [UInt8] {
        let reply: PingPayload = try await unary(MethodName.System.ping, PingPayload(payload: ByteBuffer(bytes: payload)), timeout: timeout)
        return Array(reply.payload.readableBytesView)
    }

    /// Health.Check for `service` ("" for the whole server). NOT_FOUND for an unknown service.
    public func checkHealth(service: String = "", timeout: Duration? = .seconds(10)) async throws(RPCError) -> ServingStatus {
        let response: HealthCheckResponse = try await unary(MethodName.Health.check, HealthCheckRequest(service: service), timeout: timeout)
        return response.status
    }

    /// Health.Watch: the status now, then each change.
    public func watchHealth(service: String = "") -> AsyncThrowingStream<ServingStatus, any Error> {
        let responses = serverStreaming(MethodName.Health.watch, HealthCheckRequest(service: service), as: HealthCheckResponse.self)
        let (stream, continuation) = AsyncThrowingStream<ServingStatus, any Error>.makeStream()
        let pump = Task {
            do {
                for try await response in responses { continuation.yield(response.status) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in pump.cancel() }
        return stream
    }
}
