from corridor.v1 import frame_pb2 as _frame_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Caller(_message.Message):
    __slots__ = ["gid", "group_names", "pid", "policy_source", "role", "uid", "user_name"]
    GID_FIELD_NUMBER: _ClassVar[int]
    GROUP_NAMES_FIELD_NUMBER: _ClassVar[int]
    PID_FIELD_NUMBER: _ClassVar[int]
    POLICY_SOURCE_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    UID_FIELD_NUMBER: _ClassVar[int]
    USER_NAME_FIELD_NUMBER: _ClassVar[int]
    gid: int
    group_names: _containers.RepeatedScalarFieldContainer[str]
    pid: int
    policy_source: str
    role: str
    uid: int
    user_name: str
    def __init__(self, user_name: _Optional[str] = ..., uid: _Optional[int] = ..., gid: _Optional[int] = ..., pid: _Optional[int] = ..., group_names: _Optional[_Iterable[str]] = ..., role: _Optional[str] = ..., policy_source: _Optional[str] = ...) -> None: ...

class PingRequest(_message.Message):
    __slots__ = ["payload"]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    payload: bytes
    def __init__(self, payload: _Optional[bytes] = ...) -> None: ...

class PingResponse(_message.Message):
    __slots__ = ["payload"]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    payload: bytes
    def __init__(self, payload: _Optional[bytes] = ...) -> None: ...

class PromoteRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class PromoteResponse(_message.Message):
    __slots__ = ["epoch", "last_sequence", "node"]
    EPOCH_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    NODE_FIELD_NUMBER: _ClassVar[int]
    epoch: int
    last_sequence: int
    node: str
    def __init__(self, epoch: _Optional[int] = ..., last_sequence: _Optional[int] = ..., node: _Optional[str] = ...) -> None: ...

class ReplicationStatus(_message.Message):
    __slots__ = ["connected", "epoch", "lag_events", "lag_ms", "last_error", "mode", "node", "primary_node", "replica_store", "replicated_sequence", "role", "writable"]
    class Mode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = []
    ASYNC: ReplicationStatus.Mode
    CONNECTED_FIELD_NUMBER: _ClassVar[int]
    EPOCH_FIELD_NUMBER: _ClassVar[int]
    FOLLOWER: ReplicationStatus.Role
    LAG_EVENTS_FIELD_NUMBER: _ClassVar[int]
    LAG_MS_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    MODE_UNSPECIFIED: ReplicationStatus.Mode
    NODE_FIELD_NUMBER: _ClassVar[int]
    PRIMARY: ReplicationStatus.Role
    PRIMARY_NODE_FIELD_NUMBER: _ClassVar[int]
    REPLICATED_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    REPLICA_STORE_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    STANDALONE: ReplicationStatus.Role
    SYNC: ReplicationStatus.Mode
    WRITABLE_FIELD_NUMBER: _ClassVar[int]
    connected: bool
    epoch: int
    lag_events: int
    lag_ms: int
    last_error: str
    mode: ReplicationStatus.Mode
    node: str
    primary_node: str
    replica_store: str
    replicated_sequence: int
    role: ReplicationStatus.Role
    writable: bool
    def __init__(self, role: _Optional[_Union[ReplicationStatus.Role, str]] = ..., mode: _Optional[_Union[ReplicationStatus.Mode, str]] = ..., replica_store: _Optional[str] = ..., node: _Optional[str] = ..., epoch: _Optional[int] = ..., primary_node: _Optional[str] = ..., connected: bool = ..., replicated_sequence: _Optional[int] = ..., lag_events: _Optional[int] = ..., lag_ms: _Optional[int] = ..., last_error: _Optional[str] = ..., writable: bool = ...) -> None: ...

class StatusRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class StatusResponse(_message.Message):
    __slots__ = ["caller", "calls_served", "data_directory", "open_connections", "pid", "protocol_version", "replication", "server_name", "server_version", "socket_path", "started_at_unix_ms", "store", "uptime_ms"]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    CALLS_SERVED_FIELD_NUMBER: _ClassVar[int]
    DATA_DIRECTORY_FIELD_NUMBER: _ClassVar[int]
    OPEN_CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    PID_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_VERSION_FIELD_NUMBER: _ClassVar[int]
    REPLICATION_FIELD_NUMBER: _ClassVar[int]
    SERVER_NAME_FIELD_NUMBER: _ClassVar[int]
    SERVER_VERSION_FIELD_NUMBER: _ClassVar[int]
    SOCKET_PATH_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_UNIX_MS_FIELD_NUMBER: _ClassVar[int]
    STORE_FIELD_NUMBER: _ClassVar[int]
    UPTIME_MS_FIELD_NUMBER: _ClassVar[int]
    caller: Caller
    calls_served: int
    data_directory: str
    open_connections: int
    pid: int
    protocol_version: _frame_pb2.ProtocolVersion
    replication: ReplicationStatus
    server_name: str
    server_version: str
    socket_path: str
    started_at_unix_ms: int
    store: StoreStatus
    uptime_ms: int
    def __init__(self, server_name: _Optional[str] = ..., server_version: _Optional[str] = ..., protocol_version: _Optional[_Union[_frame_pb2.ProtocolVersion, _Mapping]] = ..., started_at_unix_ms: _Optional[int] = ..., uptime_ms: _Optional[int] = ..., socket_path: _Optional[str] = ..., data_directory: _Optional[str] = ..., open_connections: _Optional[int] = ..., pid: _Optional[int] = ..., calls_served: _Optional[int] = ..., store: _Optional[_Union[StoreStatus, _Mapping]] = ..., caller: _Optional[_Union[Caller, _Mapping]] = ..., replication: _Optional[_Union[ReplicationStatus, _Mapping]] = ...) -> None: ...

class StoreStatus(_message.Message):
    __slots__ = ["last_sequence", "last_snapshot_at_ms", "last_snapshot_sequence", "record_bytes", "reserved_bytes", "segments", "synced_records", "syncs"]
    LAST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    LAST_SNAPSHOT_AT_MS_FIELD_NUMBER: _ClassVar[int]
    LAST_SNAPSHOT_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    RECORD_BYTES_FIELD_NUMBER: _ClassVar[int]
    RESERVED_BYTES_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    SYNCED_RECORDS_FIELD_NUMBER: _ClassVar[int]
    SYNCS_FIELD_NUMBER: _ClassVar[int]
    last_sequence: int
    last_snapshot_at_ms: int
    last_snapshot_sequence: int
    record_bytes: int
    reserved_bytes: int
    segments: int
    synced_records: int
    syncs: int
    def __init__(self, last_sequence: _Optional[int] = ..., segments: _Optional[int] = ..., record_bytes: _Optional[int] = ..., reserved_bytes: _Optional[int] = ..., last_snapshot_sequence: _Optional[int] = ..., last_snapshot_at_ms: _Optional[int] = ..., syncs: _Optional[int] = ..., synced_records: _Optional[int] = ...) -> None: ...
