from corridor.v1 import records_pb2 as _records_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ApproveListRequest(_message.Message):
    __slots__ = ["list_id", "party_id"]
    LIST_ID_FIELD_NUMBER: _ClassVar[int]
    PARTY_ID_FIELD_NUMBER: _ClassVar[int]
    list_id: str
    party_id: str
    def __init__(self, list_id: _Optional[str] = ..., party_id: _Optional[str] = ...) -> None: ...

class CreateListRequest(_message.Message):
    __slots__ = ["list"]
    LIST_FIELD_NUMBER: _ClassVar[int]
    list: EvacuationList
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ...) -> None: ...

class DiffListRequest(_message.Message):
    __slots__ = ["from_version", "list_id", "to_version"]
    FROM_VERSION_FIELD_NUMBER: _ClassVar[int]
    LIST_ID_FIELD_NUMBER: _ClassVar[int]
    TO_VERSION_FIELD_NUMBER: _ClassVar[int]
    from_version: int
    list_id: str
    to_version: int
    def __init__(self, list_id: _Optional[str] = ..., from_version: _Optional[int] = ..., to_version: _Optional[int] = ...) -> None: ...

class DiffListResponse(_message.Message):
    __slots__ = ["changes", "to"]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[ListEntryChange]
    to: ListVersion
    def __init__(self, to: _Optional[_Union[ListVersion, _Mapping]] = ..., changes: _Optional[_Iterable[_Union[ListEntryChange, _Mapping]]] = ..., **kwargs) -> None: ...

class EligibilityRule(_message.Message):
    __slots__ = ["companions_match", "conditions", "description", "effect", "has_age_range", "id", "imposed_by", "lifted", "lifted_reason", "max_age_months", "min_age_months", "precedences", "pregnant_only", "sex"]
    class Effect(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    COMPANIONS_MATCH_FIELD_NUMBER: _ClassVar[int]
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    EFFECT_FIELD_NUMBER: _ClassVar[int]
    EFFECT_UNSPECIFIED: EligibilityRule.Effect
    EXCLUDE: EligibilityRule.Effect
    HAS_AGE_RANGE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    IMPOSED_BY_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ONLY: EligibilityRule.Effect
    LIFTED_FIELD_NUMBER: _ClassVar[int]
    LIFTED_REASON_FIELD_NUMBER: _ClassVar[int]
    MAX_AGE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    MIN_AGE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    PRECEDENCES_FIELD_NUMBER: _ClassVar[int]
    PREGNANT_ONLY_FIELD_NUMBER: _ClassVar[int]
    SEX_FIELD_NUMBER: _ClassVar[int]
    companions_match: bool
    conditions: _containers.RepeatedScalarFieldContainer[_records_pb2.Case.Condition]
    description: str
    effect: EligibilityRule.Effect
    has_age_range: bool
    id: str
    imposed_by: str
    lifted: bool
    lifted_reason: str
    max_age_months: int
    min_age_months: int
    precedences: _containers.RepeatedScalarFieldContainer[_records_pb2.Case.Precedence]
    pregnant_only: bool
    sex: _records_pb2.Case.Sex
    def __init__(self, id: _Optional[str] = ..., imposed_by: _Optional[str] = ..., description: _Optional[str] = ..., effect: _Optional[_Union[EligibilityRule.Effect, str]] = ..., sex: _Optional[_Union[_records_pb2.Case.Sex, str]] = ..., has_age_range: bool = ..., min_age_months: _Optional[int] = ..., max_age_months: _Optional[int] = ..., conditions: _Optional[_Iterable[_Union[_records_pb2.Case.Condition, str]]] = ..., precedences: _Optional[_Iterable[_Union[_records_pb2.Case.Precedence, str]]] = ..., pregnant_only: bool = ..., companions_match: bool = ..., lifted: bool = ..., lifted_reason: _Optional[str] = ...) -> None: ...

class EvacuationList(_message.Message):
    __slots__ = ["agreement_id", "approved_by", "closed_reason", "companions_count", "created_at_ms", "entries", "id", "origin_site_id", "policy_version", "quota", "required_approvals", "rule_ids", "selected_as_of", "status", "title", "version"]
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVED: EvacuationList.Status
    APPROVED_BY_FIELD_NUMBER: _ClassVar[int]
    CLOSED: EvacuationList.Status
    CLOSED_REASON_FIELD_NUMBER: _ClassVar[int]
    COMPANIONS_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    DRAFT: EvacuationList.Status
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    IN_PROGRESS: EvacuationList.Status
    ORIGIN_SITE_ID_FIELD_NUMBER: _ClassVar[int]
    POLICY_VERSION_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_APPROVALS_FIELD_NUMBER: _ClassVar[int]
    RULE_IDS_FIELD_NUMBER: _ClassVar[int]
    SELECTED_AS_OF_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_UNSPECIFIED: EvacuationList.Status
    SUBMITTED: EvacuationList.Status
    TITLE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    approved_by: _containers.RepeatedScalarFieldContainer[str]
    closed_reason: str
    companions_count: bool
    created_at_ms: int
    entries: _containers.RepeatedCompositeFieldContainer[ListEntry]
    id: str
    origin_site_id: str
    policy_version: str
    quota: int
    required_approvals: _containers.RepeatedScalarFieldContainer[str]
    rule_ids: _containers.RepeatedScalarFieldContainer[str]
    selected_as_of: str
    status: EvacuationList.Status
    title: str
    version: int
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., agreement_id: _Optional[str] = ..., origin_site_id: _Optional[str] = ..., quota: _Optional[int] = ..., rule_ids: _Optional[_Iterable[str]] = ..., companions_count: bool = ..., status: _Optional[_Union[EvacuationList.Status, str]] = ..., policy_version: _Optional[str] = ..., required_approvals: _Optional[_Iterable[str]] = ..., approved_by: _Optional[_Iterable[str]] = ..., entries: _Optional[_Iterable[_Union[ListEntry, _Mapping]]] = ..., version: _Optional[int] = ..., created_at_ms: _Optional[int] = ..., closed_reason: _Optional[str] = ..., selected_as_of: _Optional[str] = ...) -> None: ...

class GetListVersionRequest(_message.Message):
    __slots__ = ["list_id", "version"]
    LIST_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    list_id: str
    version: int
    def __init__(self, list_id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class ImposeRuleRequest(_message.Message):
    __slots__ = ["rule"]
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: EligibilityRule
    def __init__(self, rule: _Optional[_Union[EligibilityRule, _Mapping]] = ...) -> None: ...

class LeftOutCase(_message.Message):
    __slots__ = ["case_id", "imposed_by", "rank", "reason", "rule_id"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    IMPOSED_BY_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    imposed_by: str
    rank: int
    reason: str
    rule_id: str
    def __init__(self, case_id: _Optional[str] = ..., rule_id: _Optional[str] = ..., imposed_by: _Optional[str] = ..., rank: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class LeftOutCount(_message.Message):
    __slots__ = ["count", "imposed_by", "reason", "rule_id"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    IMPOSED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    count: int
    imposed_by: str
    reason: str
    rule_id: str
    def __init__(self, reason: _Optional[str] = ..., count: _Optional[int] = ..., rule_id: _Optional[str] = ..., imposed_by: _Optional[str] = ...) -> None: ...

class LeftOutRequest(_message.Message):
    __slots__ = ["limit", "list_id", "offset"]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    LIST_ID_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    limit: int
    list_id: str
    offset: int
    def __init__(self, list_id: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class LeftOutResponse(_message.Message):
    __slots__ = ["considered", "left_out", "left_out_counts", "left_out_total"]
    CONSIDERED_FIELD_NUMBER: _ClassVar[int]
    LEFT_OUT_COUNTS_FIELD_NUMBER: _ClassVar[int]
    LEFT_OUT_FIELD_NUMBER: _ClassVar[int]
    LEFT_OUT_TOTAL_FIELD_NUMBER: _ClassVar[int]
    considered: int
    left_out: _containers.RepeatedCompositeFieldContainer[LeftOutCase]
    left_out_counts: _containers.RepeatedCompositeFieldContainer[LeftOutCount]
    left_out_total: int
    def __init__(self, left_out: _Optional[_Iterable[_Union[LeftOutCase, _Mapping]]] = ..., considered: _Optional[int] = ..., left_out_total: _Optional[int] = ..., left_out_counts: _Optional[_Iterable[_Union[LeftOutCount, _Mapping]]] = ...) -> None: ...

class LiftRuleRequest(_message.Message):
    __slots__ = ["reason", "rule_id"]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    reason: str
    rule_id: str
    def __init__(self, rule_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListActionRequest(_message.Message):
    __slots__ = ["list_id", "reason"]
    LIST_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    list_id: str
    reason: str
    def __init__(self, list_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListApproved(_message.Message):
    __slots__ = ["list", "party_id"]
    LIST_FIELD_NUMBER: _ClassVar[int]
    PARTY_ID_FIELD_NUMBER: _ClassVar[int]
    list: EvacuationList
    party_id: str
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ..., party_id: _Optional[str] = ...) -> None: ...

class ListCreated(_message.Message):
    __slots__ = ["list"]
    LIST_FIELD_NUMBER: _ClassVar[int]
    list: EvacuationList
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ...) -> None: ...

class ListEntry(_message.Message):
    __slots__ = ["added_in_version", "case_id", "companion_ids", "companions_left", "explanation", "rank", "reason", "state", "struck_by"]
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class LeftCompanion(_message.Message):
        __slots__ = ["case_id", "reason"]
        CASE_ID_FIELD_NUMBER: _ClassVar[int]
        REASON_FIELD_NUMBER: _ClassVar[int]
        case_id: str
        reason: str
        def __init__(self, case_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
    ACTIVE: ListEntry.State
    ADDED_IN_VERSION_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    COMPANIONS_LEFT_FIELD_NUMBER: _ClassVar[int]
    COMPANION_IDS_FIELD_NUMBER: _ClassVar[int]
    DROPPED: ListEntry.State
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STATE_UNSPECIFIED: ListEntry.State
    STRUCK: ListEntry.State
    STRUCK_BY_FIELD_NUMBER: _ClassVar[int]
    added_in_version: int
    case_id: str
    companion_ids: _containers.RepeatedScalarFieldContainer[str]
    companions_left: _containers.RepeatedCompositeFieldContainer[ListEntry.LeftCompanion]
    explanation: str
    rank: int
    reason: str
    state: ListEntry.State
    struck_by: str
    def __init__(self, rank: _Optional[int] = ..., case_id: _Optional[str] = ..., explanation: _Optional[str] = ..., companion_ids: _Optional[_Iterable[str]] = ..., state: _Optional[_Union[ListEntry.State, str]] = ..., struck_by: _Optional[str] = ..., reason: _Optional[str] = ..., added_in_version: _Optional[int] = ..., companions_left: _Optional[_Iterable[_Union[ListEntry.LeftCompanion, _Mapping]]] = ...) -> None: ...

class ListEntryChange(_message.Message):
    __slots__ = ["case_id", "change", "from_rank", "from_state", "reason", "to_rank", "to_state"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    FROM_RANK_FIELD_NUMBER: _ClassVar[int]
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TO_RANK_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    change: str
    from_rank: int
    from_state: ListEntry.State
    reason: str
    to_rank: int
    to_state: ListEntry.State
    def __init__(self, case_id: _Optional[str] = ..., change: _Optional[str] = ..., from_rank: _Optional[int] = ..., to_rank: _Optional[int] = ..., from_state: _Optional[_Union[ListEntry.State, str]] = ..., to_state: _Optional[_Union[ListEntry.State, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class ListEntryDropped(_message.Message):
    __slots__ = ["case_id", "companion_of", "list"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    COMPANION_OF_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    companion_of: str
    list: EvacuationList
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ..., case_id: _Optional[str] = ..., companion_of: _Optional[str] = ...) -> None: ...

class ListEntryStruck(_message.Message):
    __slots__ = ["case_id", "list", "party_id"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    PARTY_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    list: EvacuationList
    party_id: str
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ..., case_id: _Optional[str] = ..., party_id: _Optional[str] = ...) -> None: ...

class ListListsRequest(_message.Message):
    __slots__ = ["agreement_id", "status"]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    status: EvacuationList.Status
    def __init__(self, agreement_id: _Optional[str] = ..., status: _Optional[_Union[EvacuationList.Status, str]] = ...) -> None: ...

class ListListsResponse(_message.Message):
    __slots__ = ["lists"]
    LISTS_FIELD_NUMBER: _ClassVar[int]
    lists: _containers.RepeatedCompositeFieldContainer[ListSummary]
    def __init__(self, lists: _Optional[_Iterable[_Union[ListSummary, _Mapping]]] = ...) -> None: ...

class ListRulesRequest(_message.Message):
    __slots__ = ["imposed_by"]
    IMPOSED_BY_FIELD_NUMBER: _ClassVar[int]
    imposed_by: str
    def __init__(self, imposed_by: _Optional[str] = ...) -> None: ...

class ListRulesResponse(_message.Message):
    __slots__ = ["rules"]
    RULES_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[EligibilityRule]
    def __init__(self, rules: _Optional[_Iterable[_Union[EligibilityRule, _Mapping]]] = ...) -> None: ...

class ListSelected(_message.Message):
    __slots__ = ["considered", "left_out", "list"]
    CONSIDERED_FIELD_NUMBER: _ClassVar[int]
    LEFT_OUT_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    considered: int
    left_out: int
    list: EvacuationList
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ..., considered: _Optional[int] = ..., left_out: _Optional[int] = ...) -> None: ...

class ListStatusChanged(_message.Message):
    __slots__ = ["list", "returned_case_ids", "to"]
    FROM_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    RETURNED_CASE_IDS_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    list: EvacuationList
    returned_case_ids: _containers.RepeatedScalarFieldContainer[str]
    to: EvacuationList.Status
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ..., to: _Optional[_Union[EvacuationList.Status, str]] = ..., returned_case_ids: _Optional[_Iterable[str]] = ..., **kwargs) -> None: ...

class ListSubmitted(_message.Message):
    __slots__ = ["list"]
    LIST_FIELD_NUMBER: _ClassVar[int]
    list: EvacuationList
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ...) -> None: ...

class ListSummary(_message.Message):
    __slots__ = ["companions", "companions_evacuated", "companions_left", "died", "evacuated", "in_transit", "list", "places_taken", "scheduled", "struck", "waiting", "withdrawn"]
    COMPANIONS_EVACUATED_FIELD_NUMBER: _ClassVar[int]
    COMPANIONS_FIELD_NUMBER: _ClassVar[int]
    COMPANIONS_LEFT_FIELD_NUMBER: _ClassVar[int]
    DIED_FIELD_NUMBER: _ClassVar[int]
    EVACUATED_FIELD_NUMBER: _ClassVar[int]
    IN_TRANSIT_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    PLACES_TAKEN_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_FIELD_NUMBER: _ClassVar[int]
    STRUCK_FIELD_NUMBER: _ClassVar[int]
    WAITING_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    companions: int
    companions_evacuated: int
    companions_left: int
    died: int
    evacuated: int
    in_transit: int
    list: EvacuationList
    places_taken: int
    scheduled: int
    struck: int
    waiting: int
    withdrawn: int
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ..., waiting: _Optional[int] = ..., scheduled: _Optional[int] = ..., in_transit: _Optional[int] = ..., evacuated: _Optional[int] = ..., died: _Optional[int] = ..., withdrawn: _Optional[int] = ..., struck: _Optional[int] = ..., places_taken: _Optional[int] = ..., companions: _Optional[int] = ..., companions_evacuated: _Optional[int] = ..., companions_left: _Optional[int] = ...) -> None: ...

class ListToppedUp(_message.Message):
    __slots__ = ["added_case_ids", "list"]
    ADDED_CASE_IDS_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    added_case_ids: _containers.RepeatedScalarFieldContainer[str]
    list: EvacuationList
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ..., added_case_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ListVersion(_message.Message):
    __slots__ = ["at_ms", "change", "entries", "version"]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    at_ms: int
    change: str
    entries: _containers.RepeatedCompositeFieldContainer[ListEntry]
    version: int
    def __init__(self, version: _Optional[int] = ..., at_ms: _Optional[int] = ..., change: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[ListEntry, _Mapping]]] = ...) -> None: ...

class RuleImposed(_message.Message):
    __slots__ = ["rule"]
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: EligibilityRule
    def __init__(self, rule: _Optional[_Union[EligibilityRule, _Mapping]] = ...) -> None: ...

class RuleLifted(_message.Message):
    __slots__ = ["rule"]
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: EligibilityRule
    def __init__(self, rule: _Optional[_Union[EligibilityRule, _Mapping]] = ...) -> None: ...

class SelectListRequest(_message.Message):
    __slots__ = ["as_of", "list_id", "policy_version"]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    LIST_ID_FIELD_NUMBER: _ClassVar[int]
    POLICY_VERSION_FIELD_NUMBER: _ClassVar[int]
    as_of: str
    list_id: str
    policy_version: str
    def __init__(self, list_id: _Optional[str] = ..., policy_version: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class SelectListResponse(_message.Message):
    __slots__ = ["considered", "left_out", "left_out_counts", "left_out_total", "list"]
    CONSIDERED_FIELD_NUMBER: _ClassVar[int]
    LEFT_OUT_COUNTS_FIELD_NUMBER: _ClassVar[int]
    LEFT_OUT_FIELD_NUMBER: _ClassVar[int]
    LEFT_OUT_TOTAL_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    considered: int
    left_out: _containers.RepeatedCompositeFieldContainer[LeftOutCase]
    left_out_counts: _containers.RepeatedCompositeFieldContainer[LeftOutCount]
    left_out_total: int
    list: EvacuationList
    def __init__(self, list: _Optional[_Union[EvacuationList, _Mapping]] = ..., left_out: _Optional[_Iterable[_Union[LeftOutCase, _Mapping]]] = ..., considered: _Optional[int] = ..., left_out_total: _Optional[int] = ..., left_out_counts: _Optional[_Iterable[_Union[LeftOutCount, _Mapping]]] = ...) -> None: ...

class StrikeEntryRequest(_message.Message):
    __slots__ = ["case_id", "list_id", "party_id", "reason", "top_up"]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    LIST_ID_FIELD_NUMBER: _ClassVar[int]
    PARTY_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TOP_UP_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    list_id: str
    party_id: str
    reason: str
    top_up: bool
    def __init__(self, list_id: _Optional[str] = ..., case_id: _Optional[str] = ..., party_id: _Optional[str] = ..., reason: _Optional[str] = ..., top_up: bool = ...) -> None: ...
