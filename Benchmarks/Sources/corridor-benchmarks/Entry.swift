import ArgumentParser

/// corridor-benchmarks: Corridor's figures, each printed beside a baseline
/// measured in the same run (style.md item 14). Never fails on a timing: it
/// exits non-zero only when it cannot run (no corridord, a peer that died,
/// a data directory it cannot write).
///
/// Layout: one subcommand per area, one file per benchmark.
///   RPC/      `rpc`: raw socket ping-pong (the floor), Corridor unary latency,
///             throughput with many callers, corridorctl ping, daemon RSS.
///   Storage/  `storage`: durable appends against raw fdatasync and SQLite,
///             replay, start-up with a million cases, memory per million cases.
///   Codec/    `codec`: encode and decode of Event and CaseView, generated code
///             against the Codable coder it replaces.
///   Registry/ also `register-cpu`: CPU of registerCase on the registry actor.
///   Access/   `access`: authorisation per command and per read, against the
///             same calls with it off.
///   GRPCPeer/ grpc-swift-2's server and client for `rpc`: the same unary ping
///             over HTTP/2 on a Unix socket, in the same run.
///   Support/  what every benchmark shares: timing, percentiles, child
///             processes, the daemon, the report table and JSON.
@main
enum Entry {
    static func main() async {
        // The raw ping-pong baseline re-runs this binary as its echo peer; that
        // mode is dispatched before argument parsing and is not in --help.
        let arguments = CommandLine.arguments
        if arguments.count >= 3, arguments[1] == EchoPeer.flag {
            EchoPeer.main(arguments: Array(arguments.dropFirst()))
        }
        // The storage benchmark measures start-up and memory in child
        // processes of this binary; also dispatched before argument parsing.
        if arguments.count >= 3, arguments[1] == StorageChild.flag {
            await StorageChild.main(arguments: Array(arguments.dropFirst()))
        }
        // `rpc` runs grpc-swift-2's server as its peer in a child process of
        // this binary; dispatched the same way.
        if arguments.count >= 3, arguments[1] == GRPCPeerServer.flag {
            await GRPCPeerServer.main(arguments: Array(arguments.dropFirst()))
        }
        await CorridorBenchmarks.main()
    }
}

struct CorridorBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor-benchmarks",
        abstract: "Corridor's benchmarks: each figure beside a baseline measured in the same run, as a ratio.",
        discussion: """
            Timings are never pass/fail: the goals column says whether this run met the goals in \
            shared/design/performance.md, and the exit status only says whether the benchmarks could run.
            """,
        subcommands: [
            RPCBenchmark.self, StorageBenchmark.self, RegistryBenchmark.self, CodecBenchmark.self, RegisterCaseCPUBenchmark.self,
            AuditBenchmark.self, PrivacyBenchmark.self, AccessBenchmark.self,
            LoadBenchmark.self, SoakBenchmark.self, ConnectionsBenchmark.self,
        ],
        defaultSubcommand: RPCBenchmark.self
    )
}
