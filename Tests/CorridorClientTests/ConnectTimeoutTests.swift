import CorridorClient
import CorridorTestSupport
import Foundation
import Testing

/// `ClientConfiguration.connectTimeout` bounds connecting and the hello, to
/// the nanosecond (it was once cut to whole seconds, so 250 ms was none at all).
@Suite struct ConnectTimeoutTests {
    @Test func aSubSecondConnectTimeoutEndsAHelloThatNeverComes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("s.sock")
        let listener = try HelloRefusalTests.listeningSocket(at: path)
        defer { close(listener) }
        var configuration = ClientConfiguration()
        configuration.connectTimeout = .milliseconds(250)
        // The bound only keeps a broken timeout from hanging the suite; the
        // assertion is on the status.
        let failure = try await withSafetyTimeout(.seconds(30), waitingFor: "the 250 ms connect timeout") { [configuration] () async -> RPCError? in
            do throws(RPCError) {
                let client = try await CorridorClient.connect(to: path, configuration: configuration)
                await client.close()
                return nil
            } catch {
                return error
            }
        }
        let error = try #require(failure, "connected to a socket that never answers the hello")
        #expect(error.code == .deadlineExceeded, "\(error)")
        // The bound the client applied, not the one it was given: a whole-seconds
        // cut would apply, and name, a bound of zero.
        #expect(error.message.contains("did not answer the hello within 250 ms"), "\(error.message)")
    }
}
