from corridor.v1 import agreements_pb2 as _agreements_pb2
from corridor.v1 import figures_pb2 as _figures_pb2
from corridor.v1 import lists_pb2 as _lists_pb2
from corridor.v1 import movements_pb2 as _movements_pb2
from corridor.v1 import records_pb2 as _records_pb2
from corridor.v1 import windows_pb2 as _windows_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Actor(_message.Message):
    __slots__ = ["pid", "request_id", "role", "uid", "user_name"]
    PID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    UID_FIELD_NUMBER: _ClassVar[int]
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    pid: int
    request_id: str
    role: str
    uid: int
    user_name: str
    def __init__(self, uid: _Optional[int] = ..., user_name: _Optional[str] = ..., pid: _Optional[int] = ..., role: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CasePersonalErased(_message.Message):
    __slots__ = ["case_id"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    def __init__(self, case_id: _Optional[str] = ...) -> None: ...

class CasePersonalUpdated(_message.Message):
    __slots__ = ["case_id", "changed_fields", "personal", "sealed_personal"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_FIELD_NUMBER: _ClassVar[int]
    SEALED_PERSONAL_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    personal: _records_pb2.CasePersonal
    sealed_personal: _records_pb2.SealedPersonal
    def __init__(self, case_id: _Optional[str] = ..., personal: _Optional[_Union[_records_pb2.CasePersonal, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ..., sealed_personal: _Optional[_Union[_records_pb2.SealedPersonal, _Mapping]] = ...) -> None: ...

class CaseRegistered(_message.Message):
    __slots__ = ["case", "personal", "sealed_personal"]
    CASE_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_FIELD_NUMBER: _ClassVar[int]
    SEALED_PERSONAL_FIELD_NUMBER: _ClassVar[int]
    case: _records_pb2.Case
    personal: _records_pb2.CasePersonal
    sealed_personal: _records_pb2.SealedPersonal
    def __init__(self, case: _Optional[_Union[_records_pb2.Case, _Mapping]] = ..., personal: _Optional[_Union[_records_pb2.CasePersonal, _Mapping]] = ..., sealed_personal: _Optional[_Union[_records_pb2.SealedPersonal, _Mapping]] = ...) -> None: ...

class CaseStatusChanged(_message.Message):
    __slots__ = ["case_id", "date", "to"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    date: str
    to: _records_pb2.Case.Status
    def __init__(self, case_id: _Optional[str] = ..., to: _Optional[_Union[_records_pb2.Case.Status, str]] = ..., date: _Optional[str] = ..., **kwargs) -> None: ...

class CaseUpdated(_message.Message):
    __slots__ = ["case", "changed_fields"]
    CASE_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    case: _records_pb2.Case
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, case: _Optional[_Union[_records_pb2.Case, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class CrossingStatusChanged(_message.Message):
    __slots__ = ["site_id", "to"]
    FROM_FIELD_NUMBER: _ClassVar[int]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    site_id: str
    to: _records_pb2.Site.CrossingStatus
    def __init__(self, site_id: _Optional[str] = ..., to: _Optional[_Union[_records_pb2.Site.CrossingStatus, str]] = ..., **kwargs) -> None: ...

class Event(_message.Message):
    __slots__ = ["actor", "agreement_recorded", "agreement_status_changed", "agreement_updated", "at_ms", "cargo_removed", "case_personal_erased", "case_personal_updated", "case_registered", "case_status_changed", "case_updated", "crossing_status_changed", "delivery_recorded", "figure_reported", "fulfilment_recorded", "incident_reported", "list_approved", "list_created", "list_entry_dropped", "list_entry_struck", "list_selected", "list_status_changed", "list_submitted", "list_topped_up", "manifest_changed", "movement_planned", "movement_status_changed", "party_registered", "party_updated", "reason", "rule_imposed", "rule_lifted", "site_registered", "site_updated", "window_announced", "window_status_changed"]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_RECORDED_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_STATUS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_UPDATED_FIELD_NUMBER: _ClassVar[int]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    CARGO_REMOVED_FIELD_NUMBER: _ClassVar[int]
    CASE_PERSONAL_ERASED_FIELD_NUMBER: _ClassVar[int]
    CASE_PERSONAL_UPDATED_FIELD_NUMBER: _ClassVar[int]
    CASE_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    CASE_STATUS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    CASE_UPDATED_FIELD_NUMBER: _ClassVar[int]
    CROSSING_STATUS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_RECORDED_FIELD_NUMBER: _ClassVar[int]
    FIGURE_REPORTED_FIELD_NUMBER: _ClassVar[int]
    FULFILMENT_RECORDED_FIELD_NUMBER: _ClassVar[int]
    INCIDENT_REPORTED_FIELD_NUMBER: _ClassVar[int]
    LIST_APPROVED_FIELD_NUMBER: _ClassVar[int]
    LIST_CREATED_FIELD_NUMBER: _ClassVar[int]
    LIST_ENTRY_DROPPED_FIELD_NUMBER: _ClassVar[int]
    LIST_ENTRY_STRUCK_FIELD_NUMBER: _ClassVar[int]
    LIST_SELECTED_FIELD_NUMBER: _ClassVar[int]
    LIST_STATUS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    LIST_SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    LIST_TOPPED_UP_FIELD_NUMBER: _ClassVar[int]
    MANIFEST_CHANGED_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_PLANNED_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_STATUS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    PARTY_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    PARTY_UPDATED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RULE_IMPOSED_FIELD_NUMBER: _ClassVar[int]
    RULE_LIFTED_FIELD_NUMBER: _ClassVar[int]
    SITE_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    SITE_UPDATED_FIELD_NUMBER: _ClassVar[int]
    WINDOW_ANNOUNCED_FIELD_NUMBER: _ClassVar[int]
    WINDOW_STATUS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    actor: Actor
    agreement_recorded: _agreements_pb2.AgreementRecorded
    agreement_status_changed: _agreements_pb2.AgreementStatusChanged
    agreement_updated: _agreements_pb2.AgreementUpdated
    at_ms: int
    cargo_removed: _movements_pb2.CargoRemoved
    case_personal_erased: CasePersonalErased
    case_personal_updated: CasePersonalUpdated
    case_registered: CaseRegistered
    case_status_changed: CaseStatusChanged
    case_updated: CaseUpdated
    crossing_status_changed: CrossingStatusChanged
    delivery_recorded: _movements_pb2.DeliveryRecorded
    figure_reported: _figures_pb2.FigureReported
    fulfilment_recorded: _agreements_pb2.FulfilmentRecorded
    incident_reported: _movements_pb2.IncidentReported
    list_approved: _lists_pb2.ListApproved
    list_created: _lists_pb2.ListCreated
    list_entry_dropped: _lists_pb2.ListEntryDropped
    list_entry_struck: _lists_pb2.ListEntryStruck
    list_selected: _lists_pb2.ListSelected
    list_status_changed: _lists_pb2.ListStatusChanged
    list_submitted: _lists_pb2.ListSubmitted
    list_topped_up: _lists_pb2.ListToppedUp
    manifest_changed: _movements_pb2.ManifestChanged
    movement_planned: _movements_pb2.MovementPlanned
    movement_status_changed: _movements_pb2.MovementStatusChanged
    party_registered: PartyRegistered
    party_updated: PartyUpdated
    reason: str
    rule_imposed: _lists_pb2.RuleImposed
    rule_lifted: _lists_pb2.RuleLifted
    site_registered: SiteRegistered
    site_updated: SiteUpdated
    window_announced: _windows_pb2.WindowAnnounced
    window_status_changed: _windows_pb2.WindowStatusChanged
    def __init__(self, actor: _Optional[_Union[Actor, _Mapping]] = ..., reason: _Optional[str] = ..., at_ms: _Optional[int] = ..., party_registered: _Optional[_Union[PartyRegistered, _Mapping]] = ..., party_updated: _Optional[_Union[PartyUpdated, _Mapping]] = ..., site_registered: _Optional[_Union[SiteRegistered, _Mapping]] = ..., site_updated: _Optional[_Union[SiteUpdated, _Mapping]] = ..., crossing_status_changed: _Optional[_Union[CrossingStatusChanged, _Mapping]] = ..., case_registered: _Optional[_Union[CaseRegistered, _Mapping]] = ..., case_updated: _Optional[_Union[CaseUpdated, _Mapping]] = ..., case_personal_updated: _Optional[_Union[CasePersonalUpdated, _Mapping]] = ..., case_status_changed: _Optional[_Union[CaseStatusChanged, _Mapping]] = ..., case_personal_erased: _Optional[_Union[CasePersonalErased, _Mapping]] = ..., list_created: _Optional[_Union[_lists_pb2.ListCreated, _Mapping]] = ..., list_selected: _Optional[_Union[_lists_pb2.ListSelected, _Mapping]] = ..., list_submitted: _Optional[_Union[_lists_pb2.ListSubmitted, _Mapping]] = ..., list_approved: _Optional[_Union[_lists_pb2.ListApproved, _Mapping]] = ..., list_entry_struck: _Optional[_Union[_lists_pb2.ListEntryStruck, _Mapping]] = ..., list_topped_up: _Optional[_Union[_lists_pb2.ListToppedUp, _Mapping]] = ..., list_status_changed: _Optional[_Union[_lists_pb2.ListStatusChanged, _Mapping]] = ..., list_entry_dropped: _Optional[_Union[_lists_pb2.ListEntryDropped, _Mapping]] = ..., rule_imposed: _Optional[_Union[_lists_pb2.RuleImposed, _Mapping]] = ..., rule_lifted: _Optional[_Union[_lists_pb2.RuleLifted, _Mapping]] = ..., agreement_recorded: _Optional[_Union[_agreements_pb2.AgreementRecorded, _Mapping]] = ..., agreement_updated: _Optional[_Union[_agreements_pb2.AgreementUpdated, _Mapping]] = ..., agreement_status_changed: _Optional[_Union[_agreements_pb2.AgreementStatusChanged, _Mapping]] = ..., fulfilment_recorded: _Optional[_Union[_agreements_pb2.FulfilmentRecorded, _Mapping]] = ..., window_announced: _Optional[_Union[_windows_pb2.WindowAnnounced, _Mapping]] = ..., window_status_changed: _Optional[_Union[_windows_pb2.WindowStatusChanged, _Mapping]] = ..., movement_planned: _Optional[_Union[_movements_pb2.MovementPlanned, _Mapping]] = ..., movement_status_changed: _Optional[_Union[_movements_pb2.MovementStatusChanged, _Mapping]] = ..., manifest_changed: _Optional[_Union[_movements_pb2.ManifestChanged, _Mapping]] = ..., cargo_removed: _Optional[_Union[_movements_pb2.CargoRemoved, _Mapping]] = ..., delivery_recorded: _Optional[_Union[_movements_pb2.DeliveryRecorded, _Mapping]] = ..., incident_reported: _Optional[_Union[_movements_pb2.IncidentReported, _Mapping]] = ..., figure_reported: _Optional[_Union[_figures_pb2.FigureReported, _Mapping]] = ...) -> None: ...

class PartyRegistered(_message.Message):
    __slots__ = ["party"]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    party: _records_pb2.Party
    def __init__(self, party: _Optional[_Union[_records_pb2.Party, _Mapping]] = ...) -> None: ...

class PartyUpdated(_message.Message):
    __slots__ = ["changed_fields", "party"]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    party: _records_pb2.Party
    def __init__(self, party: _Optional[_Union[_records_pb2.Party, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class SiteRegistered(_message.Message):
    __slots__ = ["site"]
    SITE_FIELD_NUMBER: _ClassVar[int]
    site: _records_pb2.Site
    def __init__(self, site: _Optional[_Union[_records_pb2.Site, _Mapping]] = ...) -> None: ...

class SiteUpdated(_message.Message):
    __slots__ = ["changed_fields", "site"]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    site: _records_pb2.Site
    def __init__(self, site: _Optional[_Union[_records_pb2.Site, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...
