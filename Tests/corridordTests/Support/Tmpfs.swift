import CorridorTestSupport
import Foundation
import Glibc
import Testing

/// A real small file system for the fault tests: a tmpfs of a given size,
/// mounted on a fresh directory (tests run as root in CI), remounted
/// read-only or read-write on demand, and unmounted by `remove()`.
struct Tmpfs {
    static var canMount: Bool { geteuid() == 0 }

    let path: String

    static func mount(size: String) async throws -> Tmpfs {
        let path = try makeTemporaryDirectory()
        let mounted = try await TestProcess.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", path], combiningOutput: true)
        guard mounted.status == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw DaemonTestError("mount -t tmpfs on \(path) failed: \(mounted.output)")
        }
        return Tmpfs(path: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Remounts read-only (`true`) or read-write. Refused by the kernel while
    /// a file is open for writing on it: only for a daemon that has stopped.
    func remount(readOnly: Bool) async throws {
        let result = try await TestProcess.run(
            "/usr/bin/mount", ["-o", "remount," + (readOnly ? "ro" : "rw"), path], combiningOutput: true
        )
        guard result.status == 0 else { throw DaemonTestError("remount \(readOnly ? "ro" : "rw") of \(path) failed: \(result.output)") }
    }

    /// Fills the file system with `name` until a write fails with ENOSPC;
    /// returns its path (delete it to give the space back).
    func fill(_ name: String) throws -> String {
        let path = file(name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DaemonTestError("cannot create \(path): errno \(errno)") }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0xBA, count: 4096)
        while true {
            let written = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                guard errno == ENOSPC else { throw DaemonTestError("filling \(path): errno \(errno)") }
                return path
            }
            if written < chunk.count { return path }
        }
    }

    /// Unmounts (lazily if busy, so that a failed test does not leave a
    /// mount behind) and removes the mount point.
    func remove() async {
        let result = try? await TestProcess.run("/usr/bin/umount", [path], combiningOutput: true)
        if result?.status != 0 {
            _ = try? await TestProcess.run("/usr/bin/umount", ["-l", path])
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}
