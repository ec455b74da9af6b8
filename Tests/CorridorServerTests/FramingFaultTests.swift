import CorridorClient
import CorridorServer
import CorridorWire
import NIOCore
import Testing
import CorridorTestSupport

extension ServerTests {
    /// Bytes that are not well-formed frames: what the server answers, and that
    /// the connection (or, when it must close, every other connection) goes on.
    @Suite("Framing faults")
    struct FramingFaults {
        @Test("A zero-length frame gets INVALID_ARGUMENT on stream 0 and the connection goes on")
        func zeroLengthFrame() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                try await connection.send(bytes: [0, 0, 0, 0])
                try await connection.expectStatus(.invalidArgument, on: 0)
                try await connection.expectPingRoundTrip(on: 1)
            }
        }

        @Test("An oversized frame is answered RESOURCE_EXHAUSTED on its stream before its body arrives, then skipped")
        func oversizedFrameOnItsStream() async throws {
            try await withTestServer(limits: .with { $0.maxFrameBytes = 4096 }) { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                let reply = try await connection.hello()
                #expect(reply.limits.maxFrameBytes == 4096)

                // A length of 1 MiB, and a body that starts with field 1 (stream_id) = 5.
                let claimed = 1 << 20
                let head: [UInt8] = [0x00, 0x10, 0x00, 0x00, 0x08, 0x05, 0, 0, 0, 0]
                try await connection.send(bytes: head)
                // The answer comes from the first bytes alone: the server does not wait for
                // (or hold) the body.
                let status = try await connection.expectStatus(.resourceExhausted, on: 5)
                #expect(status.message.contains("\(claimed)"))
                #expect(status.message.contains("4096"))

                // The rest of the body: zeros, which would read as a run of empty frames
                // (each answered INVALID_ARGUMENT) if the server did not skip them.
                try await connection.send(bytes: [UInt8](repeating: 0, count: claimed - (head.count - 4)))
                try await connection.expectPingRoundTrip(on: 7)
            }
        }

        @Test("An oversized frame whose body does not start with a stream id is answered on stream 0")
        func oversizedFrameWithoutStreamID() async throws {
            try await withTestServer(limits: .with { $0.maxFrameBytes = 4096 }) { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                // 8 KiB whose first byte is the tag of field 4 (call), as on stream 0.
                var body = [UInt8](repeating: 0, count: 8192)
                body[0] = 0x22
                try await connection.send(bytes: [0x00, 0x00, 0x20, 0x00] + body)
                try await connection.expectStatus(.resourceExhausted, on: 0)
                try await connection.expectPingRoundTrip(on: 1)
            }
        }

        @Test("A frame claiming 64 MiB is read through in 64 KiB pieces without being held in memory")
        func sixtyFourMebibyteFrameIsSkipped() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                let claimed: UInt32 = 64 << 20
                let residentBefore = ProcessResources.residentBytes()

                // Stream the body from one reused 64 KiB buffer, so that only the server
                // could make this process grow by the body's size.
                try await connection.blocking { connection in
                    var prefix: [UInt8] = [UInt8(claimed >> 24), UInt8((claimed >> 16) & 0xff), UInt8((claimed >> 8) & 0xff), UInt8(claimed & 0xff)]
                    prefix += [0x08, 0x09]
                    try prefix.withUnsafeBytes { try connection.sendAllBlocking($0) }
                    let chunk = [UInt8](repeating: 0, count: 64 * 1024)
                    var remaining = Int(claimed) - 2
                    while remaining > 0 {
                        let count = min(remaining, chunk.count)
                        try chunk.withUnsafeBytes { try connection.sendAllBlocking(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                        remaining -= count
                    }
                }
                try await connection.expectStatus(.resourceExhausted, on: 9)
                // The call after the body is answered: the whole body was consumed.
                try await connection.expectPingRoundTrip(on: 11)

                let growth = ProcessResources.residentBytes() - residentBefore
                #expect(growth < 32 << 20, "resident memory grew by \(growth) bytes while a 64 MiB frame was skipped")
                let skipped = server.logLines.filter { $0.message.contains("skipped") }
                #expect(skipped.count == 1)
                #expect(skipped.first?.metadata["bytes"] == "\(claimed)")
                #expect(skipped.first?.metadata["stream"] == "9")
            }
        }

        @Test("A frame cut short by the end of the connection is logged; the server goes on serving")
        func truncatedFrameThenEndOfFile() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                // A length of 100, then only 10 bytes of body, then end of file.
                try await connection.send(bytes: [0, 0, 0, 100] + [UInt8](repeating: 0x08, count: 10))
                connection.shutdownWriting()
                try await connection.expectClosed()
                let line = try await server.log.first("the truncated-frame log line") {
                    $0.message.contains("in the middle of a frame")
                }
                #expect(line.metadata["received"] == "14")
                #expect(line.metadata["expected"] == "104")
                connection.close()

                let client = try await server.connectClient()
                #expect(try await client.ping(payload: [1, 2, 3]) == [1, 2, 3])
                await client.close()
            }
        }

        // Issue 8, finding 1: these four bytes and a close killed corridord
        // (an overflow trap computing the truncated frame's expected size).
        @Test("A length prefix of 2^32-1 without hello, then end of file, is logged; the server goes on serving")
        func maximalLengthPrefixThenEndOfFile() async throws {
            try await withTestServer { server in
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.send(bytes: [0xFF, 0xFF, 0xFF, 0xFF])
                connection.shutdownWriting()
                try await connection.expectClosed()
                let line = try await server.log.first("the truncated-frame log line") {
                    $0.message.contains("in the middle of a frame")
                }
                #expect(line.metadata["received"] == "4")
                #expect(line.metadata["expected"] == "\(UInt64(UInt32.max) + 4)")
                connection.close()

                let client = try await server.connectClient()
                #expect(try await client.ping(payload: [4, 5, 6]) == [4, 5, 6])
                await client.close()
            }
        }

        @Test(
            "Random bytes get a status and the end of the connection, or just the end; the server keeps serving",
            arguments: [1, 7, 42, 1_000_003, 0xC0FFEE] as [UInt64]
        )
        func randomBytes(seed: UInt64) async throws {
            try await withTestServer { server in
                // Connected before the garbage arrives, and must not notice it.
                let bystander = try await server.connectClient(name: "bystander")
                var generator = SeededGenerator(seed: seed)
                let garbage = generator.bytes(4096)

                let connection = try server.openRawConnection()
                defer { connection.close() }
                do {
                    try await connection.send(bytes: garbage)
                } catch {
                    // The server may close before it has read everything: that is allowed.
                }
                // Our end of file tells the server no more bytes are coming, whatever
                // length it is still waiting to fill.
                connection.shutdownWriting()
                let answers = try await connection.readUntilClosed()
                for frame in answers {
                    guard case .status(let status) = frame.kind else {
                        Issue.record("seed \(seed): the server answered garbage with \(frame)")
                        continue
                    }
                    #expect(status.code != .ok, "seed \(seed): \(status)")
                }
                connection.close()

                #expect(try await bystander.ping(payload: [7]) == [7])
                let newcomer = try await server.connectClient(name: "newcomer")
                #expect(try await newcomer.ping(payload: [8]) == [8])
                await newcomer.close()
                await bystander.close()
            }
        }

        @Test(
            "Well-framed random bodies after hello never crash the server",
            arguments: [3, 11, 99, 2024, 0xBADF00D] as [UInt64]
        )
        func randomFrameBodies(seed: UInt64) async throws {
            try await withTestServer { server in
                var generator = SeededGenerator(seed: seed)
                var bytes: [UInt8] = []
                for _ in 0..<64 {
                    let length = Int.random(in: 1...48, using: &generator)
                    bytes += [0, 0, 0, UInt8(length)] + generator.bytes(length)
                }

                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()
                do {
                    try await connection.send(bytes: bytes)
                } catch {
                    // The server closes at the first body that is not a Frame; the rest may not go out.
                }
                connection.shutdownWriting()
                // Whatever the bodies decoded to, the server answers with valid frames (the
                // reader would throw otherwise) and then closes.
                _ = try await connection.readUntilClosed()
                connection.close()

                let client = try await server.connectClient()
                #expect(try await client.ping(payload: [9]) == [9])
                await client.close()
            }
        }

        @Test("A body that is not a Frame gets INVALID_ARGUMENT on stream 0 and closes only that connection")
        func invalidProtobufBody() async throws {
            try await withTestServer { server in
                let bystander = try await server.connectClient(name: "bystander")
                let connection = try server.openRawConnection()
                defer { connection.close() }
                try await connection.hello()

                // A valid length, then bytes no protobuf parser accepts (an endless varint tag).
                try await connection.send(bytes: [0, 0, 0, 16] + [UInt8](repeating: 0xFF, count: 16))
                let status = try await connection.expectStatus(.invalidArgument, on: 0)
                #expect(status.message.contains("not a valid corridor.v1.Frame"))
                try await connection.expectClosed()
                connection.close()

                #expect(try await bystander.ping(payload: [4, 2]) == [4, 2])
                await bystander.close()
            }
        }
    }
}
