internal import CCorridorProto
import CorridorModel

// Which protoc-c message each Swift type is stored as. One line per type;
// nested messages need none, the coder finds them through the descriptors.

extension Party: ProtobufMessage {
    public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__party__init)
}

extension Site: ProtobufMessage {
    public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__site__init)
}

extension Case: ProtobufMessage {
    public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__case__init)
}

extension CasePersonal: ProtobufMessage {
    public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__case_personal__init)
}

extension Event: ProtobufMessage {
    public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__event__init)
}

extension GetRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__get_request__init) }
extension RegisterPartyRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__register_party_request__init) }
extension UpdatePartyRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__update_party_request__init) }
extension ListPartiesRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_parties_request__init) }
extension ListPartiesResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_parties_response__init) }
extension RegisterSiteRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__register_site_request__init) }
extension UpdateSiteRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__update_site_request__init) }
extension ListSitesRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_sites_request__init) }
extension ListSitesResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_sites_response__init) }
extension SetCrossingStatusRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__set_crossing_status_request__init) }
extension RegisterCaseRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__register_case_request__init) }
extension UpdateCaseRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__update_case_request__init) }
extension SetCaseStatusRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__set_case_status_request__init) }
extension CaseView { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__case_view__init) }
extension ListCasesRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_cases_request__init) }
extension ListCasesResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_cases_response__init) }
extension RecordedEvent { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__watched_event__init) }
extension HistoryResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__history_response__init) }
extension WatchRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__watch_request__init) }
