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

extension SnapshotEntry: ProtobufMessage {
    public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__snapshot_entry__init)
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
extension CaseView: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__case_view__init) }
extension ListCasesRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_cases_request__init) }
extension ListCasesResponse: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_cases_response__init) }
extension RecordedEvent: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__watched_event__init) }
extension HistoryResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__history_response__init) }
extension WatchRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__watch_request__init) }

// The records of the registry issue (lists, agreements, windows, movements, figures).

extension EligibilityRule: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__eligibility_rule__init) }
extension ListEntry: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_entry__init) }
extension LeftOutCase: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__left_out_case__init) }
extension ListVersion: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_version__init) }
extension EvacuationList: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__evacuation_list__init) }
extension Agreement: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__agreement__init) }
extension AccessWindow: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__access_window__init) }
extension Movement: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__movement__init) }
extension Figure: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__figure__init) }

// Their requests and responses.

extension CreateListRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__create_list_request__init) }
extension SelectListRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__select_list_request__init) }
extension SelectListResponse: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__select_list_response__init) }
extension ListActionRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_action_request__init) }
extension ApproveListRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__approve_list_request__init) }
extension StrikeEntryRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__strike_entry_request__init) }
extension ListListsRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_lists_request__init) }
extension ListSummary: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_summary__init) }
extension ListListsResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_lists_response__init) }
extension GetListVersionRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__get_list_version_request__init) }
extension DiffListRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__diff_list_request__init) }
extension ListEntryChange: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_entry_change__init) }
extension DiffListResponse: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__diff_list_response__init) }
extension LeftOutRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__left_out_request__init) }
extension LeftOutResponse: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__left_out_response__init) }
extension ImposeRuleRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__impose_rule_request__init) }
extension LiftRuleRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__lift_rule_request__init) }
extension ListRulesRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_rules_request__init) }
extension ListRulesResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_rules_response__init) }
extension RecordAgreementRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__record_agreement_request__init) }
extension UpdateAgreementRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__update_agreement_request__init) }
extension SetAgreementStatusRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__set_agreement_status_request__init) }
extension RecordFulfilmentRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__record_fulfilment_request__init) }
extension ListAgreementsRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_agreements_request__init) }
extension ListAgreementsResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_agreements_response__init) }
extension TermProgress: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__term_progress__init) }
extension AgreementProgress: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__agreement_progress__init) }
extension AnnounceWindowRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__announce_window_request__init) }
extension SetWindowStatusRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__set_window_status_request__init) }
extension ListWindowsRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_windows_request__init) }
extension ListWindowsResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_windows_response__init) }
extension ActiveWindowsRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__active_windows_request__init) }
extension ActiveWindow: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__active_window__init) }
extension ActiveWindowsResponse: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__active_windows_response__init) }
extension PlanMovementRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__plan_movement_request__init) }
extension SetMovementStatusRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__set_movement_status_request__init) }
extension ChangeManifestRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__change_manifest_request__init) }
extension RemoveCargoRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__remove_cargo_request__init) }
extension LineDelivery: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__line_delivery__init) }
extension RecordDeliveryRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__record_delivery_request__init) }
extension ReportIncidentRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__report_incident_request__init) }
extension ListMovementsRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_movements_request__init) }
extension ListMovementsResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_movements_response__init) }
extension ReportFigureRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__report_figure_request__init) }
extension ListFiguresRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_figures_request__init) }
extension ListFiguresResponse { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__list_figures_response__init) }
extension CompareFiguresRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__compare_figures_request__init) }
extension CompareFiguresResponse: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__compare_figures_response__init) }
extension WaitingCasesRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__waiting_cases_request__init) }
extension WaitingCaseRow: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__waiting_case_row__init) }
extension PrecedenceCount: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__precedence_count__init) }
extension WaitingCasesResponse: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__waiting_cases_response__init) }
extension DeathsWhileWaitingRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__deaths_while_waiting_request__init) }
extension DeathsAtSite: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__deaths_at_site__init) }
extension DeathsWhileWaitingResponse: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__deaths_while_waiting_response__init) }

// Importing cases (imports.proto).

extension ImportCaseRow: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__import_case_row__init) }
extension ImportCasesRequest { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__import_cases_request__init) }
extension ImportedCase: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__imported_case__init) }
extension ImportCasesResponse: ProtobufMessage { public static let protobufDescriptor = ProtobufDescriptor(corridor__v1__import_cases_response__init) }
