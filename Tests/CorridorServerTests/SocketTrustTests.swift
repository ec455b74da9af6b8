import CorridorClient
import CorridorServer
import CorridorTestSupport
import CorridorWire
import Glibc
import Logging
import Testing

/// Issue 8, finding 3: the socket as an attack surface. The daemon listens
/// only in a directory nobody else controls; a client talks only to a
/// daemon run by root, by its own user, or by the corridor system user.
@Suite struct SocketTrustTests {
    // MARK: The directory policy, as a pure function

    private func problem(owner: UInt32, mode: UInt32, expected: UInt32 = 1000) -> String? {
        SocketDirectoryPolicy.problem(
            with: .init(ownerUID: owner, mode: mode), directory: "/tmp/corridor-1000", expectedOwners: [expected]
        )
    }

    @Test func ownPrivateOrRootOwnedUnwritableDirectoriesAreSafe() {
        #expect(problem(owner: 1000, mode: UInt32(S_IFDIR) | 0o700) == nil)
        #expect(problem(owner: 1000, mode: UInt32(S_IFDIR) | 0o750) == nil)
        #expect(problem(owner: 0, mode: UInt32(S_IFDIR) | 0o755) == nil)
    }

    @Test func anotherUsersDirectoryIsRefusedNamingOwnerAndMode() throws {
        // What the attack needs: /tmp/corridor-1000 made first by uid 1001, setgid to its group.
        let message = try #require(problem(owner: 1001, mode: UInt32(S_IFDIR) | 0o2770))
        #expect(message.contains("/tmp/corridor-1000"))
        #expect(message.contains("uid 1001"))
        #expect(message.contains("02770"))
    }

    @Test(arguments: [0o770, 0o720, 0o707, 0o777, 0o1777] as [UInt32])
    func aDirectoryOthersMayWriteIsRefused(permissions: UInt32) throws {
        for owner: UInt32 in [1000, 0] {
            let message = try #require(problem(owner: owner, mode: UInt32(S_IFDIR) | permissions))
            #expect(message.contains("writable by"))
            #expect(message.contains("0" + String(permissions, radix: 8)))
        }
    }

    @Test func aSymbolicLinkOrAFileIsRefused() {
        #expect(problem(owner: 1000, mode: UInt32(S_IFLNK) | 0o777)?.contains("symbolic link") == true)
        #expect(problem(owner: 1000, mode: UInt32(S_IFREG) | 0o600)?.contains("not a directory") == true)
    }

    // MARK: Who may listen, as a pure function

    @Test func rootTheCallerAndTheSystemUserAreTrustedNobodyElse() {
        #expect(ServerIdentity.isTrusted(peerUID: 0, ownUID: 1000, systemUserUID: 998))
        #expect(ServerIdentity.isTrusted(peerUID: 1000, ownUID: 1000, systemUserUID: 998))
        #expect(ServerIdentity.isTrusted(peerUID: 998, ownUID: 1000, systemUserUID: 998))
        #expect(!ServerIdentity.isTrusted(peerUID: 1001, ownUID: 1000, systemUserUID: 998))
        #expect(!ServerIdentity.isTrusted(peerUID: 1001, ownUID: 1000, systemUserUID: nil))
        #expect(!ServerIdentity.isTrusted(peerUID: 65534, ownUID: 0, systemUserUID: nil))
    }

    @Test func theRefusalNamesTheSocketAndThePeer() {
        let error = ServerIdentity.refusal(socketPath: "/tmp/corridor-1000/corridord.sock", peerUID: 1001, ownUID: 1000, systemUserUID: 998)
        #expect(error.code == .permissionDenied)
        #expect(error.message.contains("/tmp/corridor-1000/corridord.sock"))
        #expect(error.message.contains("uid 1001"))
        #expect(error.message.contains("uid 1000"))
        #expect(error.message.contains("uid 998"))
    }

    @Test func aNormalConnectionPassesThePeerCheck() async throws {
        try await withTestServer { server in
            let client = try await server.connectClient()
            #expect(try await client.ping(payload: [9]) == [9])
            await client.close()
        }
    }

    // MARK: The daemon's side, in process

    private static func scratch() throws -> String {
        try TemporaryDirectory().path
    }

    private static func startServer(socket: String, mode: mode_t = 0o660) async throws -> CorridorServer {
        var configuration = ServerConfiguration(socketPath: socket, dataDirectory: "/nonexistent")
        configuration.socketMode = mode
        let server = CorridorServer(configuration: configuration, logger: Logger(label: "socket-trust-test") { _ in SwiftLogNoOpLogHandler() })
        try await server.start()
        return server
    }

    private static func remove(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if status.st_mode & S_IFMT == S_IFDIR {
            if let entries = opendir(path) {
                while let entry = readdir(entries) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                    if name != "." && name != ".." { remove(path + "/" + name) }
                }
                closedir(entries)
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    @Test func aGroupOrWorldWritableSocketDirectoryIsRefusedAtStart() async throws {
        let scratch = try Self.scratch()
        defer { Self.remove(scratch) }
        let directory = scratch + "/shared"
        #expect(mkdir(directory, 0o700) == 0)
        #expect(chmod(directory, 0o1777) == 0)
        do {
            let server = try await Self.startServer(socket: directory + "/d.sock")
            await server.shutdownGracefully()
            Issue.record("the server listened in a world-writable directory")
        } catch {
            let message = "\(error)"
            #expect(message.contains(directory), "\(message)")
            #expect(message.contains("01777"), "\(message)")
            #expect(message.contains("owner uid \(geteuid())"), "\(message)")
        }
        #expect(access(directory + "/d.sock", F_OK) != 0)
    }

    @Test func aSymbolicLinkAsSocketDirectoryIsRefusedAtStart() async throws {
        let scratch = try Self.scratch()
        defer { Self.remove(scratch) }
        #expect(mkdir(scratch + "/real", 0o700) == 0)
        #expect(symlink(scratch + "/real", scratch + "/link") == 0)
        await #expect(throws: (any Error).self) {
            let server = try await Self.startServer(socket: scratch + "/link/d.sock")
            await server.shutdownGracefully()
        }
        #expect(access(scratch + "/real/d.sock", F_OK) != 0)
    }

    @Test(arguments: [(0o660, 0o750), (0o600, 0o700)] as [(mode_t, mode_t)])
    func aMissingSocketDirectoryIsCreatedPrivate(socketMode: mode_t, directoryMode: mode_t) async throws {
        let scratch = try Self.scratch()
        defer { Self.remove(scratch) }
        let directory = scratch + "/run/corridor"
        let server = try await Self.startServer(socket: directory + "/d.sock", mode: socketMode)
        var status = stat()
        #expect(lstat(directory, &status) == 0)
        #expect(status.st_mode & 0o7777 == directoryMode)
        #expect(status.st_uid == geteuid())
        await server.shutdownGracefully()
    }
}
