import CorridorServer
import Foundation

/// The one factor every safety deadline in the tests is multiplied by.
///
/// Under a sanitizer everything runs several times slower (ThreadSanitizer
/// 5-20×, AddressSanitizer 2-3×, more on a loaded machine), so a bound that
/// only keeps a broken component from hanging the suite would fail a test
/// that is merely slow. `Tests/Sanitizers/run-sanitized` exports
/// `CORRIDOR_SANITIZER=address|thread`; read once here, it stretches the
/// bounds (docs/TESTING.md, "Sanitizers"). No test asserts a duration, so
/// scaling them changes no assertion, only how long a real hang takes to fail.
public enum TestDeadline {
    /// 10 under `thread`, 3 under `address`, 1 otherwise (unset: `make test` as before).
    public static let factor: Int = factor(sanitizer: ProcessInfo.processInfo.environment["CORRIDOR_SANITIZER"])

    /// The factor for a value of `CORRIDOR_SANITIZER`.
    public static func factor(sanitizer: String?) -> Int {
        switch sanitizer {
        case "thread": 10
        case "address": 3
        default: 1
        }
    }

    /// `bound` stretched by `factor`.
    public static func scaled(_ bound: Duration) -> Duration {
        bound * factor
    }

    /// Whole seconds of `scaled(bound)`, for the APIs that take seconds
    /// (corridorctl's CORRIDOR_TIMEOUT, SO_RCVTIMEO).
    public static func scaledSeconds(_ bound: Duration) -> Int {
        Int(scaled(bound).components.seconds)
    }

    /// `limits` with the keepalive interval stretched by `factor` when it is
    /// ServerLimits' default (30 s); an interval a test set is what it tests.
    /// The interval is a deadline too: a raw connection whose next send waits
    /// for a thread of NIO's blocking pool (as many threads as cores) on a
    /// busy machine can be silent that long, and then reads a keepalive Ping
    /// where it expected the server's answer (the second ASan run:
    /// BadInputLoggingTests, `truncatedFrame`).
    public static func keepaliveStretched(_ limits: ServerLimits, by factor: Int = factor) -> ServerLimits {
        var limits = limits
        let usual = ServerLimits().keepaliveIntervalMilliseconds
        if limits.keepaliveIntervalMilliseconds == usual {
            limits.keepaliveIntervalMilliseconds = usual * UInt32(clamping: max(1, factor))
        }
        return limits
    }
}
