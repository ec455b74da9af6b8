import Glibc
import Logging
import NIOCore

/// Out of descriptors, accept(2) fails at once and the listening socket
/// stays readable: retried at once, it spins a core and logs nothing while
/// clients time out. NIO's AcceptBackoffHandler pauses accepting after such
/// a failure (ServerBootstrap installs it only on its async bind path, not
/// on the one the server uses, so the server adds it); this handler, after
/// it in the pipeline, says so once per episode rather than per failure,
/// and once more when accepting works again.
final class AcceptPauseLogging: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    /// How long to wait before accepting again after running out of descriptors.
    static let pause = TimeAmount.milliseconds(100)

    private let logger: Logger
    /// Failed accepts in the current episode; nil while accepting works.
    private var failuresWhilePaused: Int?

    init(logger: Logger) {
        self.logger = logger
    }

    /// The back-off NIO's handler asks for after an accept error: a pause for
    /// exhausted descriptors or memory, none for errors one retry clears
    /// (ECONNABORTED: the client gave up while queued).
    static func backoff(after error: IOError) -> TimeAmount? {
        switch error.errnoCode {
        case EMFILE, ENFILE, ENOBUFS, ENOMEM: pause
        default: nil
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? IOError, Self.backoff(after: error) != nil else {
            context.fireErrorCaught(error)
            return
        }
        if let failures = failuresWhilePaused {
            failuresWhilePaused = failures + 1
            return
        }
        failuresWhilePaused = 1
        var limit = rlimit()
        let descriptorLimit = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 ? "\(limit.rlim_cur)" : "unknown"
        logger.warning("accept paused: no descriptor for a new connection; retrying every \(Self.pause.nanoseconds / 1_000_000) ms until connections close", metadata: [
            "error": "\(error.description)", "descriptorLimit": "\(descriptorLimit)",
        ])
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if let failures = failuresWhilePaused {
            failuresWhilePaused = nil
            logger.notice("accepting connections again", metadata: ["failedAccepts": "\(failures)"])
        }
        context.fireChannelRead(data)
    }
}
