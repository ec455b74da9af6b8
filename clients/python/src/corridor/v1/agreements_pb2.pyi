from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Agreement(_message.Message):
    __slots__ = ["agreed_on", "id", "implementation_started_on", "parties", "status", "status_reason", "terms", "title"]
    class Counting(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Measure(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class PartyRole(_message.Message):
        __slots__ = ["party_id", "role"]
        PARTY_ID_FIELD_NUMBER: _ClassVar[int]
        ROLE_FIELD_NUMBER: _ClassVar[int]
        party_id: str
        role: Agreement.Role
        def __init__(self, party_id: _Optional[str] = ..., role: _Optional[_Union[Agreement.Role, str]] = ...) -> None: ...
    class Term(_message.Message):
        __slots__ = ["counting", "description", "fulfilled", "id", "list_id", "measure", "obligor_id", "target"]
        COUNTING_FIELD_NUMBER: _ClassVar[int]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        FULFILLED_FIELD_NUMBER: _ClassVar[int]
        ID_FIELD_NUMBER: _ClassVar[int]
        LIST_ID_FIELD_NUMBER: _ClassVar[int]
        MEASURE_FIELD_NUMBER: _ClassVar[int]
        OBLIGOR_ID_FIELD_NUMBER: _ClassVar[int]
        TARGET_FIELD_NUMBER: _ClassVar[int]
        counting: Agreement.Counting
        description: str
        fulfilled: int
        id: str
        list_id: str
        measure: Agreement.Measure
        obligor_id: str
        target: int
        def __init__(self, id: _Optional[str] = ..., description: _Optional[str] = ..., obligor_id: _Optional[str] = ..., measure: _Optional[_Union[Agreement.Measure, str]] = ..., target: _Optional[int] = ..., list_id: _Optional[str] = ..., fulfilled: _Optional[int] = ..., counting: _Optional[_Union[Agreement.Counting, str]] = ...) -> None: ...
    AGREED: Agreement.Status
    AGREED_ON_FIELD_NUMBER: _ClassVar[int]
    CASES: Agreement.Counting
    COLLAPSED: Agreement.Status
    COMPLETED: Agreement.Status
    COUNTING_UNSPECIFIED: Agreement.Counting
    DETAINEE_RELEASES: Agreement.Measure
    EVACUATIONS: Agreement.Measure
    FACILITATOR: Agreement.Role
    GUARANTOR: Agreement.Role
    ID_FIELD_NUMBER: _ClassVar[int]
    IMPLEMENTATION_STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    IMPLEMENTING: Agreement.Status
    MEASURE_UNSPECIFIED: Agreement.Measure
    MEDIATOR: Agreement.Role
    MONITOR: Agreement.Role
    NEGOTIATING: Agreement.Status
    OTHER_COUNT: Agreement.Measure
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    PARTY: Agreement.Role
    PEOPLE: Agreement.Counting
    ROLE_UNSPECIFIED: Agreement.Role
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_UNSPECIFIED: Agreement.Status
    SUSPENDED: Agreement.Status
    TERMS_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    agreed_on: str
    id: str
    implementation_started_on: str
    parties: _containers.RepeatedCompositeFieldContainer[Agreement.PartyRole]
    status: Agreement.Status
    status_reason: str
    terms: _containers.RepeatedCompositeFieldContainer[Agreement.Term]
    title: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., parties: _Optional[_Iterable[_Union[Agreement.PartyRole, _Mapping]]] = ..., terms: _Optional[_Iterable[_Union[Agreement.Term, _Mapping]]] = ..., agreed_on: _Optional[str] = ..., implementation_started_on: _Optional[str] = ..., status: _Optional[_Union[Agreement.Status, str]] = ..., status_reason: _Optional[str] = ...) -> None: ...

class AgreementProgress(_message.Message):
    __slots__ = ["agreement", "all_met", "terms"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    ALL_MET_FIELD_NUMBER: _ClassVar[int]
    TERMS_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    all_met: bool
    terms: _containers.RepeatedCompositeFieldContainer[TermProgress]
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ..., terms: _Optional[_Iterable[_Union[TermProgress, _Mapping]]] = ..., all_met: bool = ...) -> None: ...

class AgreementRecorded(_message.Message):
    __slots__ = ["agreement"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ...) -> None: ...

class AgreementStatusChanged(_message.Message):
    __slots__ = ["agreement", "to"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    to: Agreement.Status
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ..., to: _Optional[_Union[Agreement.Status, str]] = ..., **kwargs) -> None: ...

class AgreementUpdated(_message.Message):
    __slots__ = ["agreement", "changed_fields"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ...) -> None: ...

class FulfilmentRecorded(_message.Message):
    __slots__ = ["agreement", "count", "date", "term_id"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    TERM_ID_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    count: int
    date: str
    term_id: str
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ..., term_id: _Optional[str] = ..., count: _Optional[int] = ..., date: _Optional[str] = ...) -> None: ...

class ListAgreementsRequest(_message.Message):
    __slots__ = ["status"]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: Agreement.Status
    def __init__(self, status: _Optional[_Union[Agreement.Status, str]] = ...) -> None: ...

class ListAgreementsResponse(_message.Message):
    __slots__ = ["agreements"]
    AGREEMENTS_FIELD_NUMBER: _ClassVar[int]
    agreements: _containers.RepeatedCompositeFieldContainer[Agreement]
    def __init__(self, agreements: _Optional[_Iterable[_Union[Agreement, _Mapping]]] = ...) -> None: ...

class RecordAgreementRequest(_message.Message):
    __slots__ = ["agreement"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ...) -> None: ...

class RecordFulfilmentRequest(_message.Message):
    __slots__ = ["agreement_id", "count", "date", "reason", "term_id"]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TERM_ID_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    count: int
    date: str
    reason: str
    term_id: str
    def __init__(self, agreement_id: _Optional[str] = ..., term_id: _Optional[str] = ..., count: _Optional[int] = ..., date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SetAgreementStatusRequest(_message.Message):
    __slots__ = ["agreement_id", "date", "reason", "status"]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    date: str
    reason: str
    status: Agreement.Status
    def __init__(self, agreement_id: _Optional[str] = ..., status: _Optional[_Union[Agreement.Status, str]] = ..., reason: _Optional[str] = ..., date: _Optional[str] = ...) -> None: ...

class TermProgress(_message.Message):
    __slots__ = ["done", "source", "target", "term"]
    DONE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    TERM_FIELD_NUMBER: _ClassVar[int]
    done: int
    source: str
    target: int
    term: Agreement.Term
    def __init__(self, term: _Optional[_Union[Agreement.Term, _Mapping]] = ..., done: _Optional[int] = ..., target: _Optional[int] = ..., source: _Optional[str] = ...) -> None: ...

class UpdateAgreementRequest(_message.Message):
    __slots__ = ["agreement", "fields", "reason"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    agreement: Agreement
    fields: _containers.RepeatedScalarFieldContainer[str]
    reason: str
    def __init__(self, agreement: _Optional[_Union[Agreement, _Mapping]] = ..., fields: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ...) -> None: ...
