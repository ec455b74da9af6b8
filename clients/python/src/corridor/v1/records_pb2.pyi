from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Case(_message.Message):
    __slots__ = ["age_months", "companion_ids", "conditions", "consent_given", "field_registered_on", "id", "needs", "origin_site_id", "precedence", "pregnant", "registered_at_ms", "sex", "site_id", "status", "status_date", "status_reason"]
    class Condition(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Need(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Precedence(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Sex(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    AGE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    BLOOD_DISEASE: Case.Condition
    CANCER: Case.Condition
    COMPANION_IDS_FIELD_NUMBER: _ClassVar[int]
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    CONDITION_UNSPECIFIED: Case.Condition
    CONSENT_GIVEN_FIELD_NUMBER: _ClassVar[int]
    DECEASED: Case.Status
    DIALYSIS: Case.Need
    EVACUATED: Case.Status
    FEMALE: Case.Sex
    FIELD_REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    HEART_DISEASE: Case.Condition
    ID_FIELD_NUMBER: _ClassVar[int]
    INCUBATOR: Case.Need
    IN_TRANSIT: Case.Status
    KIDNEY_FAILURE: Case.Condition
    LISTED: Case.Status
    MALE: Case.Sex
    MALNUTRITION: Case.Condition
    NEEDS_FIELD_NUMBER: _ClassVar[int]
    NEEDS_SURGERY: Case.Condition
    NEED_UNSPECIFIED: Case.Need
    ORIGIN_SITE_ID_FIELD_NUMBER: _ClassVar[int]
    OTHER_CONDITION: Case.Condition
    OXYGEN: Case.Need
    PRECEDENCE_FIELD_NUMBER: _ClassVar[int]
    PRECEDENCE_UNSPECIFIED: Case.Precedence
    PREGNANT_FIELD_NUMBER: _ClassVar[int]
    PRIORITY: Case.Precedence
    REGISTERED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    ROUTINE: Case.Precedence
    SCHEDULED: Case.Status
    SEX_FIELD_NUMBER: _ClassVar[int]
    SEX_UNSPECIFIED: Case.Sex
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_DATE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_UNSPECIFIED: Case.Status
    STRETCHER: Case.Need
    TRAUMA: Case.Condition
    URGENT: Case.Precedence
    URGENT_SURGICAL: Case.Precedence
    WAITING: Case.Status
    WHEELCHAIR: Case.Need
    WITHDRAWN: Case.Status
    age_months: int
    companion_ids: _containers.RepeatedScalarFieldContainer[str]
    conditions: _containers.RepeatedScalarFieldContainer[Case.Condition]
    consent_given: bool
    field_registered_on: str
    id: str
    needs: _containers.RepeatedScalarFieldContainer[Case.Need]
    origin_site_id: str
    precedence: Case.Precedence
    pregnant: bool
    registered_at_ms: int
    sex: Case.Sex
    site_id: str
    status: Case.Status
    status_date: str
    status_reason: str
    def __init__(self, id: _Optional[str] = ..., site_id: _Optional[str] = ..., age_months: _Optional[int] = ..., sex: _Optional[_Union[Case.Sex, str]] = ..., precedence: _Optional[_Union[Case.Precedence, str]] = ..., conditions: _Optional[_Iterable[_Union[Case.Condition, str]]] = ..., needs: _Optional[_Iterable[_Union[Case.Need, str]]] = ..., consent_given: bool = ..., companion_ids: _Optional[_Iterable[str]] = ..., pregnant: bool = ..., status: _Optional[_Union[Case.Status, str]] = ..., registered_at_ms: _Optional[int] = ..., status_reason: _Optional[str] = ..., status_date: _Optional[str] = ..., origin_site_id: _Optional[str] = ..., field_registered_on: _Optional[str] = ...) -> None: ...

class CasePersonal(_message.Message):
    __slots__ = ["clinical_notes", "contacts", "date_of_birth", "erasure", "identity_numbers", "name"]
    CLINICAL_NOTES_FIELD_NUMBER: _ClassVar[int]
    CONTACTS_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_BIRTH_FIELD_NUMBER: _ClassVar[int]
    ERASURE_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    clinical_notes: str
    contacts: _containers.RepeatedScalarFieldContainer[str]
    date_of_birth: str
    erasure: PersonalErasure
    identity_numbers: _containers.RepeatedScalarFieldContainer[str]
    name: str
    def __init__(self, name: _Optional[str] = ..., date_of_birth: _Optional[str] = ..., contacts: _Optional[_Iterable[str]] = ..., identity_numbers: _Optional[_Iterable[str]] = ..., clinical_notes: _Optional[str] = ..., erasure: _Optional[_Union[PersonalErasure, _Mapping]] = ...) -> None: ...

class Party(_message.Message):
    __slots__ = ["aliases", "full_name", "id", "kind", "short_name"]
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    ARMED_GROUP: Party.Kind
    CIVIL_SOCIETY: Party.Kind
    FULL_NAME_FIELD_NUMBER: _ClassVar[int]
    GOVERNMENT: Party.Kind
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_UNSPECIFIED: Party.Kind
    LOCAL_COUNCIL: Party.Kind
    MEDIA: Party.Kind
    MONITOR: Party.Kind
    NGO: Party.Kind
    RED_CROSS_RED_CRESCENT: Party.Kind
    SHORT_NAME_FIELD_NUMBER: _ClassVar[int]
    STATE: Party.Kind
    UN_AGENCY: Party.Kind
    aliases: _containers.RepeatedScalarFieldContainer[str]
    full_name: str
    id: str
    kind: Party.Kind
    short_name: str
    def __init__(self, id: _Optional[str] = ..., short_name: _Optional[str] = ..., full_name: _Optional[str] = ..., kind: _Optional[_Union[Party.Kind, str]] = ..., aliases: _Optional[_Iterable[str]] = ...) -> None: ...

class PersonalErasure(_message.Message):
    __slots__ = ["at_ms", "reason"]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    at_ms: int
    reason: str
    def __init__(self, at_ms: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class SealedPersonal(_message.Message):
    __slots__ = ["sealed"]
    SEALED_FIELD_NUMBER: _ClassVar[int]
    sealed: bytes
    def __init__(self, sealed: _Optional[bytes] = ...) -> None: ...

class Site(_message.Message):
    __slots__ = ["besieged_by", "besieged_since", "controlled_by", "crossing_status", "designations", "id", "kind", "name", "parent_id"]
    class CrossingStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    BESIEGED_BY_FIELD_NUMBER: _ClassVar[int]
    BESIEGED_SINCE_FIELD_NUMBER: _ClassVar[int]
    CAMP: Site.Kind
    CHECKPOINT: Site.Kind
    CITY: Site.Kind
    CLOSED: Site.CrossingStatus
    CONTROLLED_BY_FIELD_NUMBER: _ClassVar[int]
    CROSSING: Site.Kind
    CROSSING_STATUS_FIELD_NUMBER: _ClassVar[int]
    CROSSING_STATUS_UNSPECIFIED: Site.CrossingStatus
    DESIGNATIONS_FIELD_NUMBER: _ClassVar[int]
    DISTRICT: Site.Kind
    ENCLAVE: Site.Kind
    GOVERNORATE: Site.Kind
    HOSPITAL: Site.Kind
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_UNSPECIFIED: Site.Kind
    NAME_FIELD_NUMBER: _ClassVar[int]
    OPEN: Site.CrossingStatus
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    PRISON: Site.Kind
    RESTRICTED: Site.CrossingStatus
    SHELTER: Site.Kind
    TOWN: Site.Kind
    besieged_by: _containers.RepeatedScalarFieldContainer[str]
    besieged_since: str
    controlled_by: str
    crossing_status: Site.CrossingStatus
    designations: _containers.RepeatedScalarFieldContainer[str]
    id: str
    kind: Site.Kind
    name: str
    parent_id: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[_Union[Site.Kind, str]] = ..., parent_id: _Optional[str] = ..., controlled_by: _Optional[str] = ..., besieged_by: _Optional[_Iterable[str]] = ..., besieged_since: _Optional[str] = ..., designations: _Optional[_Iterable[str]] = ..., crossing_status: _Optional[_Union[Site.CrossingStatus, str]] = ...) -> None: ...
