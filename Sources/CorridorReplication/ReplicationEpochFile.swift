import Glibc
import SystemPackage

/// DATA_DIR/replication-epoch: the leader epoch this server holds or is
/// about to take, kept with its data, so that a primary restarted after a
/// follower took over is refused (its epoch is no longer the leader row's)
/// rather than appending as if nothing happened. One line, `EPOCH NODE`.
///
/// Written before the epoch is claimed in the replica store, never after:
/// a crash in between leaves a file naming an epoch the store may not hold,
/// which only makes the next claim compare against it; the other order
/// would leave a claimed epoch this server does not know, and a primary
/// that refuses itself.
struct ReplicationEpochFile {
    static let name = "replication-epoch"
    let directory: String
    var path: String { directory + "/" + Self.name }

    /// The epoch and node written last, or nil when there is no file.
    func read() throws(ReplicationSetupError) -> (epoch: UInt64, node: String)? {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        } catch Errno.noSuchFileOrDirectory {
            return nil
        } catch {
            throw ReplicationSetupError("cannot read \(path): \(error)")
        }
        defer { try? descriptor.close() }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count: Int
        do {
            count = try buffer.withUnsafeMutableBytes { try descriptor.read(into: $0) }
        } catch {
            throw ReplicationSetupError("cannot read \(path): \(error)")
        }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
        guard text.hasSuffix("\n"), let space = text.firstIndex(of: " "),
              let epoch = UInt64(text[..<space]), epoch > 0 else {
            throw ReplicationSetupError("\(path) is damaged (expected one line \"EPOCH NODE\"); if this server is not the primary, remove it and start with --follow")
        }
        return (epoch, String(text[text.index(after: space)...].dropLast()))
    }

    /// Replaces the file durably: a temporary file, fsync, rename, fsync of the directory.
    func write(epoch: UInt64, node: String) throws(ReplicationSetupError) {
        let temporary = path + ".tmp"
        let bytes = Array("\(epoch) \(node)\n".utf8)
        do {
            let descriptor = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .truncate, .closeOnExec], permissions: [.ownerReadWrite]
            )
            do {
                _ = try descriptor.writeAll(bytes)
                guard fsync(descriptor.rawValue) == 0 else { throw Errno(rawValue: errno) }
                try descriptor.close()
            } catch {
                try? descriptor.close()
                throw error
            }
            guard rename(temporary, path) == 0 else { throw Errno(rawValue: errno) }
            let directoryDescriptor = try FileDescriptor.open(directory, .readOnly, options: [.directory, .closeOnExec])
            defer { try? directoryDescriptor.close() }
            guard fsync(directoryDescriptor.rawValue) == 0 else { throw Errno(rawValue: errno) }
        } catch {
            throw ReplicationSetupError("cannot write \(path): \(error)")
        }
    }
}

/// Why replication cannot start or go on, for a person: corridord refuses
/// to start with it (exit status 78), or status shows it.
public struct ReplicationSetupError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
