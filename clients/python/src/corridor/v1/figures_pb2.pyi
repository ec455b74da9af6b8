from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CompareFiguresRequest(_message.Message):
    __slots__ = ["measure", "subject_id"]
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    measure: Figure.Measure
    subject_id: str
    def __init__(self, subject_id: _Optional[str] = ..., measure: _Optional[_Union[Figure.Measure, str]] = ...) -> None: ...

class CompareFiguresResponse(_message.Message):
    __slots__ = ["claims", "registry_count", "registry_count_description", "registry_counts"]
    CLAIMS_FIELD_NUMBER: _ClassVar[int]
    REGISTRY_COUNTS_FIELD_NUMBER: _ClassVar[int]
    REGISTRY_COUNT_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REGISTRY_COUNT_FIELD_NUMBER: _ClassVar[int]
    claims: _containers.RepeatedCompositeFieldContainer[Figure]
    registry_count: int
    registry_count_description: str
    registry_counts: bool
    def __init__(self, claims: _Optional[_Iterable[_Union[Figure, _Mapping]]] = ..., registry_counts: bool = ..., registry_count: _Optional[int] = ..., registry_count_description: _Optional[str] = ...) -> None: ...

class Figure(_message.Message):
    __slots__ = ["as_of", "as_of_end", "high", "id", "low", "measure", "note", "qualifier", "recorded_at_ms", "reported_in", "source_party_id", "source_party_ids", "subject_id", "subject_kind"]
    class Measure(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Qualifier(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class SubjectKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    ABOUT: Figure.Qualifier
    AGREEMENT: Figure.SubjectKind
    ALMOST: Figure.Qualifier
    AS_OF_END_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    AT_LEAST: Figure.Qualifier
    BODIES_RECOVERED: Figure.Measure
    CHILDREN: Figure.Measure
    DETAINEES_RELEASED: Figure.Measure
    DIED_WHILE_WAITING: Figure.Measure
    EVACUATED: Figure.Measure
    EXACT: Figure.Qualifier
    FAMILIES: Figure.Measure
    FIGHTERS: Figure.Measure
    HIGH_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    INJURED: Figure.Measure
    KILLED: Figure.Measure
    LOW_FIELD_NUMBER: _ClassVar[int]
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    MEASURE_UNSPECIFIED: Figure.Measure
    MORE_THAN: Figure.Qualifier
    MOVEMENT: Figure.SubjectKind
    NAMED_EVENT: Figure.SubjectKind
    NEEDING_EVACUATION: Figure.Measure
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PEOPLE_SERVED: Figure.Measure
    POPULATION: Figure.Measure
    QUALIFIER_FIELD_NUMBER: _ClassVar[int]
    QUALIFIER_UNSPECIFIED: Figure.Qualifier
    RECORDED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    REPORTED_IN_FIELD_NUMBER: _ClassVar[int]
    SITE: Figure.SubjectKind
    SOURCE_PARTY_IDS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_PARTY_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_KIND_UNSPECIFIED: Figure.SubjectKind
    TRAPPED: Figure.Measure
    UP_TO: Figure.Qualifier
    WOUNDED_EVACUATED: Figure.Measure
    as_of: str
    as_of_end: str
    high: int
    id: str
    low: int
    measure: Figure.Measure
    note: str
    qualifier: Figure.Qualifier
    recorded_at_ms: int
    reported_in: str
    source_party_id: str
    source_party_ids: _containers.RepeatedScalarFieldContainer[str]
    subject_id: str
    subject_kind: Figure.SubjectKind
    def __init__(self, id: _Optional[str] = ..., subject_kind: _Optional[_Union[Figure.SubjectKind, str]] = ..., subject_id: _Optional[str] = ..., measure: _Optional[_Union[Figure.Measure, str]] = ..., low: _Optional[int] = ..., high: _Optional[int] = ..., qualifier: _Optional[_Union[Figure.Qualifier, str]] = ..., as_of: _Optional[str] = ..., as_of_end: _Optional[str] = ..., source_party_id: _Optional[str] = ..., reported_in: _Optional[str] = ..., note: _Optional[str] = ..., recorded_at_ms: _Optional[int] = ..., source_party_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class FigureReported(_message.Message):
    __slots__ = ["figure"]
    FIGURE_FIELD_NUMBER: _ClassVar[int]
    figure: Figure
    def __init__(self, figure: _Optional[_Union[Figure, _Mapping]] = ...) -> None: ...

class ListFiguresRequest(_message.Message):
    __slots__ = ["measure", "source_party_id", "subject_id", "subject_kind"]
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_PARTY_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_KIND_FIELD_NUMBER: _ClassVar[int]
    measure: Figure.Measure
    source_party_id: str
    subject_id: str
    subject_kind: Figure.SubjectKind
    def __init__(self, subject_kind: _Optional[_Union[Figure.SubjectKind, str]] = ..., subject_id: _Optional[str] = ..., measure: _Optional[_Union[Figure.Measure, str]] = ..., source_party_id: _Optional[str] = ...) -> None: ...

class ListFiguresResponse(_message.Message):
    __slots__ = ["figures"]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    figures: _containers.RepeatedCompositeFieldContainer[Figure]
    def __init__(self, figures: _Optional[_Iterable[_Union[Figure, _Mapping]]] = ...) -> None: ...

class ReportFigureRequest(_message.Message):
    __slots__ = ["figure"]
    FIGURE_FIELD_NUMBER: _ClassVar[int]
    figure: Figure
    def __init__(self, figure: _Optional[_Union[Figure, _Mapping]] = ...) -> None: ...
