@testable import CorridorStore
import Foundation
import Glibc

// The power-loss model (SQLite's crash tests, FoundationDB's simulation):
// a store's writes are pending until a sync makes them durable. What an
// msync covers is durable with the content it had then, a file's fdatasync or
// fsync makes all of it durable, and a name (created, linked, renamed,
// removed) is durable only once its directory is fsynced. A power cut keeps
// everything durable and any part of what is pending, down to 512-byte
// sectors. The recorder keeps the durable side as the store's events come;
// `CrashState` is what a cut at one moment could leave to choose from.

/// What a directory entry names: a file (by inode) or a directory.
enum PowerLossNode: Hashable, Sendable {
    case file(inode: UInt64)
    case directory
}

/// A change to a directory that is durable only once the directory is synced.
enum NamespaceChange: Sendable {
    case add(name: String, node: PowerLossNode)
    case remove(name: String)
    case rename(from: String, to: String, node: PowerLossNode)

    func apply(to names: inout [String: PowerLossNode]) {
        switch self {
        case .add(let name, let node):
            names[name] = node
        case .remove(let name):
            names[name] = nil
        case .rename(let from, let to, let node):
            names[from] = nil
            names[to] = node
        }
    }
}

/// A file's bytes on the disk (`durable`) and in the page cache (`current`)
/// at the moment of a crash.
struct FileContents: Sendable {
    var durable: [UInt8]
    var current: [UInt8]
}

/// Everything a power cut at one moment could leave: the durable names and
/// bytes, and what was still pending. Relative paths from the data directory.
struct CrashState: Sendable {
    /// Which kind of moment this is (for the counts printed per run).
    let kind: String
    /// Log records acknowledged before the cut: each must survive it.
    let acknowledgedRecords: UInt64
    /// What the scenario had acknowledged besides records (a snapshot's
    /// sequence, keys added or removed), checked by the scenario.
    let acknowledgedContext: [String: UInt64]
    let durableNames: [String: PowerLossNode]
    /// Name changes not yet durable, per directory, in the order they were made.
    let pendingChanges: [String: [NamespaceChange]]
    let files: [UInt64: FileContents]

    /// Whether a power cut here could leave anything but the durable state:
    /// without, one image shows all it can.
    var hasPending: Bool {
        pendingChanges.values.contains { !$0.isEmpty } || files.values.contains { $0.durable != $0.current }
    }
}

/// Records a store's durability events (`DurabilityObserver`) under `root`
/// and captures `CrashState`s: after every event (so just before the next
/// one too), and whenever the scenario asks (after an acknowledgement).
final class PowerLossRecorder: DurabilityObserver, @unchecked Sendable {
    let root: String
    private let lock = NSLock()
    private var durableNames: [String: PowerLossNode] = [:]
    private var pendingChanges: [String: [NamespaceChange]] = [:]
    private var durableBytes: [UInt64: [UInt8]] = [:]
    private var states: [CrashState] = []
    private var acknowledgedRecords: UInt64 = 0
    private var acknowledgedContext: [String: UInt64] = [:]
    /// What the scenario is doing, naming the crash points it leads to.
    private var phase = "setup"
    private var capturing = false
    private(set) var events = 0

    /// Starts with `root` as it is now, all of it durable.
    init(root: String) {
        self.root = root
        for (name, node) in Self.walk(root) {
            durableNames[name] = node
            if case .file(let inode) = node { durableBytes[inode] = Self.read(root + "/" + name) }
        }
    }

    /// Starts capturing crash states (setup before it is taken as it is).
    func startCapturing() { locked { capturing = true } }

    func setPhase(_ phase: String) { locked { self.phase = phase } }

    /// Records `through` as acknowledged and captures the moment after it.
    func acknowledge(records through: UInt64) {
        locked {
            acknowledgedRecords = max(acknowledgedRecords, through)
            captureLocked(kind: "after an acknowledged append")
        }
    }

    /// Records a scenario's own acknowledgement (a snapshot, a key), and captures the moment after it.
    func acknowledge(_ key: String, _ value: UInt64, kind: String) {
        locked {
            acknowledgedContext[key] = value
            captureLocked(kind: kind)
        }
    }

    var crashStates: [CrashState] { locked { states } }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    func observe(_ event: DurabilityEvent) {
        locked {
            events += 1
            let kind: String
            switch event {
            case .synchronizingRange(let path, let range):
                guard let name = relative(path) else { return }
                kind = range.lowerBound < SegmentFormat.headerSize
                    ? "\(phase): header written, its msync not returned (\(Self.category(name)))"
                    : "\(phase): records written, their msync not returned (\(Self.category(name)))"
            case .synchronizedRange(let path, let range):
                guard let name = relative(path), let inode = Self.inode(path) else { return }
                let current = Self.read(path)
                var durable = durableBytes[inode] ?? []
                if durable.count < current.count { durable += [UInt8](repeating: 0, count: current.count - durable.count) }
                let start = range.lowerBound / CrashImage.pageSize * CrashImage.pageSize
                let end = min(current.count, (range.upperBound + CrashImage.pageSize - 1) / CrashImage.pageSize * CrashImage.pageSize)
                if start < end { durable.replaceSubrange(start..<end, with: current[start..<end]) }
                durableBytes[inode] = durable
                kind = range.lowerBound < SegmentFormat.headerSize
                    ? "\(phase): header msynced (\(Self.category(name)))"
                    : "\(phase): records msynced, watermark not yet (\(Self.category(name)))"
            case .synchronizingFile(let path):
                guard let name = relative(path) else { return }
                kind = "\(phase): written, its sync not returned (\(Self.category(name)))"
            case .synchronizedFile(let path):
                guard let name = relative(path), let inode = Self.inode(path) else { return }
                durableBytes[inode] = Self.read(path)
                kind = "\(phase): file synced (\(Self.category(name)))"
            case .synchronizedDirectory(let path):
                guard let name = relative(path) else { return }
                for change in pendingChanges[name] ?? [] { change.apply(to: &durableNames) }
                pendingChanges[name] = nil
                kind = "\(phase): directory synced (\(Self.category(name + "/")))"
            case .created(let path):
                guard let name = relative(path) else { return }
                var status = stat()
                guard stat(path, &status) == 0 else { return }
                let node: PowerLossNode
                if status.st_mode & S_IFMT == S_IFDIR {
                    node = .directory
                } else {
                    node = .file(inode: UInt64(status.st_ino))
                    durableBytes[UInt64(status.st_ino)] = durableBytes[UInt64(status.st_ino)] ?? []
                }
                pendingChanges[Self.parent(name), default: []].append(.add(name: name, node: node))
                kind = "\(phase): created, not yet in a synced directory (\(Self.category(name)))"
            case .linked(_, let to):
                guard let name = relative(to), let inode = Self.inode(to) else { return }
                pendingChanges[Self.parent(name), default: []].append(.add(name: name, node: .file(inode: inode)))
                kind = "\(phase): linked, not yet in a synced directory (\(Self.category(name)))"
            case .renamed(let from, let to):
                guard let fromName = relative(from), let name = relative(to), let inode = Self.inode(to) else { return }
                pendingChanges[Self.parent(name), default: []].append(.rename(from: fromName, to: name, node: .file(inode: inode)))
                kind = "\(phase): renamed, not yet in a synced directory (\(Self.category(name)))"
            case .removed(let path):
                guard let name = relative(path) else { return }
                pendingChanges[Self.parent(name), default: []].append(.remove(name: name))
                kind = "\(phase): removed, not yet in a synced directory (\(Self.category(name)))"
            case .resized(let path, _):
                guard let name = relative(path) else { return }
                kind = "\(phase): resized, size not yet synced (\(Self.category(name)))"
            }
            captureLocked(kind: kind)
        }
    }

    /// The moment as it is: durable side from the model, pending side from the files as they are.
    private func captureLocked(kind: String) {
        guard capturing else { return }
        var files: [UInt64: FileContents] = [:]
        for (name, node) in Self.walk(root) {
            guard case .file(let inode) = node else { continue }
            files[inode] = FileContents(durable: durableBytes[inode] ?? [], current: Self.read(root + "/" + name))
        }
        // Files no longer under any name (removed) keep what is durable of them.
        for (inode, durable) in durableBytes where files[inode] == nil {
            files[inode] = FileContents(durable: durable, current: durable)
        }
        states.append(CrashState(
            kind: kind, acknowledgedRecords: acknowledgedRecords, acknowledgedContext: acknowledgedContext,
            durableNames: durableNames, pendingChanges: pendingChanges, files: files
        ))
    }

    private func relative(_ path: String) -> String? {
        if path == root { return "" }
        guard path.hasPrefix(root + "/") else { return nil }
        return String(path.dropFirst(root.count + 1))
    }

    /// Which part of the data directory a name is, for the counts per kind.
    static func category(_ name: String) -> String {
        if name.hasPrefix("segments/") { return name.hasSuffix(".tmp") ? "segment being created" : "segment" }
        if name.hasPrefix("snapshots/") { return "snapshot" }
        if name.hasPrefix("personal-keys") { return "key store" }
        if name.hasPrefix("quarantine/") { return "quarantine" }
        return "data directory"
    }

    static func parent(_ name: String) -> String {
        guard let slash = name.lastIndex(of: "/") else { return "" }
        return String(name[..<slash])
    }

    static func inode(_ path: String) -> UInt64? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return UInt64(status.st_ino)
    }

    static func read(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
    }

    /// Every name under `root`, relative, with what it names.
    static func walk(_ root: String) -> [String: PowerLossNode] {
        var names: [String: PowerLossNode] = [:]
        var directories = [""]
        while let directory = directories.popLast() {
            let path = directory.isEmpty ? root : root + "/" + directory
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                let name = directory.isEmpty ? entry : directory + "/" + entry
                var status = stat()
                guard lstat(root + "/" + name, &status) == 0 else { continue }
                if status.st_mode & S_IFMT == S_IFDIR {
                    names[name] = .directory
                    directories.append(name)
                } else if status.st_mode & S_IFMT == S_IFREG {
                    names[name] = .file(inode: UInt64(status.st_ino))
                }
            }
        }
        return names
    }
}
