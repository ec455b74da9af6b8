from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CargoRemoved(_message.Message):
    __slots__ = ["movement", "removal"]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    REMOVAL_FIELD_NUMBER: _ClassVar[int]
    movement: Movement
    removal: Movement.Removal
    def __init__(self, movement: _Optional[_Union[Movement, _Mapping]] = ..., removal: _Optional[_Union[Movement.Removal, _Mapping]] = ...) -> None: ...

class ChangeManifestRequest(_message.Message):
    __slots__ = ["add", "movement_id", "reason", "remove_case_ids"]
    ADD_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REMOVE_CASE_IDS_FIELD_NUMBER: _ClassVar[int]
    add: _containers.RepeatedCompositeFieldContainer[Movement.Passenger]
    movement_id: str
    reason: str
    remove_case_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, movement_id: _Optional[str] = ..., add: _Optional[_Iterable[_Union[Movement.Passenger, _Mapping]]] = ..., remove_case_ids: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ...) -> None: ...

class DeliveryRecorded(_message.Message):
    __slots__ = ["line_ids", "movement"]
    LINE_IDS_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    line_ids: _containers.RepeatedScalarFieldContainer[str]
    movement: Movement
    def __init__(self, movement: _Optional[_Union[Movement, _Mapping]] = ..., line_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class IncidentReported(_message.Message):
    __slots__ = ["incident", "movement"]
    INCIDENT_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    incident: Movement.Incident
    movement: Movement
    def __init__(self, movement: _Optional[_Union[Movement, _Mapping]] = ..., incident: _Optional[_Union[Movement.Incident, _Mapping]] = ...) -> None: ...

class LineDelivery(_message.Message):
    __slots__ = ["delivered", "line_id"]
    DELIVERED_FIELD_NUMBER: _ClassVar[int]
    LINE_ID_FIELD_NUMBER: _ClassVar[int]
    delivered: int
    line_id: str
    def __init__(self, line_id: _Optional[str] = ..., delivered: _Optional[int] = ...) -> None: ...

class ListMovementsRequest(_message.Message):
    __slots__ = ["agreement_id", "day", "kind", "status", "time_zone", "with_removals"]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    WITH_REMOVALS_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    day: str
    kind: Movement.Kind
    status: Movement.Status
    time_zone: str
    with_removals: bool
    def __init__(self, kind: _Optional[_Union[Movement.Kind, str]] = ..., status: _Optional[_Union[Movement.Status, str]] = ..., day: _Optional[str] = ..., time_zone: _Optional[str] = ..., with_removals: bool = ..., agreement_id: _Optional[str] = ...) -> None: ...

class ListMovementsResponse(_message.Message):
    __slots__ = ["movements"]
    MOVEMENTS_FIELD_NUMBER: _ClassVar[int]
    movements: _containers.RepeatedCompositeFieldContainer[Movement]
    def __init__(self, movements: _Optional[_Iterable[_Union[Movement, _Mapping]]] = ...) -> None: ...

class ManifestChanged(_message.Message):
    __slots__ = ["added_case_ids", "movement", "removed_case_ids"]
    ADDED_CASE_IDS_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    REMOVED_CASE_IDS_FIELD_NUMBER: _ClassVar[int]
    added_case_ids: _containers.RepeatedScalarFieldContainer[str]
    movement: Movement
    removed_case_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, movement: _Optional[_Union[Movement, _Mapping]] = ..., added_case_ids: _Optional[_Iterable[str]] = ..., removed_case_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class Movement(_message.Message):
    __slots__ = ["abort_reason", "agreement_id", "arrived_at_ms", "cargo", "completed_at_ms", "crossing_site_id", "departed_at_ms", "departure_override", "destination_site_ids", "id", "incidents", "kind", "list_id", "origin_site_id", "passengers", "planned_arrival_ms", "planned_departure_ms", "removals", "status", "vehicles"]
    class CargoCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class IncidentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class RemovalStage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class VehicleKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class CargoLine(_message.Message):
        __slots__ = ["category", "delivered", "delivery_recorded", "id", "item", "people_served", "quantity", "removed", "unit"]
        CATEGORY_FIELD_NUMBER: _ClassVar[int]
        DELIVERED_FIELD_NUMBER: _ClassVar[int]
        DELIVERY_RECORDED_FIELD_NUMBER: _ClassVar[int]
        ID_FIELD_NUMBER: _ClassVar[int]
        ITEM_FIELD_NUMBER: _ClassVar[int]
        PEOPLE_SERVED_FIELD_NUMBER: _ClassVar[int]
        QUANTITY_FIELD_NUMBER: _ClassVar[int]
        REMOVED_FIELD_NUMBER: _ClassVar[int]
        UNIT_FIELD_NUMBER: _ClassVar[int]
        category: Movement.CargoCategory
        delivered: int
        delivery_recorded: bool
        id: str
        item: str
        people_served: int
        quantity: int
        removed: int
        unit: str
        def __init__(self, id: _Optional[str] = ..., item: _Optional[str] = ..., category: _Optional[_Union[Movement.CargoCategory, str]] = ..., quantity: _Optional[int] = ..., unit: _Optional[str] = ..., people_served: _Optional[int] = ..., removed: _Optional[int] = ..., delivered: _Optional[int] = ..., delivery_recorded: bool = ...) -> None: ...
    class Incident(_message.Message):
        __slots__ = ["at_ms", "description", "injured", "killed", "kind", "place"]
        AT_MS_FIELD_NUMBER: _ClassVar[int]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        INJURED_FIELD_NUMBER: _ClassVar[int]
        KILLED_FIELD_NUMBER: _ClassVar[int]
        KIND_FIELD_NUMBER: _ClassVar[int]
        PLACE_FIELD_NUMBER: _ClassVar[int]
        at_ms: int
        description: str
        injured: int
        killed: int
        kind: Movement.IncidentKind
        place: str
        def __init__(self, at_ms: _Optional[int] = ..., kind: _Optional[_Union[Movement.IncidentKind, str]] = ..., place: _Optional[str] = ..., description: _Optional[str] = ..., injured: _Optional[int] = ..., killed: _Optional[int] = ...) -> None: ...
    class Passenger(_message.Message):
        __slots__ = ["case_id", "companion_of", "companions_left", "companions_left_reason", "destination_site_id", "removed", "removed_reason", "without_companions"]
        CASE_ID_FIELD_NUMBER: _ClassVar[int]
        COMPANIONS_LEFT_FIELD_NUMBER: _ClassVar[int]
        COMPANIONS_LEFT_REASON_FIELD_NUMBER: _ClassVar[int]
        COMPANION_OF_FIELD_NUMBER: _ClassVar[int]
        DESTINATION_SITE_ID_FIELD_NUMBER: _ClassVar[int]
        REMOVED_FIELD_NUMBER: _ClassVar[int]
        REMOVED_REASON_FIELD_NUMBER: _ClassVar[int]
        WITHOUT_COMPANIONS_FIELD_NUMBER: _ClassVar[int]
        case_id: str
        companion_of: str
        companions_left: _containers.RepeatedScalarFieldContainer[str]
        companions_left_reason: str
        destination_site_id: str
        removed: bool
        removed_reason: str
        without_companions: bool
        def __init__(self, case_id: _Optional[str] = ..., destination_site_id: _Optional[str] = ..., removed: bool = ..., removed_reason: _Optional[str] = ..., companion_of: _Optional[str] = ..., without_companions: bool = ..., companions_left_reason: _Optional[str] = ..., companions_left: _Optional[_Iterable[str]] = ...) -> None: ...
    class Removal(_message.Message):
        __slots__ = ["at_ms", "line_id", "party_id", "quantity", "reason", "site_id", "stage"]
        AT_MS_FIELD_NUMBER: _ClassVar[int]
        LINE_ID_FIELD_NUMBER: _ClassVar[int]
        PARTY_ID_FIELD_NUMBER: _ClassVar[int]
        QUANTITY_FIELD_NUMBER: _ClassVar[int]
        REASON_FIELD_NUMBER: _ClassVar[int]
        SITE_ID_FIELD_NUMBER: _ClassVar[int]
        STAGE_FIELD_NUMBER: _ClassVar[int]
        at_ms: int
        line_id: str
        party_id: str
        quantity: int
        reason: str
        site_id: str
        stage: Movement.RemovalStage
        def __init__(self, line_id: _Optional[str] = ..., quantity: _Optional[int] = ..., party_id: _Optional[str] = ..., reason: _Optional[str] = ..., stage: _Optional[_Union[Movement.RemovalStage, str]] = ..., site_id: _Optional[str] = ..., at_ms: _Optional[int] = ...) -> None: ...
    class Vehicles(_message.Message):
        __slots__ = ["count", "kind"]
        COUNT_FIELD_NUMBER: _ClassVar[int]
        KIND_FIELD_NUMBER: _ClassVar[int]
        count: int
        kind: Movement.VehicleKind
        def __init__(self, kind: _Optional[_Union[Movement.VehicleKind, str]] = ..., count: _Optional[int] = ...) -> None: ...
    ABORTED: Movement.Status
    ABORT_REASON_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    AID_CONVOY: Movement.Kind
    AMBULANCE: Movement.VehicleKind
    ARRIVED: Movement.Status
    ARRIVED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    BLOCKED: Movement.IncidentKind
    BUS: Movement.VehicleKind
    CAR: Movement.VehicleKind
    CARGO_CATEGORY_UNSPECIFIED: Movement.CargoCategory
    CARGO_FIELD_NUMBER: _ClassVar[int]
    CASUALTY: Movement.IncidentKind
    CHECKPOINT: Movement.RemovalStage
    COMPLETED: Movement.Status
    COMPLETED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    CROSSING_SITE_ID_FIELD_NUMBER: _ClassVar[int]
    DELAY: Movement.IncidentKind
    DEPARTED: Movement.Status
    DEPARTED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_OVERRIDE_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_SITE_IDS_FIELD_NUMBER: _ClassVar[int]
    EVACUATION: Movement.Kind
    FOOD: Movement.CargoCategory
    ID_FIELD_NUMBER: _ClassVar[int]
    INCIDENTS_FIELD_NUMBER: _ClassVar[int]
    INCIDENT_KIND_UNSPECIFIED: Movement.IncidentKind
    KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_UNSPECIFIED: Movement.Kind
    LIST_ID_FIELD_NUMBER: _ClassVar[int]
    LOADING: Movement.RemovalStage
    MEDICAL: Movement.CargoCategory
    NOTIFIED: Movement.Status
    ORIGIN_SITE_ID_FIELD_NUMBER: _ClassVar[int]
    OTHER_CARGO: Movement.CargoCategory
    OTHER_INCIDENT: Movement.IncidentKind
    OTHER_VEHICLE: Movement.VehicleKind
    PASSENGERS_FIELD_NUMBER: _ClassVar[int]
    PLANNED: Movement.Status
    PLANNED_ARRIVAL_MS_FIELD_NUMBER: _ClassVar[int]
    PLANNED_DEPARTURE_MS_FIELD_NUMBER: _ClassVar[int]
    REMOVALS_FIELD_NUMBER: _ClassVar[int]
    REMOVAL_STAGE_UNSPECIFIED: Movement.RemovalStage
    SHELLING: Movement.IncidentKind
    SHELTER: Movement.CargoCategory
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_UNSPECIFIED: Movement.Status
    TRUCK: Movement.VehicleKind
    VEHICLES_FIELD_NUMBER: _ClassVar[int]
    VEHICLE_KIND_UNSPECIFIED: Movement.VehicleKind
    abort_reason: str
    agreement_id: str
    arrived_at_ms: int
    cargo: _containers.RepeatedCompositeFieldContainer[Movement.CargoLine]
    completed_at_ms: int
    crossing_site_id: str
    departed_at_ms: int
    departure_override: str
    destination_site_ids: _containers.RepeatedScalarFieldContainer[str]
    id: str
    incidents: _containers.RepeatedCompositeFieldContainer[Movement.Incident]
    kind: Movement.Kind
    list_id: str
    origin_site_id: str
    passengers: _containers.RepeatedCompositeFieldContainer[Movement.Passenger]
    planned_arrival_ms: int
    planned_departure_ms: int
    removals: _containers.RepeatedCompositeFieldContainer[Movement.Removal]
    status: Movement.Status
    vehicles: _containers.RepeatedCompositeFieldContainer[Movement.Vehicles]
    def __init__(self, id: _Optional[str] = ..., kind: _Optional[_Union[Movement.Kind, str]] = ..., agreement_id: _Optional[str] = ..., list_id: _Optional[str] = ..., origin_site_id: _Optional[str] = ..., crossing_site_id: _Optional[str] = ..., destination_site_ids: _Optional[_Iterable[str]] = ..., vehicles: _Optional[_Iterable[_Union[Movement.Vehicles, _Mapping]]] = ..., planned_departure_ms: _Optional[int] = ..., planned_arrival_ms: _Optional[int] = ..., departed_at_ms: _Optional[int] = ..., arrived_at_ms: _Optional[int] = ..., completed_at_ms: _Optional[int] = ..., status: _Optional[_Union[Movement.Status, str]] = ..., passengers: _Optional[_Iterable[_Union[Movement.Passenger, _Mapping]]] = ..., cargo: _Optional[_Iterable[_Union[Movement.CargoLine, _Mapping]]] = ..., removals: _Optional[_Iterable[_Union[Movement.Removal, _Mapping]]] = ..., incidents: _Optional[_Iterable[_Union[Movement.Incident, _Mapping]]] = ..., departure_override: _Optional[str] = ..., abort_reason: _Optional[str] = ...) -> None: ...

class MovementPlanned(_message.Message):
    __slots__ = ["movement"]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    movement: Movement
    def __init__(self, movement: _Optional[_Union[Movement, _Mapping]] = ...) -> None: ...

class MovementStatusChanged(_message.Message):
    __slots__ = ["at_ms", "movement", "override_reason", "to"]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    OVERRIDE_REASON_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    at_ms: int
    movement: Movement
    override_reason: str
    to: Movement.Status
    def __init__(self, movement: _Optional[_Union[Movement, _Mapping]] = ..., to: _Optional[_Union[Movement.Status, str]] = ..., at_ms: _Optional[int] = ..., override_reason: _Optional[str] = ..., **kwargs) -> None: ...

class PlanMovementRequest(_message.Message):
    __slots__ = ["movement"]
    MOVEMENT_FIELD_NUMBER: _ClassVar[int]
    movement: Movement
    def __init__(self, movement: _Optional[_Union[Movement, _Mapping]] = ...) -> None: ...

class RecordDeliveryRequest(_message.Message):
    __slots__ = ["lines", "movement_id", "rest_in_full"]
    LINES_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REST_IN_FULL_FIELD_NUMBER: _ClassVar[int]
    lines: _containers.RepeatedCompositeFieldContainer[LineDelivery]
    movement_id: str
    rest_in_full: bool
    def __init__(self, movement_id: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[LineDelivery, _Mapping]]] = ..., rest_in_full: bool = ...) -> None: ...

class RemoveCargoRequest(_message.Message):
    __slots__ = ["at", "line_id", "movement_id", "party_id", "quantity", "reason", "site_id", "stage", "time_zone"]
    AT_FIELD_NUMBER: _ClassVar[int]
    LINE_ID_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PARTY_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SITE_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    at: str
    line_id: str
    movement_id: str
    party_id: str
    quantity: int
    reason: str
    site_id: str
    stage: Movement.RemovalStage
    time_zone: str
    def __init__(self, movement_id: _Optional[str] = ..., line_id: _Optional[str] = ..., quantity: _Optional[int] = ..., party_id: _Optional[str] = ..., reason: _Optional[str] = ..., stage: _Optional[_Union[Movement.RemovalStage, str]] = ..., site_id: _Optional[str] = ..., at: _Optional[str] = ..., time_zone: _Optional[str] = ...) -> None: ...

class ReportIncidentRequest(_message.Message):
    __slots__ = ["at", "incident", "movement_id", "time_zone"]
    AT_FIELD_NUMBER: _ClassVar[int]
    INCIDENT_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    at: str
    incident: Movement.Incident
    movement_id: str
    time_zone: str
    def __init__(self, movement_id: _Optional[str] = ..., incident: _Optional[_Union[Movement.Incident, _Mapping]] = ..., at: _Optional[str] = ..., time_zone: _Optional[str] = ...) -> None: ...

class SetMovementStatusRequest(_message.Message):
    __slots__ = ["at", "movement_id", "override_reason", "reason", "status", "time_zone"]
    AT_FIELD_NUMBER: _ClassVar[int]
    MOVEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    OVERRIDE_REASON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    at: str
    movement_id: str
    override_reason: str
    reason: str
    status: Movement.Status
    time_zone: str
    def __init__(self, movement_id: _Optional[str] = ..., status: _Optional[_Union[Movement.Status, str]] = ..., at: _Optional[str] = ..., time_zone: _Optional[str] = ..., override_reason: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
