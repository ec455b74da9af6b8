import ArgumentParser
import CorridorModel
import CorridorPrivacy
import CorridorStore
import CorridorWire
import Foundation

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Read a data directory's event log and snapshots directly, without the daemon.",
        discussion: """
            Opens DIR read-only and takes no lock, so it is safe while corridord runs: segment files are \
            mapped read-only and the lock corridord holds on DIR itself is only probed, to tell whether it runs. Run it as the \
            user that owns the directory (corridor under systemd) or as root.
            """,
        subcommands: [InspectVerifyCommand.self, InspectDumpCommand.self, InspectStatsCommand.self, InspectTailCommand.self, InspectAuditCommand.self]
    )
}

/// The DIR argument every inspect subcommand takes.
struct DataDirectoryArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The data directory, e.g. /var/lib/corridor under systemd.", valueName: "dir"))
    var directory: String

    @Option(name: .customLong("key-file"), help: ArgumentHelp(
        "The key file (corridord's --key-file): personal parts are shown opened, or erased, instead of as ciphertext.",
        valueName: "file"
    ))
    var keyFile: String?

    /// The key file and the directory's key store, read only; nil without --key-file.
    func vault() throws -> PersonalDataVault? {
        guard let keyFile else { return nil }
        do {
            return try PersonalDataVault.openReadOnly(keyFile: keyFile, dataDirectory: directory)
        } catch {
            throw InspectFailure(error.description)
        }
    }

    func inspector() throws -> DataDirectoryInspector {
        do {
            return try DataDirectoryInspector(directory: directory)
        } catch {
            throw InspectFailure(error.description)
        }
    }
}

/// Why an inspect subcommand failed: printed as "Error: …" on stderr. Damage
/// found is DATA_LOSS (exit status 15); a directory that cannot be read has no
/// code of its own (UNKNOWN, exit status 1).
struct InspectFailure: Error, CustomStringConvertible {
    let description: String
    let code: StatusCode
    init(_ description: String, code: StatusCode = .unknown) {
        self.description = description
        self.code = code
    }
}

/// Findings met while reading records (dump, tail): on stderr, so that they
/// never mix into the records on stdout. With --json each is one
/// InspectFinding per line, so that every line of stderr is JSON (the
/// CliError of a failure comes last).
func reportFindings(_ findings: some Collection<InspectionFinding>, json: Bool) {
    for finding in findings {
        let line = json ? InspectVerifyCommand.finding(finding).jsonText() : "\(finding.severity.rawValue): \(finding)"
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// How `--json` shows whether corridord holds the directory: cli.proto's DirectoryLock.
func lockMessage(_ lock: DataDirectoryLockState) -> Corridor_V1_DirectoryLock {
    switch lock {
    case .free: Corridor_V1_DirectoryLock(state: "free", pid: 0, detail: "")
    case .held(let pid): Corridor_V1_DirectoryLock(state: "held", pid: pid.map { UInt32(clamping: $0) } ?? 0, detail: "")
    case .unknown(let reason): Corridor_V1_DirectoryLock(state: "unknown", pid: 0, detail: reason)
    }
}

/// Text formats shared by the inspect subcommands.
enum InspectFormat {
    /// ISO 8601 in UTC with milliseconds, e.g. 2026-11-21T09:12:26.646Z:
    /// computed from the integer nanoseconds (no rounding through Double),
    /// and cheap enough for a dump of millions of records.
    static func timestamp(nanoseconds: UInt64) -> String {
        var seconds = time_t(nanoseconds / 1_000_000_000)
        let milliseconds = Int(nanoseconds / 1_000_000 % 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return padded(Int(parts.tm_year) + 1900, 4) + "-" + padded(Int(parts.tm_mon) + 1, 2) + "-" + padded(Int(parts.tm_mday), 2)
            + "T" + padded(Int(parts.tm_hour), 2) + ":" + padded(Int(parts.tm_min), 2) + ":" + padded(Int(parts.tm_sec), 2)
            + "." + padded(milliseconds, 3) + "Z"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// 120431 → "120,431".
    static func grouped(_ value: some BinaryInteger) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// "1 segment", "3 segments", "120,431 records".
    static func counted(_ value: some BinaryInteger, _ noun: String) -> String {
        "\(grouped(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    /// 66_584 → "65.0 KiB".
    static func bytes(_ value: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024 && unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) bytes" : String(format: "%.1f %@", amount, units[unit])
    }

    /// "1-120431", or "-" when there is nothing.
    static func sequences(_ first: UInt64?, _ last: UInt64?) -> String {
        guard let first, let last, first <= last else { return "-" }
        return "\(first)-\(last)"
    }

    /// The record type's name, e.g. case_registered; nil for a type this corridorctl does not know.
    static func typeName(_ type: UInt16) -> String? {
        EventKind.namesByRecordType[type]
    }

    /// `--type` values: names (case_registered, or case-registered in any
    /// case) or numbers. An unknown name lists the valid ones.
    static func recordTypes(_ arguments: [String]) throws -> Set<UInt16>? {
        guard !arguments.isEmpty else { return nil }
        let byName = Dictionary(uniqueKeysWithValues: EventKind.namesByRecordType.map { ($0.value, $0.key) })
        var types = Set<UInt16>()
        for argument in arguments {
            if let number = UInt16(argument) {
                types.insert(number)
            } else if let type = byName[argument.lowercased().replacingOccurrences(of: "-", with: "_")] {
                types.insert(type)
            } else {
                let valid = EventKind.namesByRecordType.sorted { $0.key < $1.key }.map { "\($0.value) (\($0.key))" }
                throw ValidationError("Unknown record type '\(argument)'. Valid types are \(valid.joined(separator: ", ")), or any type number.")
            }
        }
        return types
    }
}
