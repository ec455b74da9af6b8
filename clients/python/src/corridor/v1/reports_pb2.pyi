from corridor.v1 import records_pb2 as _records_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DeathsAtSite(_message.Message):
    __slots__ = ["case_ids", "count", "site_id"]
    CASE_IDS_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    case_ids: _containers.RepeatedScalarFieldContainer[str]
    count: int
    site_id: str
    def __init__(self, site_id: _Optional[str] = ..., count: _Optional[int] = ..., case_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class DeathsWhileWaitingRequest(_message.Message):
    __slots__ = ["site_id", "to"]
    FROM_FIELD_NUMBER: _ClassVar[int]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    site_id: str
    to: str
    def __init__(self, site_id: _Optional[str] = ..., to: _Optional[str] = ..., **kwargs) -> None: ...

class DeathsWhileWaitingResponse(_message.Message):
    __slots__ = ["sites", "total"]
    SITES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    sites: _containers.RepeatedCompositeFieldContainer[DeathsAtSite]
    total: int
    def __init__(self, sites: _Optional[_Iterable[_Union[DeathsAtSite, _Mapping]]] = ..., total: _Optional[int] = ...) -> None: ...

class PrecedenceCount(_message.Message):
    __slots__ = ["count", "longest_wait_days", "precedence"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    LONGEST_WAIT_DAYS_FIELD_NUMBER: _ClassVar[int]
    PRECEDENCE_FIELD_NUMBER: _ClassVar[int]
    count: int
    longest_wait_days: int
    precedence: _records_pb2.Case.Precedence
    def __init__(self, precedence: _Optional[_Union[_records_pb2.Case.Precedence, str]] = ..., count: _Optional[int] = ..., longest_wait_days: _Optional[int] = ...) -> None: ...

class WaitingCaseRow(_message.Message):
    __slots__ = ["age_months", "case_id", "conditions", "days_waited", "precedence", "site_id", "status"]
    AGE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    DAYS_WAITED_FIELD_NUMBER: _ClassVar[int]
    PRECEDENCE_FIELD_NUMBER: _ClassVar[int]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    age_months: int
    case_id: str
    conditions: _containers.RepeatedScalarFieldContainer[_records_pb2.Case.Condition]
    days_waited: int
    precedence: _records_pb2.Case.Precedence
    site_id: str
    status: _records_pb2.Case.Status
    def __init__(self, case_id: _Optional[str] = ..., site_id: _Optional[str] = ..., precedence: _Optional[_Union[_records_pb2.Case.Precedence, str]] = ..., days_waited: _Optional[int] = ..., status: _Optional[_Union[_records_pb2.Case.Status, str]] = ..., age_months: _Optional[int] = ..., conditions: _Optional[_Iterable[_Union[_records_pb2.Case.Condition, str]]] = ...) -> None: ...

class WaitingCasesRequest(_message.Message):
    __slots__ = ["limit", "precedence", "site_id"]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PRECEDENCE_FIELD_NUMBER: _ClassVar[int]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    limit: int
    precedence: _records_pb2.Case.Precedence
    site_id: str
    def __init__(self, site_id: _Optional[str] = ..., precedence: _Optional[_Union[_records_pb2.Case.Precedence, str]] = ..., limit: _Optional[int] = ...) -> None: ...

class WaitingCasesResponse(_message.Message):
    __slots__ = ["by_precedence", "cases", "total"]
    BY_PRECEDENCE_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    by_precedence: _containers.RepeatedCompositeFieldContainer[PrecedenceCount]
    cases: _containers.RepeatedCompositeFieldContainer[WaitingCaseRow]
    total: int
    def __init__(self, cases: _Optional[_Iterable[_Union[WaitingCaseRow, _Mapping]]] = ..., by_precedence: _Optional[_Iterable[_Union[PrecedenceCount, _Mapping]]] = ..., total: _Optional[int] = ...) -> None: ...
