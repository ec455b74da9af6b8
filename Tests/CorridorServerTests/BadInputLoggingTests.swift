import CorridorServer
import CorridorWire
import Logging
import Testing

extension ServerTests {
    /// What the server tells its operator about each bad input it logs: one
    /// line, at notice or above, per incident. (Inputs it only answers on the
    /// wire, without logging anything: an empty frame, a server-only frame
    /// kind, a call before hello, a second hello, a call on stream 0, an
    /// unknown method, a request payload that does not decode; a Cancel for a
    /// stream with no call is silently ignored.)
    @Suite("Logging of bad input")
    struct BadInputLogging {
        enum BadInput: String, CaseIterable, Sendable {
            case oversizedFrame, invalidFrameBody, truncatedFrame, otherMajorVersion, reusedStreamID, silentThroughKeepalive

            var expectedLevel: Logger.Level {
                switch self {
                case .oversizedFrame, .invalidFrameBody, .reusedStreamID: .warning
                case .truncatedFrame, .otherMajorVersion, .silentThroughKeepalive: .notice
                }
            }

            /// A phrase of the line the server writes, enough to tell it from the others.
            var expectedPhrase: String {
                switch self {
                case .oversizedFrame: "over the size limit"
                case .invalidFrameBody: "not a valid corridor.v1.Frame"
                case .truncatedFrame: "in the middle of a frame"
                case .otherMajorVersion: "another protocol major version"
                case .reusedStreamID: "reused the stream id of a call in flight"
                case .silentThroughKeepalive: "keepalive"
                }
            }

            var limits: ServerLimits {
                .with {
                    $0.maxFrameBytes = 4096
                    if self == .silentThroughKeepalive { $0.keepaliveIntervalMilliseconds = 200 }
                }
            }

            /// Sends the bad input and reads the server's answer to it.
            func provoke(_ connection: RawConnection, methods: TestMethods) async throws {
                switch self {
                case .oversizedFrame:
                    try await connection.hello()
                    try await connection.send(bytes: [0x00, 0x00, 0x20, 0x00, 0x08, 0x05] + [UInt8](repeating: 0, count: 8190))
                    try await connection.expectStatus(.resourceExhausted, on: 5)
                case .invalidFrameBody:
                    try await connection.hello()
                    try await connection.send(bytes: [0, 0, 0, 8] + [UInt8](repeating: 0xFF, count: 8))
                    try await connection.expectStatus(.invalidArgument, on: 0)
                    try await connection.expectClosed()
                case .truncatedFrame:
                    try await connection.hello()
                    try await connection.send(bytes: [0, 0, 0, 50, 0x08])
                    connection.shutdownWriting()
                    try await connection.expectClosed()
                case .otherMajorVersion:
                    try await connection.send(Frame(streamID: 0, .hello(Hello(version: ProtocolVersion(major: 2, minor: 0), clientName: "future"))))
                    try await connection.expectStatus(.failedPrecondition, on: 0)
                    try await connection.expectClosed()
                case .reusedStreamID:
                    try await connection.hello()
                    try await connection.startCall(TestMethod.untilCancelled, on: 3, requestID: "on-3")
                    try await methods.started("on-3")
                    try await connection.send(.ping(on: 3, payload: []))
                    try await connection.expectStatus(.invalidArgument, on: 0)
                    try await connection.expectClosed()
                case .silentThroughKeepalive:
                    try await connection.hello()
                    _ = try await connection.readFrame()  // the keepalive Ping, left unanswered
                    try await connection.expectClosed()
                }
            }
        }

        @Test("Each logged bad input produces exactly one line at notice or above", arguments: BadInput.allCases)
        func oneLinePerBadInput(input: BadInput) async throws {
            let methods = TestMethods()
            try await withTestServer(limits: input.limits, methods: methods.router) { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await input.provoke(connection, methods: methods)
                // Some lines are written as the connection closes, after our read saw the end.
                do {
                    try await server.log.first("the log line about \(input)", within: .seconds(10)) { $0.message.contains(input.expectedPhrase) }
                } catch {
                    Issue.record("\(error); the server logged: \(server.logLines)")
                    throw error
                }
                if input == .reusedStreamID {
                    // Plus, at info, the call it ended: not an extra report of the fault.
                    let ended = try await server.log.first("the line about calls ended by the close") {
                        $0.message.contains("calls in flight")
                    }
                    #expect(ended.level == .info)
                    #expect(ended.metadata["calls"] == "1")
                }
                connection.close()
                // Everything the connection logs is logged by the time the server has stopped.
                await server.shutdownGracefully()

                let lines = server.noticeableLogLines
                #expect(lines.count == 1, "\(lines)")
                #expect(lines.first?.message.contains(input.expectedPhrase) == true)
                #expect(lines.first?.level == input.expectedLevel)
            }
        }
    }
}
