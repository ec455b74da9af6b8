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

class AgreementEntry(_message.Message):
    __slots__ = ["agreement", "history"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    agreement: _agreements_pb2.Agreement
    history: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, agreement: _Optional[_Union[_agreements_pb2.Agreement, _Mapping]] = ..., history: _Optional[_Iterable[int]] = ...) -> None: ...

class CaseEntry(_message.Message):
    __slots__ = ["case", "history", "personal", "sealed_personal"]
    CASE_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_FIELD_NUMBER: _ClassVar[int]
    SEALED_PERSONAL_FIELD_NUMBER: _ClassVar[int]
    case: _records_pb2.Case
    history: _containers.RepeatedScalarFieldContainer[int]
    personal: _records_pb2.CasePersonal
    sealed_personal: _records_pb2.SealedPersonal
    def __init__(self, case: _Optional[_Union[_records_pb2.Case, _Mapping]] = ..., personal: _Optional[_Union[_records_pb2.CasePersonal, _Mapping]] = ..., history: _Optional[_Iterable[int]] = ..., sealed_personal: _Optional[_Union[_records_pb2.SealedPersonal, _Mapping]] = ...) -> None: ...

class FigureEntry(_message.Message):
    __slots__ = ["figure", "history"]
    FIGURE_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    figure: _figures_pb2.Figure
    history: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, figure: _Optional[_Union[_figures_pb2.Figure, _Mapping]] = ..., history: _Optional[_Iterable[int]] = ...) -> None: ...

class ListEntryRecord(_message.Message):
    __slots__ = ["history", "list", "versions"]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    history: _containers.RepeatedScalarFieldContainer[int]
    list: _lists_pb2.EvacuationList
    versions: _containers.RepeatedCompositeFieldContainer[_lists_pb2.ListVersion]
    def __init__(self, list: _Optional[_Union[_lists_pb2.EvacuationList, _Mapping]] = ..., versions: _Optional[_Iterable[_Union[_lists_pb2.ListVersion, _Mapping]]] = ..., history: _Optional[_Iterable[int]] = ...) -> None: ...

class MovementEntry(_message.Message):
    __slots__ = ["history", "movement"]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    history: _containers.RepeatedScalarFieldContainer[int]
    movement: _movements_pb2.Movement
    def __init__(self, movement: _Optional[_Union[_movements_pb2.Movement, _Mapping]] = ..., history: _Optional[_Iterable[int]] = ...) -> None: ...

class PartyEntry(_message.Message):
    __slots__ = ["history", "party"]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    history: _containers.RepeatedScalarFieldContainer[int]
    party: _records_pb2.Party
    def __init__(self, party: _Optional[_Union[_records_pb2.Party, _Mapping]] = ..., history: _Optional[_Iterable[int]] = ...) -> None: ...

class RegistryCounters(_message.Message):
    __slots__ = ["next_case_number", "next_figure_number"]
    NEXT_CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    NEXT_FIGURE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    next_case_number: int
    next_figure_number: int
    def __init__(self, next_case_number: _Optional[int] = ..., next_figure_number: _Optional[int] = ...) -> None: ...

class RuleEntry(_message.Message):
    __slots__ = ["history", "rule"]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    history: _containers.RepeatedScalarFieldContainer[int]
    rule: _lists_pb2.EligibilityRule
    def __init__(self, rule: _Optional[_Union[_lists_pb2.EligibilityRule, _Mapping]] = ..., history: _Optional[_Iterable[int]] = ...) -> None: ...

class SiteEntry(_message.Message):
    __slots__ = ["history", "site"]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    history: _containers.RepeatedScalarFieldContainer[int]
    site: _records_pb2.Site
    def __init__(self, site: _Optional[_Union[_records_pb2.Site, _Mapping]] = ..., history: _Optional[_Iterable[int]] = ...) -> None: ...

class SnapshotEntry(_message.Message):
    __slots__ = ["agreement", "case_entry", "counters", "figure", "list", "movement", "party", "rule", "site", "window"]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    CASE_ENTRY_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    FIGURE_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    PARTY_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    agreement: AgreementEntry
    case_entry: CaseEntry
    counters: RegistryCounters
    figure: FigureEntry
    list: ListEntryRecord
    movement: MovementEntry
    party: PartyEntry
    rule: RuleEntry
    site: SiteEntry
    window: WindowEntry
    def __init__(self, party: _Optional[_Union[PartyEntry, _Mapping]] = ..., site: _Optional[_Union[SiteEntry, _Mapping]] = ..., case_entry: _Optional[_Union[CaseEntry, _Mapping]] = ..., counters: _Optional[_Union[RegistryCounters, _Mapping]] = ..., rule: _Optional[_Union[RuleEntry, _Mapping]] = ..., list: _Optional[_Union[ListEntryRecord, _Mapping]] = ..., agreement: _Optional[_Union[AgreementEntry, _Mapping]] = ..., window: _Optional[_Union[WindowEntry, _Mapping]] = ..., movement: _Optional[_Union[MovementEntry, _Mapping]] = ..., figure: _Optional[_Union[FigureEntry, _Mapping]] = ...) -> None: ...

class WindowEntry(_message.Message):
    __slots__ = ["history", "window"]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    history: _containers.RepeatedScalarFieldContainer[int]
    window: _windows_pb2.AccessWindow
    def __init__(self, window: _Optional[_Union[_windows_pb2.AccessWindow, _Mapping]] = ..., history: _Optional[_Iterable[int]] = ...) -> None: ...
