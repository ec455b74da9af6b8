import ArgumentParser
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
        abstract: "Encode and decode of an Event(case_registered) and a CaseView: generated code against the Codable coder."
    )

    @Option(help: "Operations per timed batch.")
    var operations = 2_000

    @Option(help: "Timed batches per figure (the figure is the median batch).")
    var batches = 40

    @Option(help: "Only the figures whose name contains this (e.g. \"CaseView decode\").")
    var only: String?

    @Flag(name: .customLong("skip-baseline"), help: "Leave the Codable coder out (to profile the generated code alone).")
    var skipBaseline = false

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
        let eventBytes = try event.protobufBytes()
        let viewBytes = try view.protobufBytes()
        let generatedEvent = try Corridor_V1_Event(serializedBytes: eventBytes)
        let generatedView = try Corridor_V1_CaseView(serializedBytes: viewBytes)
        guard generatedEvent.serializedBytes() == eventBytes, generatedView.serializedBytes() == viewBytes else {
            throw BenchmarkFailure("the generated code and the Codable coder disagree on the bytes; fix that first")
        }

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

        let cases: [(String, String, () throws -> Int, () throws -> Int)] = [
            ("Event(case_registered) decode", "\(eventBytes.count) bytes: a full Case and its personal part",
             { try Event(protobufBytes: eventBytes).atMs == 0 ? 0 : 1 },
             { try Corridor_V1_Event(serializedBytes: eventBytes).atMs == 0 ? 0 : 1 }),
            ("Event(case_registered) encode", "\(eventBytes.count) bytes",
             { try event.protobufBytes().count },
             { generatedEvent.serializedBytes().count }),
            ("CaseView decode", "\(viewBytes.count) bytes",
             { Int(try CaseView(protobufBytes: viewBytes).daysWaiting) },
             { Int(try Corridor_V1_CaseView(serializedBytes: viewBytes).daysWaiting) }),
            ("CaseView encode", "\(viewBytes.count) bytes",
             { try view.protobufBytes().count },
             { generatedView.serializedBytes().count }),
        ]
        for (name, note, old, generated) in cases where only.map({ name.contains($0) }) ?? true {
            let after = try measure("\(name), generated", generated)
            if skipBaseline {
                figures.append(BenchmarkFigure("\(name), generated, per operation", value: after, unit: "ns", note: note))
                continue
            }
            let before = try measure("\(name), Codable coder", old)
            let baseline = Baseline(label: "the Codable coder (ProtobufMessage), same bytes", value: before, unit: "ns", sameRun: true)
            figures.append(BenchmarkFigure("\(name), generated, per operation", value: after, unit: "ns", baseline: baseline,
                                           goal: .ratioAtMost(0.2), note: "\(note); speed-up \(formatNumber(before / after, decimals: 1))×"))
            figures.append(BenchmarkFigure("\(name), Codable coder, per operation", value: before, unit: "ns",
                                           note: "the baseline, until issue 9 part 2 removes it"))
        }

        let notes = [
            "each figure is the median over \(batches) batches of \(operations) operations, in ns of this thread's CPU time per operation (other load on the machine does not count)",
            "every baseline was measured in this run; ratios are value / baseline, the goal (issue 9) ≤ 0.2 (5× faster)",
            "timings are never pass/fail: a NO in the met column is a finding, not an error",
            "checksum \(CodecSink.value)",
        ]
        let parameters = ["operations": String(operations), "batches": String(batches)]
        let report = Report(benchmark: "codec", machine: machine, parameters: parameters, figures: figures, details: details, notes: notes)
        if json { report.printJSON() } else { report.printTable(markdown: markdown) }
        if let jsonOut { try report.writeJSON(to: jsonOut) }
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
