import CorridorWire
import Glibc
import NIOCore

/// Who may be at the other end of a Corridor socket. A client sends
/// personal data (names, birth dates, identity numbers, clinical notes), so
/// it talks only to a daemon run by root, by the caller's own user (a daemon
/// started by hand, `make run`), or by the `corridor` system user the
/// packaged service runs as (systemd/corridor.sysusers). Anyone else
/// listening there has put a socket where the daemon's should be.
public enum ServerIdentity {
    /// The system user of the packaged daemon.
    public static let systemUserName = "corridor"

    /// Whether a server whose process runs as `peerUID` may be trusted by a
    /// caller running as `ownUID`. Pure, so that it can be tested without
    /// other users.
    public static func isTrusted(peerUID: UInt32, ownUID: UInt32, systemUserUID: UInt32?) -> Bool {
        peerUID == 0 || peerUID == ownUID || peerUID == systemUserUID
    }

    /// The refusal a client gives for an untrusted server.
    public static func refusal(socketPath: String, peerUID: UInt32, ownUID: UInt32, systemUserUID: UInt32?) -> RPCError {
        let systemUser = systemUserUID.map { "the \(systemUserName) user (uid \($0))" } ?? "the \(systemUserName) user (none on this system)"
        return RPCError(
            .permissionDenied,
            "refusing to talk to \(socketPath): the process listening there runs as uid \(peerUID), which is neither root, "
                + "you (uid \(ownUID)), nor \(systemUser); someone else may have put a socket where corridord's should be"
        )
    }

    /// The uid of the `corridor` user, from the user database; nil when there is none.
    public static func systemUserUID() -> UInt32? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let status = buffer.withUnsafeMutableBufferPointer { storage -> Int32 in
            guard let base = storage.baseAddress else { return ERANGE }
            return getpwnam_r(systemUserName, &entry, base, storage.count, &result)
        }
        guard status == 0, result != nil else { return nil }
        return entry.pw_uid
    }

    /// The uid of the process at the other end of a connected AF_UNIX
    /// channel (SO_PEERCRED: the credentials it had when it called listen).
    static func peerUID(of channel: any Channel) -> EventLoopFuture<UInt32> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(RPCError(.internal, "the connection offers no peer credentials"))
        }
        return provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
        ).map { (credentials: PeerCredentialsLayout) in credentials.uid }
    }
}

/// Reads the server's uid the moment the connection is up, before any byte
/// of the server's is read: a server that answers the hello with a refusal
/// and closes must not take the descriptor, and with it the answer to "who
/// is this", away first.
final class PeerUIDReader: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let peer: EventLoopPromise<UInt32>

    init(peer: EventLoopPromise<UInt32>) {
        self.peer = peer
    }

    func channelActive(context: ChannelHandlerContext) {
        // On the channel's event loop, this completes before it returns.
        ServerIdentity.peerUID(of: context.channel).cascade(to: peer)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }
}

/// `struct ucred` of socket(7), which Glibc's module map leaves out (it needs _GNU_SOURCE).
struct PeerCredentialsLayout {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
