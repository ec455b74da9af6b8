from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AccessWindow(_message.Message):
    __slots__ = ["announced_by", "closed_at_ms", "daily", "ends_at_ms", "id", "kind", "name", "one_off", "site_ids", "starts_at_ms", "status", "violations"]
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Daily(_message.Message):
        __slots__ = ["end_time", "first_date", "last_date", "start_time", "time_zone"]
        END_TIME_FIELD_NUMBER: _ClassVar[int]
        FIRST_DATE_FIELD_NUMBER: _ClassVar[int]
        LAST_DATE_FIELD_NUMBER: _ClassVar[int]
        START_TIME_FIELD_NUMBER: _ClassVar[int]
        TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
        end_time: str
        first_date: str
        last_date: str
        start_time: str
        time_zone: str
        def __init__(self, start_time: _Optional[str] = ..., end_time: _Optional[str] = ..., time_zone: _Optional[str] = ..., first_date: _Optional[str] = ..., last_date: _Optional[str] = ...) -> None: ...
    class OneOff(_message.Message):
        __slots__ = ["ends_at", "starts_at", "time_zone"]
        ENDS_AT_FIELD_NUMBER: _ClassVar[int]
        STARTS_AT_FIELD_NUMBER: _ClassVar[int]
        TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
        ends_at: str
        starts_at: str
        time_zone: str
        def __init__(self, starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., time_zone: _Optional[str] = ...) -> None: ...
    class Violation(_message.Message):
        __slots__ = ["at_ms", "report"]
        AT_MS_FIELD_NUMBER: _ClassVar[int]
        REPORT_FIELD_NUMBER: _ClassVar[int]
        at_ms: int
        report: str
        def __init__(self, at_ms: _Optional[int] = ..., report: _Optional[str] = ...) -> None: ...
    ANNOUNCED: AccessWindow.Status
    ANNOUNCED_BY_FIELD_NUMBER: _ClassVar[int]
    CANCELLED: AccessWindow.Status
    CEASEFIRE: AccessWindow.Kind
    CLOSED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    CORRIDOR_OPENING: AccessWindow.Kind
    DAILY_FIELD_NUMBER: _ClassVar[int]
    ENDED: AccessWindow.Status
    ENDS_AT_MS_FIELD_NUMBER: _ClassVar[int]
    HUMANITARIAN_PAUSE: AccessWindow.Kind
    ID_FIELD_NUMBER: _ClassVar[int]
    IN_EFFECT: AccessWindow.Status
    KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_UNSPECIFIED: AccessWindow.Kind
    NAME_FIELD_NUMBER: _ClassVar[int]
    ONE_OFF_FIELD_NUMBER: _ClassVar[int]
    SITE_IDS_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_MS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_UNSPECIFIED: AccessWindow.Status
    VIOLATED: AccessWindow.Status
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    announced_by: str
    closed_at_ms: int
    daily: AccessWindow.Daily
    ends_at_ms: int
    id: str
    kind: AccessWindow.Kind
    name: str
    one_off: AccessWindow.OneOff
    site_ids: _containers.RepeatedScalarFieldContainer[str]
    starts_at_ms: int
    status: AccessWindow.Status
    violations: _containers.RepeatedCompositeFieldContainer[AccessWindow.Violation]
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[_Union[AccessWindow.Kind, str]] = ..., site_ids: _Optional[_Iterable[str]] = ..., announced_by: _Optional[str] = ..., starts_at_ms: _Optional[int] = ..., ends_at_ms: _Optional[int] = ..., daily: _Optional[_Union[AccessWindow.Daily, _Mapping]] = ..., status: _Optional[_Union[AccessWindow.Status, str]] = ..., violations: _Optional[_Iterable[_Union[AccessWindow.Violation, _Mapping]]] = ..., closed_at_ms: _Optional[int] = ..., one_off: _Optional[_Union[AccessWindow.OneOff, _Mapping]] = ...) -> None: ...

class ActiveWindow(_message.Message):
    __slots__ = ["from_ms", "hours", "until_ms", "window"]
    FROM_MS_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    UNTIL_MS_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    from_ms: int
    hours: str
    until_ms: int
    window: AccessWindow
    def __init__(self, window: _Optional[_Union[AccessWindow, _Mapping]] = ..., from_ms: _Optional[int] = ..., until_ms: _Optional[int] = ..., hours: _Optional[str] = ...) -> None: ...

class ActiveWindowsRequest(_message.Message):
    __slots__ = ["at", "site_id", "time_zone"]
    AT_FIELD_NUMBER: _ClassVar[int]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    at: str
    site_id: str
    time_zone: str
    def __init__(self, site_id: _Optional[str] = ..., at: _Optional[str] = ..., time_zone: _Optional[str] = ...) -> None: ...

class ActiveWindowsResponse(_message.Message):
    __slots__ = ["at_ms", "windows"]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    WINDOWS_FIELD_NUMBER: _ClassVar[int]
    at_ms: int
    windows: _containers.RepeatedCompositeFieldContainer[ActiveWindow]
    def __init__(self, at_ms: _Optional[int] = ..., windows: _Optional[_Iterable[_Union[ActiveWindow, _Mapping]]] = ...) -> None: ...

class AnnounceWindowRequest(_message.Message):
    __slots__ = ["window"]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    window: AccessWindow
    def __init__(self, window: _Optional[_Union[AccessWindow, _Mapping]] = ...) -> None: ...

class ListWindowsRequest(_message.Message):
    __slots__ = ["site_id"]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    site_id: str
    def __init__(self, site_id: _Optional[str] = ...) -> None: ...

class ListWindowsResponse(_message.Message):
    __slots__ = ["windows"]
    WINDOWS_FIELD_NUMBER: _ClassVar[int]
    windows: _containers.RepeatedCompositeFieldContainer[AccessWindow]
    def __init__(self, windows: _Optional[_Iterable[_Union[AccessWindow, _Mapping]]] = ...) -> None: ...

class SetWindowStatusRequest(_message.Message):
    __slots__ = ["at", "reason", "report", "status", "time_zone", "window_id"]
    AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    WINDOW_ID_FIELD_NUMBER: _ClassVar[int]
    at: str
    reason: str
    report: str
    status: AccessWindow.Status
    time_zone: str
    window_id: str
    def __init__(self, window_id: _Optional[str] = ..., status: _Optional[_Union[AccessWindow.Status, str]] = ..., report: _Optional[str] = ..., reason: _Optional[str] = ..., at: _Optional[str] = ..., time_zone: _Optional[str] = ...) -> None: ...

class WindowAnnounced(_message.Message):
    __slots__ = ["window"]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    window: AccessWindow
    def __init__(self, window: _Optional[_Union[AccessWindow, _Mapping]] = ...) -> None: ...

class WindowStatusChanged(_message.Message):
    __slots__ = ["report", "to", "window"]
    FROM_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    report: str
    to: AccessWindow.Status
    window: AccessWindow
    def __init__(self, window: _Optional[_Union[AccessWindow, _Mapping]] = ..., to: _Optional[_Union[AccessWindow.Status, str]] = ..., report: _Optional[str] = ..., **kwargs) -> None: ...
