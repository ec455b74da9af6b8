"""The typed, synchronous client: one connection, a reader thread that
answers pings and hands each frame to the call waiting for its stream, and
one method per RPC of proto/ (built from the service descriptors at import,
so every RPC is there: ``Client.get_case``, ``Client.waiting_cases``, …)."""

from __future__ import annotations

import importlib
import itertools
import os
import pkgutil
import queue
import re
import socket
import threading
import time
from typing import (TYPE_CHECKING, Any, Callable, Dict, Generic, Iterator, List, Optional,
                    Type, TypeVar, Union)

from google.protobuf.descriptor import MethodDescriptor
from google.protobuf.message import DecodeError, Message

from corridor import errors, location, wire
from corridor._descriptors import is_repeated
from corridor.v1 import frame_pb2

M = TypeVar("M", bound=Message)

#: Default deadline of a unary call, in seconds.
DEFAULT_TIMEOUT = 30.0
# A call's own deadline goes to the server in CallStart.timeout_ms; the client
# waits that long and this much more for the server's DEADLINE_EXCEEDED before
# giving up itself (a busy server answers late, but it answers).
_GRACE = 5.0
_UNSET: Any = object()


class _Closed:
    """Put on a stream's queue when the connection ends."""

    def __init__(self, error: Optional[errors.CorridorError]) -> None:
        self.error = error


class Call(Generic[M]):
    """One call in flight. ``result()`` for a unary call's response,
    iteration for a stream's; ``cancel()`` from any thread."""

    def __init__(self, client: "Client", stream_id: int, method: str,
                 response_type: Type[M], timeout: Optional[float]) -> None:
        self._client = client
        self.stream_id = stream_id
        self.method = method
        self._response_type = response_type
        self._queue: "queue.SimpleQueue[Union[frame_pb2.Frame, _Closed]]" = queue.SimpleQueue()
        self._deadline = None if timeout is None else time.monotonic() + timeout + _GRACE
        self._timeout = timeout
        self._cancelled = False
        self.done = False
        #: Set once the client was closed while this call waited.
        self.closed_locally = False

    def cancel(self) -> None:
        """Asks the server to stop the call (PROTOCOL.md §5.6); whoever
        waits on it then sees Cancelled (or the call's own end, if it
        crossed the Cancel)."""
        if self.done or self._cancelled:
            return
        self._cancelled = True
        self._client._send_quietly(frame_pb2.Frame(stream_id=self.stream_id, cancel=frame_pb2.Cancel()))

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def _finish(self) -> None:
        if not self.done:
            self.done = True
            self._client._release(self.stream_id)

    def _next(self, wait: Optional[float] = None) -> Optional[M]:
        """The next response message; None once the call ended OK (or was
        cancelled by us); raises the call's error. With ``wait``, raises
        queue.Empty if nothing came in that many seconds."""
        while True:
            if self.done:
                return None
            limit = wait
            if self._deadline is not None:
                left = self._deadline - time.monotonic()
                limit = left if limit is None else min(limit, left)
            try:
                item = self._queue.get(timeout=None if limit is None else max(0.0, limit))
            except queue.Empty:
                if self._deadline is not None and time.monotonic() >= self._deadline:
                    self.cancel()
                    self._finish()
                    raise errors.DeadlineExceeded(
                        f"{self.method}: no answer within the deadline of {self._timeout} s") from None
                raise
            if isinstance(item, _Closed):
                self._finish()
                if item.error is None:  # the client was closed here
                    self.closed_locally = True
                    raise errors.Cancelled(f"{self.method}: the client was closed")
                raise item.error
            kind = item.WhichOneof("kind")
            if kind == "message":
                try:
                    return self._response_type.FromString(item.message.payload)
                except DecodeError as error:
                    self.cancel()
                    self._finish()
                    raise errors.Internal(f"{self.method}: the response is not a "
                                          f"{self._response_type.DESCRIPTOR.full_name}: {error}") from None
            if kind == "status":
                self._finish()
                if item.status.code == frame_pb2.OK:
                    return None
                raise errors.error_from_status(item.status)
            # Any other kind on a call's stream: ignored (forward compatible, §5.12).

    def result(self) -> M:
        """The response of a unary call: exactly one Message, then OK."""
        response = self._next()
        if response is None:
            raise errors.Internal(f"{self.method}: the call ended OK without a response")
        end = self._next()
        if end is not None:
            raise errors.Internal(f"{self.method}: more than one response to a unary call")
        return response


class Watch(Generic[M]):
    """A server-streaming call as an iterator: ``for event in watch``.
    ``close()`` (or leaving a ``with`` block) cancels it; iteration then
    ends quietly. For Registry.Watch, ``next_sequence`` is where to resume
    (``client.watch(from_sequence=w.next_sequence)``) after a reconnect."""

    def __init__(self, call: Call[M]) -> None:
        self._call = call
        self.last_sequence: int = 0

    @property
    def next_sequence(self) -> int:
        return self.last_sequence + 1

    def __iter__(self) -> "Watch[M]":
        return self

    def __next__(self) -> M:
        try:
            item = self._call._next()
        except errors.Cancelled:
            if self._call.cancelled or self._call.closed_locally:
                raise StopIteration from None
            raise
        if item is None:
            raise StopIteration
        sequence = getattr(item, "sequence", None)
        if isinstance(sequence, int):
            self.last_sequence = sequence
        return item

    def next(self, timeout: float) -> Optional[M]:
        """The next message, or None if none came within timeout seconds
        (the watch goes on). Raises StopIteration once the watch ended."""
        try:
            return self.__next_within(timeout)
        except queue.Empty:
            return None

    def __next_within(self, timeout: float) -> M:
        try:
            item = self._call._next(wait=timeout)
        except errors.Cancelled:
            if self._call.cancelled or self._call.closed_locally:
                raise StopIteration from None
            raise
        if item is None:
            raise StopIteration
        sequence = getattr(item, "sequence", None)
        if isinstance(sequence, int):
            self.last_sequence = sequence
        return item

    def cancel(self) -> None:
        self._call.cancel()

    def close(self) -> None:
        """Cancels the watch and waits (briefly) for its Status."""
        if self._call.done:
            return
        self._call.cancel()
        deadline = time.monotonic() + _GRACE
        while not self._call.done and time.monotonic() < deadline:
            try:
                self._call._next(wait=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            except errors.CorridorError:
                break
        self._call._finish()

    def __enter__(self) -> "Watch[M]":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Pages(Generic[M]):
    """The items of a paged list (ListCases, ListAuditRecords), fetched page
    by page following next_page_token. The first page is fetched at once,
    so a refusal is raised by the call itself; ``first_page`` keeps it
    (its ``total``, where it has one)."""

    def __init__(self, fetch: Callable[[str], Message], items_field: str) -> None:
        self._fetch = fetch
        self._field = items_field
        self.first_page: Message = fetch("")

    def __iter__(self) -> Iterator[M]:
        page = self.first_page
        while True:
            yield from getattr(page, self._field)
            token = getattr(page, "next_page_token")
            if not token:
                return
            page = self._fetch(token)


if TYPE_CHECKING:
    # The RPC methods' types, generated from proto/ by scripts/generate-proto
    # (a stub only: at run time the methods are added from the descriptors, below).
    from corridor._methods import _Methods
else:
    _Methods = object


class Client(_Methods):
    """A connection to corridord. Make one with ``corridor.connect()``.
    Thread-safe: calls from several threads share the connection."""

    def __init__(self, sock: socket.socket, path: str, hello_reply: frame_pb2.HelloReply,
                 timeout: Optional[float]) -> None:
        self.socket_path = path
        self.hello_reply = hello_reply
        self.timeout = timeout
        self._sock = sock
        self._send_lock = threading.Lock()
        self._lock = threading.Lock()
        self._calls: Dict[int, Call[Any]] = {}
        self._ids = itertools.count(1)
        self._closed = False
        self._ended: Optional[errors.CorridorError] = None
        self._connection_error: Optional[errors.CorridorError] = None
        #: The GoAway reason once the server said it is stopping.
        self.going_away: Optional[str] = None
        self._reader = threading.Thread(target=self._read_loop, name="corridor-reader", daemon=True)
        self._reader.start()

    # -- connection --------------------------------------------------------

    @property
    def limits(self) -> frame_pb2.Limits:
        return self.hello_reply.limits

    def close(self) -> None:
        """Closes the connection; calls still waiting end (a watch quietly)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            calls = list(self._calls.values())
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        for call in calls:
            call._queue.put(_Closed(None))
        if threading.current_thread() is not self._reader:
            self._reader.join(timeout=_GRACE)
        self._sock.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, frame: frame_pb2.Frame) -> None:
        data = wire.encode_frame(frame)
        with self._send_lock:
            self._sock.sendall(data)

    def _send_quietly(self, frame: frame_pb2.Frame) -> None:
        try:
            self._send(frame)
        except OSError:
            pass

    def _release(self, stream_id: int) -> None:
        with self._lock:
            self._calls.pop(stream_id, None)

    def _read_loop(self) -> None:
        error: Optional[errors.CorridorError] = None
        try:
            while True:
                frame = wire.read_frame(self._sock, None)
                if frame is None:
                    break
                kind = frame.WhichOneof("kind")
                if frame.stream_id == 0:
                    if kind == "ping":
                        self._send_quietly(frame_pb2.Frame(stream_id=0, pong=frame_pb2.Pong(opaque=frame.ping.opaque)))
                    elif kind == "go_away":
                        self.going_away = frame.go_away.reason or "the server is shutting down"
                    elif kind == "status":
                        self._connection_error = errors.error_from_status(frame.status)
                    continue
                with self._lock:
                    call = self._calls.get(frame.stream_id)
                if call is not None:
                    call._queue.put(frame)
        except (OSError, wire.ConnectionClosed, DecodeError) as failure:
            error = errors.Unavailable(f"the connection to {self.socket_path} failed: {failure}")
        with self._lock:
            closed_here = self._closed
            self._closed = True
            calls = list(self._calls.values())
        if closed_here:
            return
        if error is None:
            error = self._connection_error or errors.Unavailable(
                f"corridord closed the connection ({self.socket_path})"
                + (f": {self.going_away}" if self.going_away else ""))
        self._ended = error
        for call in calls:
            call._queue.put(_Closed(error))

    # -- calls -------------------------------------------------------------

    def start(self, method: str, request: Message, response_type: Type[M],
              timeout: Optional[float] = _UNSET, request_id: str = "") -> Call[M]:
        """Opens a call: ``method`` is the full path
        (``/corridor.v1.Registry/GetCase``); ``timeout`` in seconds (None: no
        deadline; unset: the client's default)."""
        if timeout is _UNSET:
            timeout = self.timeout
        if timeout is not None and timeout <= 0:
            raise ValueError(f"timeout must be more than 0 seconds (or None for none); {timeout} was given")
        with self._lock:
            if self._closed:
                raise self._ended or errors.Unavailable("the client is closed")
            if self.going_away is not None:
                raise errors.Unavailable(f"corridord is shutting down: {self.going_away}")
            stream_id = next(self._ids)
            while stream_id in self._calls or stream_id == 0 or stream_id > 0xFFFFFFFF:
                if stream_id > 0xFFFFFFFF:
                    self._ids = itertools.count(1)
                stream_id = next(self._ids)
            call: Call[M] = Call(self, stream_id, method, response_type, timeout)
            self._calls[stream_id] = call
        timeout_ms = 0 if timeout is None else max(1, int(timeout * 1000))
        try:
            self._send(frame_pb2.Frame(stream_id=stream_id, call=frame_pb2.CallStart(
                method=method, timeout_ms=timeout_ms, payload=request.SerializeToString(),
                request_id=request_id or f"py-{os.getpid()}-{stream_id}")))
        except OSError as error:
            self._release(stream_id)
            raise errors.Unavailable(f"cannot send to {self.socket_path}: {error}") from None
        return call

    def call(self, method: str, request: Message, response_type: Type[M],
             timeout: Optional[float] = _UNSET, request_id: str = "") -> M:
        """A unary call by its full path, returning the response."""
        return self.start(method, request, response_type, timeout, request_id).result()

    def stream(self, method: str, request: Message, response_type: Type[M],
               timeout: Optional[float] = None, request_id: str = "") -> Watch[M]:
        """A server-streaming call by its full path, as an iterator."""
        return Watch(self.start(method, request, response_type, timeout, request_id))


# -- the method table ------------------------------------------------------


def snake_case(name: str) -> str:
    """RPC name to method name: ``GetCase`` → ``get_case``,
    ``ListBreakGlassGrants`` → ``list_break_glass_grants``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])|(?<=[A-Z])([A-Z])(?=[a-z])", r"_\1\2", name).lower()


def _service_modules() -> List[Any]:
    import corridor.v1 as package
    modules = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.endswith("_pb2"):
            modules.append(importlib.import_module(f"corridor.v1.{info.name}"))
    return modules


def _message_class(descriptor: Any) -> Type[Message]:
    module = importlib.import_module(
        "corridor.v1." + os.path.splitext(os.path.basename(descriptor.file.name))[0] + "_pb2")
    cls: Any = module
    for part in descriptor.full_name[len(descriptor.file.package) + 1:].split("."):
        cls = getattr(cls, part)
    return cls  # type: ignore[no-any-return]


def _server_streaming(method: MethodDescriptor) -> bool:
    flag = getattr(method, "server_streaming", None)
    if flag is not None:
        return bool(flag)
    # protobuf before 4.22 has no MethodDescriptor.server_streaming: ask the file.
    from google.protobuf import descriptor_pb2
    proto = descriptor_pb2.FileDescriptorProto.FromString(method.containing_service.file.serialized_pb)
    for service in proto.service:
        if service.name == method.containing_service.name:
            for m in service.method:
                if m.name == method.name:
                    return bool(m.server_streaming)
    return False


class RPC:
    """One RPC of proto/: its service, name, path, types and kind."""

    def __init__(self, service: str, method: MethodDescriptor, file_name: str) -> None:
        self.service = service
        self.name = method.name
        self.path = f"/{method.containing_service.full_name}/{method.name}"
        self.request_type = _message_class(method.input_type)
        self.response_type = _message_class(method.output_type)
        self.server_streaming = _server_streaming(method)
        request_fields = method.input_type.fields_by_name
        response_fields = method.output_type.fields_by_name
        self.paged_field: Optional[str] = None
        if "page_token" in request_fields and "next_page_token" in response_fields:
            repeated = [f.name for f in method.output_type.fields
                        if is_repeated(f) and f.message_type is not None]
            if len(repeated) == 1:
                self.paged_field = repeated[0]
        self.file_name = file_name


def _rpcs() -> List[RPC]:
    rpcs = []
    for module in _service_modules():
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                rpcs.append(RPC(service.name, method, module.DESCRIPTOR.name))
    return rpcs


#: Every RPC of proto/, by the Client method name that makes it.
METHODS: Dict[str, RPC] = {}


def _request(rpc: RPC, name: str, request: Optional[Message], fields: Dict[str, Any]) -> Message:
    if request is not None:
        if fields:
            raise TypeError(f"{name}() takes either a request message or its fields as keywords, not both")
        if not isinstance(request, rpc.request_type):
            raise TypeError(f"{name}() takes a {rpc.request_type.DESCRIPTOR.full_name}, "
                            f"not {type(request).__name__}")
        return request
    # A field whose name is a Python keyword is given with a trailing _ (from_=...).
    known = rpc.request_type.DESCRIPTOR.fields_by_name
    renamed = {}
    for key, value in fields.items():
        if key not in known and key.endswith("_") and key[:-1] in known:
            key = key[:-1]
        if key not in known:
            raise TypeError(f"{name}() got an unexpected keyword argument {key!r}: "
                            f"{rpc.request_type.DESCRIPTOR.full_name} has "
                            f"{', '.join(known) or 'no fields'}")
        renamed[key] = value
    try:
        return rpc.request_type(**renamed)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name}(): {error}") from None


def _make_method(name: str, rpc: RPC) -> Callable[..., Any]:
    if rpc.server_streaming:
        def streaming(self: Client, request: Optional[Message] = None, /, *, timeout: Optional[float] = None,
                      request_id: str = "", **fields: Any) -> Watch[Any]:
            return self.stream(rpc.path, _request(rpc, name, request, fields), rpc.response_type,
                               timeout, request_id)
        method: Callable[..., Any] = streaming
        kind = "a server-streaming call: an iterator of"
    elif rpc.paged_field is not None:
        field = rpc.paged_field

        def paged(self: Client, request: Optional[Message] = None, /, *, timeout: Optional[float] = _UNSET,
                  request_id: str = "", **fields: Any) -> Pages[Any]:
            first = _request(rpc, name, request, fields)

            def fetch(token: str) -> Message:
                page = type(first)()
                page.CopyFrom(first)
                if token:
                    setattr(page, "page_token", token)
                return self.call(rpc.path, page, rpc.response_type, timeout, request_id)
            return Pages(fetch, field)
        method = paged
        kind = f"paged: an iterator over {field} of"
    else:
        def unary(self: Client, request: Optional[Message] = None, /, *, timeout: Optional[float] = _UNSET,
                  request_id: str = "", **fields: Any) -> Any:
            return self.call(rpc.path, _request(rpc, name, request, fields), rpc.response_type,
                             timeout, request_id)
        method = unary
        kind = "returns"
    method.__name__ = name
    method.__qualname__ = f"Client.{name}"
    method.__doc__ = (f"{rpc.path} ({rpc.file_name}): takes the fields of "
                      f"{rpc.request_type.DESCRIPTOR.full_name} as keywords (or one as its "
                      f"only argument); {kind} {rpc.response_type.DESCRIPTOR.full_name}.")
    return method


def _install() -> None:
    rpcs = _rpcs()
    plain: Dict[str, List[RPC]] = {}
    for rpc in rpcs:
        plain.setdefault(snake_case(rpc.name), []).append(rpc)
    for rpc in rpcs:
        short = snake_case(rpc.name)
        qualified = f"{snake_case(rpc.service)}_{short}"
        # Every RPC as service_method; the plain name too where it is unique,
        # else the Registry's (watch is Registry.Watch, health_watch Health.Watch).
        names = [qualified]
        owners = plain[short]
        if len(owners) == 1 or rpc.service == "Registry":
            names.insert(0, short)
        for name in names:
            METHODS[name] = rpc
            setattr(Client, name, _make_method(name, rpc))


_install()


def connect(socket_path: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT,
            client_name: str = wire.CLIENT_NAME, *, socket: Optional[str] = None) -> Client:
    """Connects to corridord and says hello (PROTOCOL.md §5.1).

    The socket is ``socket`` if given, else ``CORRIDOR_SOCKET``, else the
    per-user socket if it exists, else /run/corridor/corridord.sock, as
    corridorctl finds it. ``timeout`` (seconds) bounds the connect and hello
    and is the default deadline of each unary call (None: no deadline);
    a call's own ``timeout=`` overrides it.
    """
    import socket as _socket

    path = socket or socket_path
    named = bool(path) or bool(os.environ.get("CORRIDOR_SOCKET"))
    path = path or location.default_socket()
    if not named:
        problem = location.default_directory_problem(path)
        if problem:
            raise errors.PermissionDenied(f"refusing to connect to {path}: {problem}")
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        sock.settimeout(timeout)
        try:
            sock.connect(path)
        except OSError as error:
            raise errors.Unavailable(
                f"cannot connect to {path}: {error.strerror or error}; is corridord running? "
                "Start it with `make run` or `systemctl start corridord`, or pass socket=") from None
        refusal = location.untrusted_peer(path, location.peer_uid(sock))
        if refusal:
            raise errors.PermissionDenied(refusal)
        try:
            sock.sendall(wire.encode_frame(wire.hello_frame(client_name=client_name)))
            while True:
                frame = wire.read_frame(sock, deadline)
                if frame is None:
                    raise errors.Unavailable(f"corridord at {path} closed the connection before answering Hello")
                kind = frame.WhichOneof("kind")
                if kind == "ping":
                    sock.sendall(wire.encode_frame(frame_pb2.Frame(pong=frame_pb2.Pong(opaque=frame.ping.opaque))))
                    continue
                if kind == "hello_reply":
                    break
                if kind == "status":
                    raise errors.error_from_status(frame.status)
        except _socket.timeout:
            raise errors.DeadlineExceeded(f"no HelloReply from {path} within {timeout} s") from None
        except (OSError, wire.ConnectionClosed, DecodeError) as error:
            raise errors.Unavailable(f"hello to {path} failed: {error}") from None
        sock.settimeout(None)
    except BaseException:
        sock.close()
        raise
    return Client(sock, path, frame.hello_reply, timeout)
