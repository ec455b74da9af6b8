from corridor.v1 import events_pb2 as _events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AuditRecord(_message.Message):
    __slots__ = ["actor", "case_id", "detail", "kind", "method", "recorded_at_ns", "sequence"]
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ADMIN_ACTION: AuditRecord.Kind
    BREAK_GLASS: AuditRecord.Kind
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    DENIED: AuditRecord.Kind
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    DISCLOSURE: AuditRecord.Kind
    KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_UNSPECIFIED: AuditRecord.Kind
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_READ: AuditRecord.Kind
    RECORDED_AT_NS_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    actor: _events_pb2.Actor
    case_id: str
    detail: str
    kind: AuditRecord.Kind
    method: str
    recorded_at_ns: int
    sequence: int
    def __init__(self, kind: _Optional[_Union[AuditRecord.Kind, str]] = ..., sequence: _Optional[int] = ..., recorded_at_ns: _Optional[int] = ..., actor: _Optional[_Union[_events_pb2.Actor, _Mapping]] = ..., method: _Optional[str] = ..., case_id: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class ListAuditRecordsRequest(_message.Message):
    __slots__ = ["case_id", "kinds", "limit", "page_token", "since_ms", "until_ms", "user"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SINCE_MS_FIELD_NUMBER: _ClassVar[int]
    UNTIL_MS_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    kinds: _containers.RepeatedScalarFieldContainer[AuditRecord.Kind]
    limit: int
    page_token: str
    since_ms: int
    until_ms: int
    user: str
    def __init__(self, since_ms: _Optional[int] = ..., until_ms: _Optional[int] = ..., user: _Optional[str] = ..., case_id: _Optional[str] = ..., kinds: _Optional[_Iterable[_Union[AuditRecord.Kind, str]]] = ..., limit: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAuditRecordsResponse(_message.Message):
    __slots__ = ["next_page_token", "records"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    records: _containers.RepeatedCompositeFieldContainer[AuditRecord]
    def __init__(self, records: _Optional[_Iterable[_Union[AuditRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
