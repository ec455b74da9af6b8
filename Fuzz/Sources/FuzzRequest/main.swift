@testable import CorridorServer
import CorridorAudit
import CorridorModel
import CorridorRegistry
import CorridorWire
import FuzzSupport
import Glibc
import Logging
import NIOCore
import NIOPosix

// Every method corridord routes, fed an arbitrary request body. Input: one
// byte choosing the method (an index into the server's method table, sorted
// by name, so a new method is fuzzed without touching this file), then the
// body. The body goes to the method's handler exactly as the server hands
// it over: the router decodes it into the method's request type, then the
// handler runs against a real registry (the sample world, in a data
// scratch directory). The registry keeps what
// succeeds, so later inputs meet the records earlier ones made.
//
// Streaming methods run in a cancelled task with a writer whose connection
// is gone: their decoding and validation run, and they end at the first
// send or wait.

private struct Harness: Sendable {
    let router: MethodRouter
    let methods: [String]
    let writer: ResponseStreamWriter
    let context: CallContext
}

private let harness: Harness = {
    let directory = SampleWorld.makeTemporaryDirectory("corridor-fuzz-request")
    // Small segments: the registry lives as long as the fuzzer, and its
    // segments are preallocated.
    var options = RegistryOptions()
    options.store.segmentBytes = 4 * 1024 * 1024
    let (registry, audit): (Registry, AuditTrail) = runBlocking { [options] in
        do {
            let (registry, _) = try Registry.open(dataDirectory: directory, recordCoding: ProtobufRecordCoding(), options: options, logger: SampleWorld.quietLogger)
            let (audit, _) = try AuditTrail.open(dataDirectory: directory, options: options.store, logger: SampleWorld.quietLogger)
            try await SampleWorld.seed(registry, cases: 12)
            return (registry, audit)
        } catch {
            fatalError("building the sample registry in \(directory) failed: \(error)")
        }
    }
    var router = SystemService.methods(
        serverName: "corridord-fuzz", statistics: ServerStatistics(startedAtUnixMilliseconds: 0),
        paths: { ("/nonexistent/corridord.sock", directory) }, storeStatus: { await registry.storeStatus }, access: .unrestricted()
    )
    router.merge(HealthService.methods(board: HealthStatusBoard()))
    router.merge(RegistryService.methods(registry: registry, audit: audit))

    // A connection handler never added to a channel: a stream message
    // written through it fails with CancellationError, as on a closed connection.
    let loop = MultiThreadedEventLoopGroup.singleton.next()
    let finalRouter = router
    let connection: NIOLoopBound<ConnectionHandler>
    do {
        connection = try loop.submit {
            NIOLoopBound(
                ConnectionHandler(
                    router: finalRouter, access: .unrestricted(), limits: ServerLimits(), statistics: ServerStatistics(startedAtUnixMilliseconds: 0),
                    serverName: "corridord-fuzz", logger: SampleWorld.quietLogger
                ),
                eventLoop: loop
            )
        }.wait()
    } catch {
        fatalError("cannot make the stand-in connection: \(error)")
    }
    let context = CallContext(
        method: "", requestID: "fuzz", peer: PeerCredentials(pid: 1, uid: 1000, gid: 1000), deadline: nil,
        connectionLogger: SampleWorld.quietLogger
    )
    return Harness(
        router: router, methods: router.methods,
        writer: ResponseStreamWriter(connection: connection, streamID: 1, token: 1), context: context
    )
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequest(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var reader = ByteReader(UnsafeRawBufferPointer(start: start, count: count))
    let method = harness.methods[Int(reader.readByte()) % harness.methods.count]
    let payload = ByteBuffer(bytes: reader.readRest())
    guard let handler = harness.router.handler(for: method) else { fatalError("\(method) is listed but has no handler") }
    let context = { var context = harness.context; context.method = method; return context }()
    switch handler {
    case .inline(let body):
        _ = try? body(payload, context)
    case .unary(let body):
        runBlocking { _ = try? await body(payload, context) }
    case .serverStreaming(let body):
        let writer = harness.writer
        runBlocking {
            let call = Task { try await body(payload, context, writer) }
            call.cancel()
            _ = await call.result
        }
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        let methods = harness.methods
        func seed(_ method: String, _ message: some ProtoMessage) -> (name: String, bytes: [UInt8]) {
            guard let index = methods.firstIndex(of: method) else {
                fatalError("no method \(method) in the server's table")
            }
            let short = method.split(separator: "/").last.map(String.init) ?? method
            return ("\(short)-real", [UInt8(index)] + message.serializedBytes())
        }
        let registry = "/corridor.v1.Registry/"
        // Every method with an empty body (a valid proto3 message: every field at its default)…
        var seeds: [(name: String, bytes: [UInt8])] = methods.enumerated().map { index, method in
            let short = method.split(separator: "/").last.map(String.init) ?? method
            return ("\(short)-empty", [UInt8(index)])
        }
        // …and a few with the real values of the sample world.
        seeds += [
            seed(registry + "GetSite", Corridor_V1_GetRequest(id: "ghouta")),
            seed(registry + "GetCase", Corridor_V1_GetRequest(id: "C-000003")),
            seed(registry + "History", Corridor_V1_GetRequest(id: "site:wafideen")),
            seed(registry + "RegisterSite", { var request = Corridor_V1_RegisterSiteRequest(); request.site = Corridor_V1_Site(Site(id: "harasta", name: "Harasta", kind: .city, parentID: "ghouta")); return request }()),
            seed(registry + "RegisterCase", { var request = Corridor_V1_RegisterCaseRequest(); request.case = Corridor_V1_Case(SampleWorld.patient(40)); request.personal = Corridor_V1_CasePersonal(SampleWorld.personal(40)); return request }()),
            seed(registry + "SetCaseStatus", { var request = Corridor_V1_SetCaseStatusRequest(); request.caseID = "C-000004"; request.status = .deceased; request.date = "2018-03-01"; return request }()),
            seed(registry + "ListCases", { var request = Corridor_V1_ListCasesRequest(); request.siteID = "douma-hospital"; request.status = .waiting; request.limit = 5; return request }()),
        ]
        return seeds
    }
    return 0
}
