from corridor.v1 import agreements_pb2 as _agreements_pb2
from corridor.v1 import events_pb2 as _events_pb2
from corridor.v1 import figures_pb2 as _figures_pb2
from corridor.v1 import imports_pb2 as _imports_pb2
from corridor.v1 import lists_pb2 as _lists_pb2
from corridor.v1 import movements_pb2 as _movements_pb2
from corridor.v1 import records_pb2 as _records_pb2
from corridor.v1 import reports_pb2 as _reports_pb2
from corridor.v1 import windows_pb2 as _windows_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BreakGlassGrant(_message.Message):
    __slots__ = ["case_id", "expires_at_ms", "opened_at_ms", "reason", "role", "uid", "user_name"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_MS_FIELD_NUMBER: _ClassVar[int]
    OPENED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    UID_FIELD_NUMBER: _ClassVar[int]
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    expires_at_ms: int
    opened_at_ms: int
    reason: str
    role: str
    uid: int
    user_name: str
    def __init__(self, case_id: _Optional[str] = ..., uid: _Optional[int] = ..., user_name: _Optional[str] = ..., role: _Optional[str] = ..., reason: _Optional[str] = ..., opened_at_ms: _Optional[int] = ..., expires_at_ms: _Optional[int] = ...) -> None: ...

class CaseView(_message.Message):
    __slots__ = ["case", "days_waiting", "personal"]
    CASE_FIELD_NUMBER: _ClassVar[int]
    DAYS_WAITING_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_FIELD_NUMBER: _ClassVar[int]
    case: _records_pb2.Case
    days_waiting: int
    personal: _records_pb2.CasePersonal
    def __init__(self, case: _Optional[_Union[_records_pb2.Case, _Mapping]] = ..., personal: _Optional[_Union[_records_pb2.CasePersonal, _Mapping]] = ..., days_waiting: _Optional[int] = ...) -> None: ...

class DiscloseListRequest(_message.Message):
    __slots__ = ["list_id", "profile", "to_party_id"]
    LIST_ID_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    TO_PARTY_ID_FIELD_NUMBER: _ClassVar[int]
    list_id: str
    profile: str
    to_party_id: str
    def __init__(self, list_id: _Optional[str] = ..., to_party_id: _Optional[str] = ..., profile: _Optional[str] = ...) -> None: ...

class DisclosedCase(_message.Message):
    __slots__ = ["age_months", "case_id", "companion_of", "date_of_birth", "identity_numbers", "name", "rank", "sex"]
    AGE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    COMPANION_OF_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_BIRTH_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    SEX_FIELD_NUMBER: _ClassVar[int]
    age_months: int
    case_id: str
    companion_of: str
    date_of_birth: str
    identity_numbers: _containers.RepeatedScalarFieldContainer[str]
    name: str
    rank: int
    sex: _records_pb2.Case.Sex
    def __init__(self, case_id: _Optional[str] = ..., companion_of: _Optional[str] = ..., rank: _Optional[int] = ..., name: _Optional[str] = ..., date_of_birth: _Optional[str] = ..., identity_numbers: _Optional[_Iterable[str]] = ..., age_months: _Optional[int] = ..., sex: _Optional[_Union[_records_pb2.Case.Sex, str]] = ...) -> None: ...

class EraseCasePersonalDataRequest(_message.Message):
    __slots__ = ["case_id", "reason"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    reason: str
    def __init__(self, case_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetRequest(_message.Message):
    __slots__ = ["id"]
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ["event", "recorded_at_ns", "sequence"]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_NS_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    event: _events_pb2.Event
    recorded_at_ns: int
    sequence: int
    def __init__(self, sequence: _Optional[int] = ..., recorded_at_ns: _Optional[int] = ..., event: _Optional[_Union[_events_pb2.Event, _Mapping]] = ...) -> None: ...

class HistoryResponse(_message.Message):
    __slots__ = ["entries"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ...) -> None: ...

class ListBreakGlassGrantsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListBreakGlassGrantsResponse(_message.Message):
    __slots__ = ["grants"]
    GRANTS_FIELD_NUMBER: _ClassVar[int]
    grants: _containers.RepeatedCompositeFieldContainer[BreakGlassGrant]
    def __init__(self, grants: _Optional[_Iterable[_Union[BreakGlassGrant, _Mapping]]] = ...) -> None: ...

class ListCasesRequest(_message.Message):
    __slots__ = ["limit", "page_token", "site_id", "status"]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    limit: int
    page_token: str
    site_id: str
    status: _records_pb2.Case.Status
    def __init__(self, site_id: _Optional[str] = ..., status: _Optional[_Union[_records_pb2.Case.Status, str]] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCasesResponse(_message.Message):
    __slots__ = ["cases", "next_page_token", "total"]
    CASES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    cases: _containers.RepeatedCompositeFieldContainer[CaseView]
    next_page_token: str
    total: int
    def __init__(self, cases: _Optional[_Iterable[_Union[CaseView, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...

class ListDisclosure(_message.Message):
    __slots__ = ["fields", "list_id", "list_version", "party_id", "profile", "rows"]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    LIST_ID_FIELD_NUMBER: _ClassVar[int]
    LIST_VERSION_FIELD_NUMBER: _ClassVar[int]
    PARTY_ID_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedScalarFieldContainer[str]
    list_id: str
    list_version: int
    party_id: str
    profile: str
    rows: _containers.RepeatedCompositeFieldContainer[DisclosedCase]
    def __init__(self, list_id: _Optional[str] = ..., list_version: _Optional[int] = ..., party_id: _Optional[str] = ..., profile: _Optional[str] = ..., fields: _Optional[_Iterable[str]] = ..., rows: _Optional[_Iterable[_Union[DisclosedCase, _Mapping]]] = ...) -> None: ...

class ListPartiesRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListPartiesResponse(_message.Message):
    __slots__ = ["parties"]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    parties: _containers.RepeatedCompositeFieldContainer[_records_pb2.Party]
    def __init__(self, parties: _Optional[_Iterable[_Union[_records_pb2.Party, _Mapping]]] = ...) -> None: ...

class ListSitesRequest(_message.Message):
    __slots__ = ["kind", "parent_id"]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    kind: _records_pb2.Site.Kind
    parent_id: str
    def __init__(self, kind: _Optional[_Union[_records_pb2.Site.Kind, str]] = ..., parent_id: _Optional[str] = ...) -> None: ...

class ListSitesResponse(_message.Message):
    __slots__ = ["sites"]
    SITES_FIELD_NUMBER: _ClassVar[int]
    sites: _containers.RepeatedCompositeFieldContainer[_records_pb2.Site]
    def __init__(self, sites: _Optional[_Iterable[_Union[_records_pb2.Site, _Mapping]]] = ...) -> None: ...

class OpenBreakGlassRequest(_message.Message):
    __slots__ = ["case_id", "duration_seconds", "reason"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    DURATION_SECONDS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    duration_seconds: int
    reason: str
    def __init__(self, case_id: _Optional[str] = ..., reason: _Optional[str] = ..., duration_seconds: _Optional[int] = ...) -> None: ...

class RegisterCaseRequest(_message.Message):
    __slots__ = ["case", "personal"]
    CASE_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_FIELD_NUMBER: _ClassVar[int]
    case: _records_pb2.Case
    personal: _records_pb2.CasePersonal
    def __init__(self, case: _Optional[_Union[_records_pb2.Case, _Mapping]] = ..., personal: _Optional[_Union[_records_pb2.CasePersonal, _Mapping]] = ...) -> None: ...

class RegisterPartyRequest(_message.Message):
    __slots__ = ["party"]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    party: _records_pb2.Party
    def __init__(self, party: _Optional[_Union[_records_pb2.Party, _Mapping]] = ...) -> None: ...

class RegisterSiteRequest(_message.Message):
    __slots__ = ["site"]
    SITE_FIELD_NUMBER: _ClassVar[int]
    site: _records_pb2.Site
    def __init__(self, site: _Optional[_Union[_records_pb2.Site, _Mapping]] = ...) -> None: ...

class SetCaseStatusRequest(_message.Message):
    __slots__ = ["case_id", "date", "reason", "status"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    date: str
    reason: str
    status: _records_pb2.Case.Status
    def __init__(self, case_id: _Optional[str] = ..., status: _Optional[_Union[_records_pb2.Case.Status, str]] = ..., date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SetCrossingStatusRequest(_message.Message):
    __slots__ = ["reason", "site_id", "status"]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    reason: str
    site_id: str
    status: _records_pb2.Site.CrossingStatus
    def __init__(self, site_id: _Optional[str] = ..., status: _Optional[_Union[_records_pb2.Site.CrossingStatus, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdateCaseRequest(_message.Message):
    __slots__ = ["case", "fields", "personal", "reason"]
    CASE_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    case: _records_pb2.Case
    fields: _containers.RepeatedScalarFieldContainer[str]
    personal: _records_pb2.CasePersonal
    reason: str
    def __init__(self, case: _Optional[_Union[_records_pb2.Case, _Mapping]] = ..., personal: _Optional[_Union[_records_pb2.CasePersonal, _Mapping]] = ..., fields: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdatePartyRequest(_message.Message):
    __slots__ = ["fields", "party", "reason"]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedScalarFieldContainer[str]
    party: _records_pb2.Party
    reason: str
    def __init__(self, party: _Optional[_Union[_records_pb2.Party, _Mapping]] = ..., fields: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdateSiteRequest(_message.Message):
    __slots__ = ["fields", "reason", "site"]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedScalarFieldContainer[str]
    reason: str
    site: _records_pb2.Site
    def __init__(self, site: _Optional[_Union[_records_pb2.Site, _Mapping]] = ..., fields: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ...) -> None: ...

class WatchRequest(_message.Message):
    __slots__ = ["from_sequence", "kinds", "record_id"]
    FROM_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    from_sequence: int
    kinds: _containers.RepeatedScalarFieldContainer[str]
    record_id: str
    def __init__(self, from_sequence: _Optional[int] = ..., kinds: _Optional[_Iterable[str]] = ..., record_id: _Optional[str] = ...) -> None: ...

class WatchedEvent(_message.Message):
    __slots__ = ["event", "recorded_at_ns", "sequence"]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_NS_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    event: _events_pb2.Event
    recorded_at_ns: int
    sequence: int
    def __init__(self, sequence: _Optional[int] = ..., recorded_at_ns: _Optional[int] = ..., event: _Optional[_Union[_events_pb2.Event, _Mapping]] = ...) -> None: ...
