import CorridorModel
import CorridorWire

/// The bounds the server holds each connection to. Read when a connection
/// opens, so a reload changes them for new connections only.
public struct ServerLimits: Sendable, Equatable, Codable {
    /// Largest frame body accepted; larger ones get RESOURCE_EXHAUSTED and are skipped.
    public var maxFrameBytes: UInt32 = 4 * 1024 * 1024
    /// Calls in flight on one connection; one more gets RESOURCE_EXHAUSTED.
    public var maxConcurrentCalls: UInt32 = 4096
    /// A connection silent this long is pinged, and closed after twice as long. 0 turns keepalive off.
    public var keepaliveIntervalMilliseconds: UInt32 = 30_000
    /// The longest deadline a call may ask for; longer ones are capped. 0: no cap.
    public var maxTimeoutMilliseconds: UInt32 = 0
    /// Unread output above this stops the server reading from that connection…
    public var outputHighWaterBytes: UInt32 = 1024 * 1024
    /// …until it drains below this.
    public var outputLowWaterBytes: UInt32 = 256 * 1024
    /// How long shutdown waits for calls in flight before closing connections.
    public var drainTimeoutMilliseconds: UInt32 = 10_000

    public init() {}

    public var announced: ConnectionLimits {
        ConnectionLimits(
            maxFrameBytes: maxFrameBytes,
            maxConcurrentCalls: maxConcurrentCalls,
            keepaliveIntervalMilliseconds: keepaliveIntervalMilliseconds,
            maxTimeoutMilliseconds: maxTimeoutMilliseconds
        )
    }

    /// Each field out of range, named as in the configuration file.
    public func violations() -> [FieldViolation] {
        var violations: [FieldViolation] = []
        if maxFrameBytes < 1024 {
            violations.append(FieldViolation(field: "limits.maxFrameBytes", reason: "must be at least 1024"))
        }
        if maxConcurrentCalls < 1 {
            violations.append(FieldViolation(field: "limits.maxConcurrentCalls", reason: "must be at least 1"))
        }
        if keepaliveIntervalMilliseconds != 0 && keepaliveIntervalMilliseconds < 100 {
            violations.append(FieldViolation(field: "limits.keepaliveIntervalMilliseconds", reason: "must be 0 (off) or at least 100"))
        }
        if outputLowWaterBytes >= outputHighWaterBytes {
            violations.append(FieldViolation(field: "limits.outputLowWaterBytes", reason: "must be below limits.outputHighWaterBytes"))
        }
        return violations
    }
}

extension ServerLimits {
    // Decoding leaves out fields the file does not name, keeping their defaults.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func value(_ key: CodingKeys, _ current: UInt32) throws -> UInt32 {
            // Read wide and check here: JSONDecoder reports a negative number for
            // a UInt32 as "not valid JSON", without saying which key.
            guard let wide = try container.decodeIfPresent(Int64.self, forKey: key) else { return current }
            guard let narrow = UInt32(exactly: wide) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "\(wide) is not between 0 and \(UInt32.max)"
                )
            }
            return narrow
        }
        maxFrameBytes = try value(.maxFrameBytes, maxFrameBytes)
        maxConcurrentCalls = try value(.maxConcurrentCalls, maxConcurrentCalls)
        keepaliveIntervalMilliseconds = try value(.keepaliveIntervalMilliseconds, keepaliveIntervalMilliseconds)
        maxTimeoutMilliseconds = try value(.maxTimeoutMilliseconds, maxTimeoutMilliseconds)
        outputHighWaterBytes = try value(.outputHighWaterBytes, outputHighWaterBytes)
        outputLowWaterBytes = try value(.outputLowWaterBytes, outputLowWaterBytes)
        drainTimeoutMilliseconds = try value(.drainTimeoutMilliseconds, drainTimeoutMilliseconds)
    }
}
