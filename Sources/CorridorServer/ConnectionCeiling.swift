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
    private let logger: Logger
    /// Accepted and not yet closed, counted here on the listener's event loop
    /// as each one is accepted: a count kept by the connections themselves
    /// lags behind a burst of accepts while their event loops are busy.
    private var open = 0
    /// A read was held back at the ceiling; the next close releases it.
    private var readHeldBack = false

    init(descriptorLimit: Int, logger: Logger) {
        (ceiling, reserve) = Self.ceiling(descriptorLimit: descriptorLimit)
        self.descriptorLimit = descriptorLimit
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let connection = unwrapInboundIn(data)
        open += 1
        let gate = NIOLoopBound(self, eventLoop: context.eventLoop)
        let listener = NIOLoopBound(context, eventLoop: context.eventLoop)
        connection.closeFuture.whenComplete { _ in
            gate.eventLoop.execute { gate.value.connectionClosed(context: listener.value) }
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        guard open >= ceiling else {
            context.read()
            return
        }
        if !readHeldBack {
            readHeldBack = true
            logger.warning("accept paused: \(ceiling) connections are open, the most the descriptor limit allows while keeping \(reserve) for the daemon's own files; new clients wait until one closes", metadata: [
                "connections": "\(open)", "descriptorLimit": "\(descriptorLimit)",
            ])
        }
    }

    private func connectionClosed(context: ChannelHandlerContext) {
        open -= 1
        guard readHeldBack, open < ceiling else { return }
        readHeldBack = false
        logger.notice("accepting connections again", metadata: ["connections": "\(open)"])
        context.read()
    }
}
