import PostgresNIO

extension ReplicaStoreError {
    /// What PostgresNIO threw, in the replica store's words: unreachable when
    /// retrying may help (no connection, a dropped one, a server that is
    /// starting, stopping, overloaded or chose this transaction as a
    /// deadlock's victim), refused when it cannot (authentication, a missing
    /// database, permissions, TLS the server does not offer). PSQLError's own
    /// description hides everything on purpose, so the server's SQLSTATE and
    /// message are quoted here; neither holds the password.
    static func from(_ error: any Error, location: PostgresLocation) -> ReplicaStoreError {
        if let error = error as? ReplicaStoreError { return error }
        if error is CancellationError { return .unreachable(location, "the operation was cancelled") }
        guard let error = error as? PSQLError else {
            return .unreachable(location, "\(error)")
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? "?????"
            let message = error.serverInfo?[.message] ?? "no message"
            let text = "\(message) (SQLSTATE \(state))"
            return isTransient(sqlState: state) ? .unreachable(location, text) : .refused(location, text)
        case .sslUnsupported:
            return .refused(location, "the server offers no TLS but sslmode=require asks for it")
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            return .refused(location, "authentication failed (\(error.code)); check the user and password")
        case .tooManyParameters:
            return .invalidArgument("a statement had more parameters than PostgreSQL accepts")
        default:
            let cause = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return .unreachable(location, cause)
        }
    }

    /// SQLSTATEs after which the same statement may succeed later:
    /// connection exceptions (08), insufficient resources (53), operator
    /// intervention such as a shutdown or a server still starting (57P),
    /// serialization failures and deadlocks (40001, 40P01).
    static func isTransient(sqlState: String) -> Bool {
        sqlState.hasPrefix("08") || sqlState.hasPrefix("53") || sqlState.hasPrefix("57P")
            || sqlState == "40001" || sqlState == "40P01"
    }
}
