import ArgumentParser
import CorridorClient

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow the registry's events as they are recorded, until Ctrl-C.",
        discussion: """
            To resume after a disconnect without loss or repeats, start again with --from the last sequence printed + 1.

            Example:
              corridorctl watch --kind case --kind movement
              corridorctl watch --from 1 --json > events.jsonl
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "The first sequence number to show (1: from the beginning; default: only new events).") var from: UInt64?
    @Option(name: .customLong("kind"), help: "Only events about this kind of record (repeatable).") var kinds: [RecordKind] = []
    @Option(help: "Only events about this record.") var record = ""
    @Flag(help: "One JSON object per line instead of text.") var json = false

    func run() async throws {
        let client = try await connection.connect()
        var start = from ?? 0
        if from == nil {
            let status = try await calling { () async throws(RPCError) in try await client.status(timeout: connection.callTimeout) }
            start = (status.store?.lastSequence ?? 0) + 1
        }
        do {
            for try await entry in client.watch(from: start, kinds: kinds, recordID: record) {
                if json {
                    printJSONLine(entry)
                } else {
                    print(describe(entry))
                }
            }
        } catch let error as RPCError {
            throw CommandFailure(error)
        }
        await client.close()
    }
}
