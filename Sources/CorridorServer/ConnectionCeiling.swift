import Logging
import NIOCore

/// Stops accepting while `ceiling` connections are open, and accepts again
/// when one closes. Without it a flood of clients takes every descriptor,
/// and the daemon itself can then open nothing: not a new log segment, not a
/// snapshot, not the socket sd_notify needs for the watchdog's WATCHDOG=1,
/// so systemd would kill a daemon that is merely busy. The clients beyond
/// the ceiling wait in the listen backlog, as they would for a slow accept.
final class ConnectionCeiling: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel
    typealias OutboundIn = any Channel

    /// The connections a descriptor limit allows: a quarter of it, at most
    /// 256, stays for the daemon's own files and sockets.
    static func ceiling(descriptorLimit: Int) -> (ceiling: Int, reserve: Int) {
        let reserve = min(256, max(1, descriptorLimit / 4))
        return (max(1, descriptorLimit - reserve), reserve)
    }

    private let ceiling: Int
    private let reserve: Int
    private let descriptorLimit: Int
    private let openConnections: @Sendable () -> Int
    private let logger: Logger
    private var context: ChannelHandlerContext?
    /// A read was held back at the ceiling; the next close releases it.
    private var readHeldBack = false

    init(descriptorLimit: Int, openConnections: @escaping @Sendable () -> Int, logger: Logger) {
        (ceiling, reserve) = Self.ceiling(descriptorLimit: descriptorLimit)
        self.descriptorLimit = descriptorLimit
        self.openConnections = openConnections
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func read(context: ChannelHandlerContext) {
        guard openConnections() >= ceiling else {
            context.read()
            return
        }
        if !readHeldBack {
            readHeldBack = true
            logger.warning("accept paused: \(ceiling) connections are open, the most the descriptor limit allows while keeping \(reserve) for the daemon's own files; new clients wait until one closes", metadata: [
                "connections": "\(openConnections())", "descriptorLimit": "\(descriptorLimit)",
            ])
        }
    }

    /// On the listening channel's event loop, after a connection closed.
    func connectionClosed() {
        guard readHeldBack, let context, openConnections() < ceiling else { return }
        readHeldBack = false
        logger.notice("accepting connections again", metadata: ["connections": "\(openConnections())"])
        context.read()
    }
}
