import CorridorWire

@_exported import struct CorridorWire.HelloReply

// Typed calls of the System and Health services, through their generated
// RPCMethods. No model type exists for these answers: the generated messages
// are the results.
extension CorridorClient {
    /// System.Status: version, uptime, paths and connections of the daemon.
    public func status(timeout: Duration? = .seconds(10)) async throws(RPCError) -> Corridor_V1_StatusResponse {
        try await unary(Corridor_V1_System.status, Corridor_V1_StatusRequest(), timeout: timeout)
    }

    /// System.Ping: echoes `payload`; the cheapest round trip there is.
    public func ping(payload: [UInt8] = [], timeout: Duration? = nil) async throws(RPCError) -> [UInt8] {
        try await unary(Corridor_V1_System.ping, Corridor_V1_PingRequest(payload: payload), timeout: timeout).payload
    }

    /// System.Promote: makes this follower the primary once it has applied
    /// everything the replica store holds (admin; docs/REPLICATION.md).
    public func promote(timeout: Duration? = .seconds(60)) async throws(RPCError) -> Corridor_V1_PromoteResponse {
        try await unary(Corridor_V1_System.promote, Corridor_V1_PromoteRequest(), timeout: timeout)
    }

    /// Health.Check for `service` ("" for the whole server). NOT_FOUND for an unknown service.
    public func checkHealth(service: String = "", timeout: Duration? = .seconds(10)) async throws(RPCError) -> Corridor_V1_HealthCheckResponse.ServingStatus {
        try await unary(Corridor_V1_Health.check, Corridor_V1_HealthCheckRequest(service: service), timeout: timeout).status
    }

    /// Health.Watch: the status now, then each change.
    public func watchHealth(service: String = "") -> AsyncThrowingStream<Corridor_V1_HealthCheckResponse.ServingStatus, any Error> {
        mapped(serverStreaming(Corridor_V1_Health.watch, Corridor_V1_HealthCheckRequest(service: service)), \.status)
    }
}
