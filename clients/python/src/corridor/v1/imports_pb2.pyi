from corridor.v1 import records_pb2 as _records_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ImportCaseRow(_message.Message):
    __slots__ = ["case", "personal", "row"]
    CASE_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_FIELD_NUMBER: _ClassVar[int]
    ROW_FIELD_NUMBER: _ClassVar[int]
    case: _records_pb2.Case
    personal: _records_pb2.CasePersonal
    row: int
    def __init__(self, row: _Optional[int] = ..., case: _Optional[_Union[_records_pb2.Case, _Mapping]] = ..., personal: _Optional[_Union[_records_pb2.CasePersonal, _Mapping]] = ...) -> None: ...

class ImportCasesRequest(_message.Message):
    __slots__ = ["dry_run", "reason", "rows"]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    dry_run: bool
    reason: str
    rows: _containers.RepeatedCompositeFieldContainer[ImportCaseRow]
    def __init__(self, rows: _Optional[_Iterable[_Union[ImportCaseRow, _Mapping]]] = ..., dry_run: bool = ..., reason: _Optional[str] = ...) -> None: ...

class ImportCasesResponse(_message.Message):
    __slots__ = ["cases", "dry_run", "sequence"]
    CASES_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    cases: _containers.RepeatedCompositeFieldContainer[ImportedCase]
    dry_run: bool
    sequence: int
    def __init__(self, cases: _Optional[_Iterable[_Union[ImportedCase, _Mapping]]] = ..., dry_run: bool = ..., sequence: _Optional[int] = ...) -> None: ...

class ImportedCase(_message.Message):
    __slots__ = ["case_id", "row"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ROW_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    row: int
    def __init__(self, row: _Optional[int] = ..., case_id: _Optional[str] = ...) -> None: ...
