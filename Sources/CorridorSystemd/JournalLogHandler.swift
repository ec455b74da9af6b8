import Glibc
import Logging

/// swift-log to stderr, one line per entry. When stderr is the journal
/// (systemd sets JOURNAL_STREAM to its device:inode) each line starts with an
/// sd-daemon priority prefix such as `<6>`, so journald files it at the right
/// level; in a terminal the line carries a timestamp and the level instead.
public struct JournalLogHandler: LogHandler {
    /// Reads through to the shared setting, so a reload reaches existing loggers.
    public var logLevel: Logger.Level {
        get { level.current }
        set { level.current = newValue }
    }
    private let level: LogLevelSetting
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let toJournal: Bool

    public init(label: String, level: LogLevelSetting, toJournal: Bool = JournalLogHandler.stderrIsJournal()) {
        self.label = label
        self.level = level
        self.toJournal = toJournal
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let line = Self.format(
            level: event.level, message: "\(event.message)", metadata: merged, label: label, toJournal: toJournal
        )
        // One write(2) per line keeps lines whole when several threads log.
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// One entry as one line: newlines inside the message would split it in the journal.
    public static func format(
        level: Logger.Level, message: String, metadata: Logger.Metadata, label: String, toJournal: Bool
    ) -> String {
        let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = (fields.isEmpty ? message : "\(message) \(fields)").replacingNewlines()
        if toJournal {
            return "<\(priority(of: level))>\(text)\n"
        }
        return "\(timestamp()) \(level) \(label): \(text)\n"
    }

    /// syslog priorities, as sd-daemon.h's SD_ERR… prefixes.
    public static func priority(of level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// True when fd 2 is the stream JOURNAL_STREAM names (systemd.exec(5)).
    public static func stderrIsJournal(environment: [String: String] = ProcessEnvironment.current) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":").compactMap { UInt64($0) }
        guard parts.count == 2 else { return false }
        var status = stat()
        guard fstat(2, &status) == 0 else { return false }
        return UInt64(status.st_dev) == parts[0] && UInt64(status.st_ino) == parts[1]
    }

    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = "\(padded(parts.tm_year + 1900, 4))-\(padded(parts.tm_mon + 1, 2))-\(padded(parts.tm_mday, 2))"
        let time = "\(padded(parts.tm_hour, 2)):\(padded(parts.tm_min, 2)):\(padded(parts.tm_sec, 2))"
        return "\(date)T\(time).\(padded(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
