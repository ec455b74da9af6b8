from corridor.v1 import health_pb2 as _health_pb2
from corridor.v1 import events_pb2 as _events_pb2
from corridor.v1 import figures_pb2 as _figures_pb2
from corridor.v1 import frame_pb2 as _frame_pb2
from corridor.v1 import lists_pb2 as _lists_pb2
from corridor.v1 import movements_pb2 as _movements_pb2
from corridor.v1 import registry_pb2 as _registry_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AccessCheckReport(_message.Message):
    __slots__ = ["file", "groups", "users"]
    FILE_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    USERS_FIELD_NUMBER: _ClassVar[int]
    file: str
    groups: _containers.RepeatedCompositeFieldContainer[AccessRoleGrant]
    users: _containers.RepeatedCompositeFieldContainer[AccessRoleGrant]
    def __init__(self, file: _Optional[str] = ..., users: _Optional[_Iterable[_Union[AccessRoleGrant, _Mapping]]] = ..., groups: _Optional[_Iterable[_Union[AccessRoleGrant, _Mapping]]] = ...) -> None: ...

class AccessRoleGrant(_message.Message):
    __slots__ = ["name", "role"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    name: str
    role: str
    def __init__(self, name: _Optional[str] = ..., role: _Optional[str] = ...) -> None: ...

class CaseListPage(_message.Message):
    __slots__ = ["cases", "next_page_token", "total"]
    CASES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    cases: _containers.RepeatedCompositeFieldContainer[_registry_pb2.CaseView]
    next_page_token: str
    total: int
    def __init__(self, cases: _Optional[_Iterable[_Union[_registry_pb2.CaseView, _Mapping]]] = ..., total: _Optional[int] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CasesExport(_message.Message):
    __slots__ = ["cases", "count", "export", "exported_at"]
    CASES_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    EXPORTED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPORT_FIELD_NUMBER: _ClassVar[int]
    cases: _containers.RepeatedCompositeFieldContainer[_registry_pb2.CaseView]
    count: int
    export: str
    exported_at: str
    def __init__(self, cases: _Optional[_Iterable[_Union[_registry_pb2.CaseView, _Mapping]]] = ..., count: _Optional[int] = ..., export: _Optional[str] = ..., exported_at: _Optional[str] = ...) -> None: ...

class CliError(_message.Message):
    __slots__ = ["code", "code_number", "field_violations", "hint", "message"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    CODE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    FIELD_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    HINT_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: _frame_pb2.StatusCode
    code_number: int
    field_violations: _containers.RepeatedCompositeFieldContainer[_frame_pb2.FieldViolation]
    hint: str
    message: str
    def __init__(self, code: _Optional[_Union[_frame_pb2.StatusCode, str]] = ..., code_number: _Optional[int] = ..., message: _Optional[str] = ..., field_violations: _Optional[_Iterable[_Union[_frame_pb2.FieldViolation, _Mapping]]] = ..., hint: _Optional[str] = ...) -> None: ...

class DemoSummary(_message.Message):
    __slots__ = ["agreement", "cases", "evacuated", "evacuations_done", "evacuations_target", "figures", "list", "list_status", "listed", "movement", "parties", "sites", "try_next", "window"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    EVACUATED_FIELD_NUMBER: _ClassVar[int]
    EVACUATIONS_DONE_FIELD_NUMBER: _ClassVar[int]
    EVACUATIONS_TARGET_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    LISTED_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    LIST_STATUS_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    SITES_FIELD_NUMBER: _ClassVar[int]
    TRY_NEXT_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    agreement: str
    cases: int
    evacuated: _containers.RepeatedScalarFieldContainer[str]
    evacuations_done: int
    evacuations_target: int
    figures: _containers.RepeatedScalarFieldContainer[str]
    list: str
    list_status: _lists_pb2.EvacuationList.Status
    listed: _containers.RepeatedScalarFieldContainer[str]
    movement: str
    parties: _containers.RepeatedScalarFieldContainer[str]
    sites: _containers.RepeatedScalarFieldContainer[str]
    try_next: _containers.RepeatedScalarFieldContainer[str]
    window: str
    def __init__(self, parties: _Optional[_Iterable[str]] = ..., sites: _Optional[_Iterable[str]] = ..., cases: _Optional[int] = ..., figures: _Optional[_Iterable[str]] = ..., agreement: _Optional[str] = ..., list: _Optional[str] = ..., list_status: _Optional[_Union[_lists_pb2.EvacuationList.Status, str]] = ..., listed: _Optional[_Iterable[str]] = ..., window: _Optional[str] = ..., movement: _Optional[str] = ..., evacuated: _Optional[_Iterable[str]] = ..., evacuations_done: _Optional[int] = ..., evacuations_target: _Optional[int] = ..., try_next: _Optional[_Iterable[str]] = ...) -> None: ...

class DirectoryLock(_message.Message):
    __slots__ = ["detail", "pid", "state"]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    PID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    detail: str
    pid: int
    state: str
    def __init__(self, state: _Optional[str] = ..., pid: _Optional[int] = ..., detail: _Optional[str] = ...) -> None: ...

class DirectoryStats(_message.Message):
    __slots__ = ["directory", "first_recorded_at", "first_sequence", "last_recorded_at", "last_sequence", "lock", "record_bytes", "records", "records_by_type", "reserved_bytes", "segments", "snapshots"]
    class Segment(_message.Message):
        __slots__ = ["bytes_used", "created_at", "fault", "file", "first_sequence", "last_sequence", "records", "size_bytes", "state"]
        BYTES_USED_FIELD_NUMBER: _ClassVar[int]
        CREATED_AT_FIELD_NUMBER: _ClassVar[int]
        FAULT_FIELD_NUMBER: _ClassVar[int]
        FILE_FIELD_NUMBER: _ClassVar[int]
        FIRST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
        LAST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
        RECORDS_FIELD_NUMBER: _ClassVar[int]
        SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
        STATE_FIELD_NUMBER: _ClassVar[int]
        bytes_used: int
        created_at: str
        fault: str
        file: str
        first_sequence: int
        last_sequence: int
        records: int
        size_bytes: int
        state: str
        def __init__(self, file: _Optional[str] = ..., state: _Optional[str] = ..., first_sequence: _Optional[int] = ..., last_sequence: _Optional[int] = ..., records: _Optional[int] = ..., bytes_used: _Optional[int] = ..., size_bytes: _Optional[int] = ..., created_at: _Optional[str] = ..., fault: _Optional[str] = ...) -> None: ...
    class Snapshot(_message.Message):
        __slots__ = ["created_at", "fault", "file", "sequence", "size_bytes", "valid"]
        CREATED_AT_FIELD_NUMBER: _ClassVar[int]
        FAULT_FIELD_NUMBER: _ClassVar[int]
        FILE_FIELD_NUMBER: _ClassVar[int]
        SEQUENCE_FIELD_NUMBER: _ClassVar[int]
        SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
        VALID_FIELD_NUMBER: _ClassVar[int]
        created_at: str
        fault: str
        file: str
        sequence: int
        size_bytes: int
        valid: bool
        def __init__(self, file: _Optional[str] = ..., sequence: _Optional[int] = ..., created_at: _Optional[str] = ..., size_bytes: _Optional[int] = ..., valid: bool = ..., fault: _Optional[str] = ...) -> None: ...
    class TypeCount(_message.Message):
        __slots__ = ["records", "type"]
        RECORDS_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        records: int
        type: str
        def __init__(self, type: _Optional[str] = ..., records: _Optional[int] = ...) -> None: ...
    DIRECTORY_FIELD_NUMBER: _ClassVar[int]
    FIRST_RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    LAST_RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    LOCK_FIELD_NUMBER: _ClassVar[int]
    RECORDS_BY_TYPE_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    RECORD_BYTES_FIELD_NUMBER: _ClassVar[int]
    RESERVED_BYTES_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOTS_FIELD_NUMBER: _ClassVar[int]
    directory: str
    first_recorded_at: str
    first_sequence: int
    last_recorded_at: str
    last_sequence: int
    lock: DirectoryLock
    record_bytes: int
    records: int
    records_by_type: _containers.RepeatedCompositeFieldContainer[DirectoryStats.TypeCount]
    reserved_bytes: int
    segments: _containers.RepeatedCompositeFieldContainer[DirectoryStats.Segment]
    snapshots: _containers.RepeatedCompositeFieldContainer[DirectoryStats.Snapshot]
    def __init__(self, directory: _Optional[str] = ..., lock: _Optional[_Union[DirectoryLock, _Mapping]] = ..., records: _Optional[int] = ..., first_sequence: _Optional[int] = ..., first_recorded_at: _Optional[str] = ..., last_sequence: _Optional[int] = ..., last_recorded_at: _Optional[str] = ..., record_bytes: _Optional[int] = ..., reserved_bytes: _Optional[int] = ..., records_by_type: _Optional[_Iterable[_Union[DirectoryStats.TypeCount, _Mapping]]] = ..., segments: _Optional[_Iterable[_Union[DirectoryStats.Segment, _Mapping]]] = ..., snapshots: _Optional[_Iterable[_Union[DirectoryStats.Snapshot, _Mapping]]] = ...) -> None: ...

class FiguresExport(_message.Message):
    __slots__ = ["count", "export", "exported_at", "figures"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    EXPORTED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPORT_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    count: int
    export: str
    exported_at: str
    figures: _containers.RepeatedCompositeFieldContainer[_figures_pb2.Figure]
    def __init__(self, figures: _Optional[_Iterable[_Union[_figures_pb2.Figure, _Mapping]]] = ..., count: _Optional[int] = ..., export: _Optional[str] = ..., exported_at: _Optional[str] = ...) -> None: ...

class HealthView(_message.Message):
    __slots__ = ["service", "status"]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    service: str
    status: _health_pb2.HealthCheckResponse.ServingStatus
    def __init__(self, service: _Optional[str] = ..., status: _Optional[_Union[_health_pb2.HealthCheckResponse.ServingStatus, str]] = ...) -> None: ...

class InspectFinding(_message.Message):
    __slots__ = ["fault", "file", "has_offset", "offset", "severity"]
    FAULT_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    HAS_OFFSET_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    fault: str
    file: str
    has_offset: bool
    offset: int
    severity: str
    def __init__(self, severity: _Optional[str] = ..., file: _Optional[str] = ..., has_offset: bool = ..., offset: _Optional[int] = ..., fault: _Optional[str] = ...) -> None: ...

class InspectedRecord(_message.Message):
    __slots__ = ["commit", "event", "payload", "recorded_at", "sequence", "type", "type_number", "undecodable"]
    COMMIT_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TYPE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    UNDECODABLE_FIELD_NUMBER: _ClassVar[int]
    commit: bool
    event: _events_pb2.Event
    payload: bytes
    recorded_at: str
    sequence: int
    type: str
    type_number: int
    undecodable: str
    def __init__(self, sequence: _Optional[int] = ..., recorded_at: _Optional[str] = ..., type: _Optional[str] = ..., type_number: _Optional[int] = ..., commit: bool = ..., event: _Optional[_Union[_events_pb2.Event, _Mapping]] = ..., undecodable: _Optional[str] = ..., payload: _Optional[bytes] = ...) -> None: ...

class ListsExport(_message.Message):
    __slots__ = ["count", "export", "exported_at", "lists"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    EXPORTED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPORT_FIELD_NUMBER: _ClassVar[int]
    LISTS_FIELD_NUMBER: _ClassVar[int]
    count: int
    export: str
    exported_at: str
    lists: _containers.RepeatedCompositeFieldContainer[_lists_pb2.ListSummary]
    def __init__(self, lists: _Optional[_Iterable[_Union[_lists_pb2.ListSummary, _Mapping]]] = ..., count: _Optional[int] = ..., export: _Optional[str] = ..., exported_at: _Optional[str] = ...) -> None: ...

class MovementsExport(_message.Message):
    __slots__ = ["count", "export", "exported_at", "movements"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    EXPORTED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPORT_FIELD_NUMBER: _ClassVar[int]
    MOVEMENTS_FIELD_NUMBER: _ClassVar[int]
    count: int
    export: str
    exported_at: str
    movements: _containers.RepeatedCompositeFieldContainer[_movements_pb2.Movement]
    def __init__(self, movements: _Optional[_Iterable[_Union[_movements_pb2.Movement, _Mapping]]] = ..., count: _Optional[int] = ..., export: _Optional[str] = ..., exported_at: _Optional[str] = ...) -> None: ...

class PingSummary(_message.Message):
    __slots__ = ["count", "max_ns", "min_ns", "p50_ns", "p99_ns", "payload_bytes"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_NS_FIELD_NUMBER: _ClassVar[int]
    MIN_NS_FIELD_NUMBER: _ClassVar[int]
    P50_NS_FIELD_NUMBER: _ClassVar[int]
    P99_NS_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_BYTES_FIELD_NUMBER: _ClassVar[int]
    count: int
    max_ns: int
    min_ns: int
    p50_ns: int
    p99_ns: int
    payload_bytes: int
    def __init__(self, count: _Optional[int] = ..., payload_bytes: _Optional[int] = ..., min_ns: _Optional[int] = ..., p50_ns: _Optional[int] = ..., p99_ns: _Optional[int] = ..., max_ns: _Optional[int] = ...) -> None: ...

class VerifyReport(_message.Message):
    __slots__ = ["clean", "directory", "findings", "first_fault", "first_sequence", "last_sequence", "lock", "records", "segments", "snapshots"]
    CLEAN_FIELD_NUMBER: _ClassVar[int]
    DIRECTORY_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    FIRST_FAULT_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    LOCK_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOTS_FIELD_NUMBER: _ClassVar[int]
    clean: bool
    directory: str
    findings: _containers.RepeatedCompositeFieldContainer[InspectFinding]
    first_fault: InspectFinding
    first_sequence: int
    last_sequence: int
    lock: DirectoryLock
    records: int
    segments: int
    snapshots: int
    def __init__(self, directory: _Optional[str] = ..., clean: bool = ..., lock: _Optional[_Union[DirectoryLock, _Mapping]] = ..., segments: _Optional[int] = ..., records: _Optional[int] = ..., first_sequence: _Optional[int] = ..., last_sequence: _Optional[int] = ..., snapshots: _Optional[int] = ..., first_fault: _Optional[_Union[InspectFinding, _Mapping]] = ..., findings: _Optional[_Iterable[_Union[InspectFinding, _Mapping]]] = ...) -> None: ...
