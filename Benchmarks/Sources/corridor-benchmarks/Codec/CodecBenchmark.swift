import ArgumentParser
import CCorridorProto
import CProtobufC
import CorridorModel
import CorridorWire
import Glibc

/// `codec`: the cost of one message through the generated code
/// (Sources/CorridorWire/Generated: Swift encoder, protobuf-c decoder read
/// directly) against the run-time Codable coder it replaces (ProtobufMessage),
/// on the same bytes in the same run. Issue 9's goal: at least 5 times
/// faster, for Event and CaseView, both ways.
struct CodecBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Encode and decode of an Event(case_registered) and a CaseView: generated code and mapping against the Codable coder."
    )

    @Option(help: "Operations per timed batch.")
    var operations = 2_000

    @Option(help: "Timed batches per figure (the figure is the median batch).")
    var batches = 40

    @Option(help: "Only the figures whose name contains this (e.g. \"CaseView decode\").")
    var only: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the table as Markdown.")
    var markdown = false

    @Option(name: .customLong("json-out"), help: "Also write the JSON report to this file.")
    var jsonOut: String?

    func validate() throws {
        guard operations >= 10, batches >= 3 else { throw ValidationError("--operations ≥ 10, --batches ≥ 3.") }
    }

    func run() throws {
        let machine = MachineInfo.current()
        var figures: [BenchmarkFigure] = []
        let details: [String: LatencySummary] = [:]

        let event = Event(actor: CodecSamples.actor, reason: "registered at the hospital", atMs: 1_700_000_000_999,
                          .caseRegistered(CaseRegistered(case: CodecSamples.fullCase, personal: CodecSamples.personal)))
        let view = CaseView(case: CodecSamples.fullCase, personal: CodecSamples.personal, daysWaiting: 41)
        let generatedEvent = Corridor_V1_Event(event)
        let generatedView = Corridor_V1_CaseView(view)
        let eventBytes = generatedEvent.serializedBytes()
        let viewBytes = generatedView.serializedBytes()

        /// The median batch's nanoseconds per operation.
        func measure(_ name: String, _ body: () throws -> Int) rethrows -> Double {
            progress("\(name): \(batches) batches of \(operations)…")
            // One untimed batch first: caches (field tables, descriptors) warm.
            for _ in 0..<operations { CodecSink.value &+= try body() }
            var perOperation: [Double] = []
            for _ in 0..<batches {
                let start = threadCPUNanoseconds()
                for _ in 0..<operations { CodecSink.value &+= try body() }
                perOperation.append(Double(threadCPUNanoseconds() - start) / Double(operations))
            }
            perOperation.sort()
            return perOperation[perOperation.count / 2]
        }

        // Each figure: the generated message alone, the generated message and the mapping to the
        // model (what the registry's RecordCoding and the server edge do: the figure the goal is
        // about), and for decoding protobuf_c_message_unpack with free_unpacked alone, the floor
        // under any decoder over protobuf-c and the same-run baseline. The run-time Codable coder
        // these replaced is gone (issue 9); its figures, measured in the same runs before it went,
        // are in docs/PERFORMANCE.md.
        // The descriptors as protoc-c's init functions name them (a C `const` global is a `let` here).
        var emptyEvent = Corridor__V1__Event()
        corridor__v1__event__init(&emptyEvent)
        let eventDescriptor = emptyEvent.base.descriptor!
        var emptyView = Corridor__V1__CaseView()
        corridor__v1__case_view__init(&emptyView)
        let viewDescriptor = emptyView.base.descriptor!
        struct Coding {
            let name: String
            let note: String
            let generated: () throws -> Int
            let mapped: () throws -> Int
            let floor: (() -> Int)?
        }
        let cases: [Coding] = [
            Coding(name: "Event(case_registered) decode", note: "\(eventBytes.count) bytes: a full Case and its personal part",
                 generated: { try Corridor_V1_Event(serializedBytes: eventBytes).atMs == 0 ? 0 : 1 },
                 mapped: { try Event(proto: Corridor_V1_Event(serializedBytes: eventBytes)).atMs == 0 ? 0 : 1 },
                 floor: { protobufCUnpackAlone(eventDescriptor, eventBytes) }),
            Coding(name: "Event(case_registered) encode", note: "\(eventBytes.count) bytes",
                 generated: { generatedEvent.serializedBytes().count },
                 mapped: { Corridor_V1_Event(event).serializedBytes().count },
                 floor: nil),
            Coding(name: "CaseView decode", note: "\(viewBytes.count) bytes",
                 generated: { Int(try Corridor_V1_CaseView(serializedBytes: viewBytes).daysWaiting) },
                 mapped: { Int(try CaseView(proto: Corridor_V1_CaseView(serializedBytes: viewBytes)).daysWaiting) },
                 floor: { protobufCUnpackAlone(viewDescriptor, viewBytes) }),
            Coding(name: "CaseView encode", note: "\(viewBytes.count) bytes",
                 generated: { generatedView.serializedBytes().count },
                 mapped: { Corridor_V1_CaseView(view).serializedBytes().count },
                 floor: nil),
        ]
        for entry in cases where only.map({ entry.name.contains($0) }) ?? true {
            let name = entry.name
            let mapped = try measure("\(name), generated + mapping", entry.mapped)
            let generated = try measure("\(name), generated alone", entry.generated)
            let floor = entry.floor.map { body in measure("\(name), protobuf_c_message_unpack alone", body) }
            let baseline = floor.map { Baseline(label: "protobuf_c_message_unpack alone, same bytes", value: $0, unit: "ns", sameRun: true) }
                ?? Baseline(label: "the generated message alone, this run", value: generated, unit: "ns", sameRun: true)
            figures.append(BenchmarkFigure("\(name), generated + mapping, per operation", value: mapped, unit: "ns", baseline: baseline, note: entry.note))
            figures.append(BenchmarkFigure("\(name), generated alone, per operation", value: generated, unit: "ns",
                                           note: "the mapping costs \(formatNumber(mapped - generated, decimals: 0)) ns of the above"))
            if let floor {
                figures.append(BenchmarkFigure("\(name), protobuf_c_message_unpack alone, per operation", value: floor, unit: "ns",
                                               note: "unpack and free_unpacked, malloc allocator, no string check: the floor"))
            }
        }

        let notes = [
            "each figure is the median over \(batches) batches of \(operations) operations, in ns of this thread's CPU time per operation (other load on the machine does not count)",
            "every baseline was measured in this run; ratios are value / baseline (issue 9's goal, ≥ 5× faster than the Codable coder it replaced, is held in docs/PERFORMANCE.md against that coder's figures from the same runs)",
            "timings are never pass/fail: a NO in the met column is a finding, not an error",
            "checksum \(CodecSink.value)",
        ]
        let parameters = ["operations": String(operations), "batches": String(batches)]
        let report = Report(benchmark: "codec", machine: machine, parameters: parameters, figures: figures, details: details, notes: notes)
        if json { report.printJSON() } else { report.printTable(markdown: markdown) }
        if let jsonOut { try report.writeJSON(to: jsonOut) }
    }
}

/// protobuf-c's unpack of `bytes` and the free of what it made: no string
/// check, no Swift values. 1 when it decoded, so the optimiser keeps it.
func protobufCUnpackAlone(_ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, _ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
        guard let message = protobuf_c_message_unpack(descriptor, nil, buffer.count, buffer.baseAddress) else { return 0 }
        protobuf_c_message_free_unpacked(message, nil)
        return 1
    }
}

/// CLOCK_THREAD_CPUTIME_ID in nanoseconds: the CPU time of the calling thread only.
func threadCPUNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}

/// Results are summed here so that the optimiser keeps every operation.
enum CodecSink {
    nonisolated(unsafe) static var value = 0
}

enum CodecSamples {
    static let fullCase = Case(
        id: "C-000042", siteID: "douma-hospital", ageMonths: 6, sex: .female, precedence: .urgent,
        conditions: [.heartDisease, .needsSurgery], needs: [.incubator, .oxygen], consentGiven: true,
        companionIDs: ["C-000043"], pregnant: false, status: .waiting, registeredAtMs: 1_700_000_000_123,
        statusReason: "", statusDate: "", originSiteID: "douma"
    )
    static let personal = CasePersonal(
        name: "Nour Al-Sayed", dateOfBirth: "2017-06-20", contacts: ["+963 11 000 0000", "mother: Hala"],
        identityNumbers: ["NID-0042"], clinicalNotes: "premature; needs an incubator and oxygen during transport"
    )
    static let actor = Actor(uid: 1000, userName: "medco", pid: 4242, role: "registrar", requestID: "r-000042")
}
