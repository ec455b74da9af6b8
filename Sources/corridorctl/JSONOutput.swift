import CorridorClient
import Foundation

/// `--json` output of a generated message: its proto3 canonical JSON
/// (`jsonValue()`), pretty, the one dialect every --json speaks.
func printJSON(_ message: some ProtoMessage) {
    print(message.jsonText(pretty: true))
}

/// One generated message's JSON on one line, for streams (watch, dump).
func printJSONLine(_ message: some ProtoMessage) {
    print(message.jsonText())
}

// Model values print as their generated message (mapped by CorridorWire/Mapping), so
// a model never reaches JSON through Codable.
func printJSON(_ value: Party) { printJSON(Corridor_V1_Party(value)) }
func printJSON(_ value: Site) { printJSON(Corridor_V1_Site(value)) }
func printJSON(_ value: CaseView) { printJSON(Corridor_V1_CaseView(value)) }
func printJSON(_ value: Agreement) { printJSON(Corridor_V1_Agreement(value)) }
func printJSON(_ value: AgreementProgress) { printJSON(Corridor_V1_AgreementProgress(value)) }
func printJSON(_ value: Figure) { printJSON(Corridor_V1_Figure(value)) }
func printJSON(_ value: CompareFiguresResponse) { printJSON(Corridor_V1_CompareFiguresResponse(value)) }
func printJSON(_ value: ImportCasesResponse) { printJSON(Corridor_V1_ImportCasesResponse(value)) }
func printJSON(_ value: SelectListResponse) { printJSON(Corridor_V1_SelectListResponse(value)) }
func printJSON(_ value: ListVersion) { printJSON(Corridor_V1_ListVersion(value)) }
func printJSON(_ value: DiffListResponse) { printJSON(Corridor_V1_DiffListResponse(value)) }
func printJSON(_ value: LeftOutResponse) { printJSON(Corridor_V1_LeftOutResponse(value)) }
func printJSON(_ value: EvacuationList) { printJSON(Corridor_V1_EvacuationList(value)) }
func printJSON(_ value: ListSummary) { printJSON(Corridor_V1_ListSummary(value)) }
func printJSON(_ value: Movement) { printJSON(Corridor_V1_Movement(value)) }
func printJSON(_ value: WaitingCasesResponse) { printJSON(Corridor_V1_WaitingCasesResponse(value)) }
func printJSON(_ value: DeathsWhileWaitingResponse) { printJSON(Corridor_V1_DeathsWhileWaitingResponse(value)) }
func printJSON(_ value: EligibilityRule) { printJSON(Corridor_V1_EligibilityRule(value)) }
func printJSON(_ value: AccessWindow) { printJSON(Corridor_V1_AccessWindow(value)) }
func printJSON(_ value: ActiveWindowsResponse) { printJSON(Corridor_V1_ActiveWindowsResponse(value)) }
func printJSON(_ parties: [Party]) { printJSON(Corridor_V1_ListPartiesResponse(parties: parties.map(Corridor_V1_Party.init))) }
func printJSON(_ sites: [Site]) { printJSON(Corridor_V1_ListSitesResponse(sites: sites.map(Corridor_V1_Site.init))) }

/// A history as the History rpc answers it (an event this build does not know
/// shows with its sequence and time only).
func printJSON(_ entries: [RecordedEvent]) {
    printJSON(Corridor_V1_HistoryResponse(entries: entries.map {
        Corridor_V1_HistoryEntry(sequence: $0.sequence, recordedAtNs: $0.recordedAtNs, event: $0.event.map(Corridor_V1_Event.init))
    }))
}

/// One watched event per line, as the Watch rpc sends it.
func printJSONLine(_ entry: RecordedEvent) { printJSONLine(Corridor_V1_WatchedEvent(entry)) }

/// The model values of a generated response's list, for the human output. A
/// value this build has no word for (a newer daemon's enum number) fails the
/// command naming the field.
func models<Proto, Model>(_ values: [Proto], _ map: (Proto) throws(MappingError) -> Model) throws -> [Model] {
    do {
        return try values.map { value throws(MappingError) in try map(value) }
    } catch {
        throw CommandFailure(RPCError(.internal, "corridord sent a value this corridorctl does not know: \(error)"))
    }
}

/// A JSON input file (`--file`): proto3 JSON of `Message`, the dialect every
/// `--json` prints. An unknown field, a wrong type or a number out of range is
/// refused naming its path (`cargo[2].quantity`), and the option (`--file`).
func readMessageFile<Message: ProtoMessage>(_ path: String, as: Message.Type, option: String = "--file") throws -> Message {
    guard let data = FileManager.default.contents(atPath: path) else { throw InputError(option: option, "Cannot read \(path).") }
    do {
        return try Message(jsonText: String(decoding: data, as: UTF8.self))
    } catch {
        throw InputError(option: option, "\(path) is not a \(Message.protoMessageName) in proto3 JSON: \(error)")
    }
}

/// The model value of a message read from `path`; an enum number this build
/// does not know is refused naming the field.
func model<Message, Model>(of message: Message, in path: String, _ map: (Message) throws(MappingError) -> Model) throws -> Model {
    do {
        return try map(message)
    } catch {
        throw InputError(option: "--file", "\(path): \(error)")
    }
}
