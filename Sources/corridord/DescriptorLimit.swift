import Glibc
import Logging

/// Every client connection holds a descriptor, so the soft RLIMIT_NOFILE
/// (often 1024) is the most clients the daemon can serve at once. It is
/// raised to the hard limit at start, as servers do; the unit sets both
/// (LimitNOFILE=) because its system-call filter forbids setrlimit.
enum DescriptorLimit {
    static func raiseToHardLimit(logger: Logger) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else {
            logger.warning("cannot read the descriptor limit", metadata: ["error": "\(String(cString: strerror(errno)))"])
            return
        }
        let soft = limit.rlim_cur
        if soft < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 {
                logger.info("raised the descriptor limit to the hard limit", metadata: [
                    "descriptorLimit": "\(raised.rlim_cur)", "previous": "\(soft)",
                ])
                return
            }
            logger.warning("cannot raise the descriptor limit; clients beyond it wait until others leave", metadata: [
                "descriptorLimit": "\(soft)", "hardLimit": "\(limit.rlim_max)", "error": "\(String(cString: strerror(errno)))",
            ])
            return
        }
        logger.info("descriptor limit", metadata: ["descriptorLimit": "\(soft)"])
    }
}
