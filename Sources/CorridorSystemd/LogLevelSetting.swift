import Logging
import Synchronization

/// The daemon's log level, shared by every logger so that a reload (SIGHUP)
/// can change it without rebuilding them.
public final class LogLevelSetting: Sendable {
    private let level: Mutex<Logger.Level>

    public init(_ level: Logger.Level) {
        self.level = Mutex(level)
    }

    public var current: Logger.Level {
        get { level.withLock { $0 } }
        set { level.withLock { $0 = newValue } }
    }
}
