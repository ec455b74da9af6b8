import CorridorClient

extension ClientConfiguration {
    /// What every test client connects with: the connect timeout and every
    /// call's timeout (the typed calls' defaults of 10 and 30 s included)
    /// stretched by `TestDeadline.factor`, so that a sanitized run on a busy
    /// machine does not turn a slow answer into DEADLINE_EXCEEDED. Unchanged
    /// (factor 1) in `make test`.
    public static var forTests: ClientConfiguration {
        var configuration = ClientConfiguration()
        configuration.connectTimeout = TestDeadline.scaled(configuration.connectTimeout)
        configuration.callTimeoutScale = TestDeadline.factor
        return configuration
    }
}
