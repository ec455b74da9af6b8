internal import CCorridorProto
import NIOCore

// The Health service's messages (proto/corridor/v1/health.proto), with the
// meaning of grpc.health.v1.

public struct HealthCheckRequest: WireMessage, Equatable {
    /// The service to ask about; "" for the server as a whole.
    public var service: String

    public init(service: String = "") {
        self.service = service
    }

    public init(wireBytes: ByteBuffer) throws(RPCError) {
        let decoded = try withUnpackedProtobufC(corridor__v1__health_check_request__unpack, wireBytes) { (request) throws(RPCError) in String(protobufC: request.pointee.service) }
        guard let decoded else { throw Self.malformed() }
        // A NUL would end the C string early and ask about another service.
        try withUnsafePointer(to: corridor__v1__health_check_request__descriptor) { (descriptor) throws(RPCError) in
            try ProtobufStringCheck.requireText(wireBytes, descriptor)
        }
        self.service = decoded
    }

    public func wireBytes() -> ByteBuffer {
        encodeProtobufC(corridor__v1__health_check_request__init) { (message: UnsafeMutablePointer<Corridor__V1__HealthCheckRequest>, scratch) in
            message.pointee.service = scratch.string(service)
        }
    }
}

public enum ServingStatus: UInt32, Sendable, CaseIterable, CustomStringConvertible, Codable {
    case unknown = 0
    case serving = 1
    case notServing = 2
    case serviceUnknown = 3

    public var description: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .serving: "SERVING"
        case .notServing: "NOT_SERVING"
        case .serviceUnknown: "SERVICE_UNKNOWN"
        }
    }
}

public struct HealthCheckResponse: WireMessage, Equatable {
    public var status: ServingStatus

    public init(status: ServingStatus) {
        self.status = status
    }

    public init(wireBytes: ByteBuffer) throws(RPCError) {
        let decoded = try withUnpackedProtobufC(corridor__v1__health_check_response__unpack, wireBytes) { (response) throws(RPCError) in ServingStatus(rawValue: response.pointee.status.rawValue) ?? .unknown }
        guard let decoded else { throw Self.malformed() }
        self.status = decoded
    }

    public func wireBytes() -> ByteBuffer {
        encodeProtobufC(corridor__v1__health_check_response__init) { (message: UnsafeMutablePointer<Corridor__V1__HealthCheckResponse>, _) in
            message.pointee.status = Corridor__V1__HealthCheckResponse__ServingStatus(rawValue: status.rawValue)
        }
    }
}
