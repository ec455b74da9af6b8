"""Frames on the socket, as proto/PROTOCOL.md §3 has them: a 4-byte big-endian
length, then one protobuf ``corridor.v1.Frame``. ``FrameConnection`` is the
low level: one blocking reader, no threads, every frame visible (the interop
tests use it to send what a well-behaved client never would). ``Client``
(client.py) builds the typed API on the same framing."""

from __future__ import annotations

import socket
import struct
import time
from typing import List, Optional, Tuple, Union

from google.protobuf.message import DecodeError, Message

from corridor.v1 import frame_pb2

#: The protocol version this package speaks (PROTOCOL.md §5.1).
PROTOCOL_MAJOR = 1
PROTOCOL_MINOR = 0
CLIENT_NAME = "corridor-python"

_LENGTH = struct.Struct(">I")


class ConnectionClosed(Exception):
    """The connection ended inside a frame (not a clean EOF between frames)."""


def encode_frame(frame: frame_pb2.Frame) -> bytes:
    """The bytes on the wire for one frame: length prefix, then the body.
    Google's encoder writes fields in number order, so stream_id comes
    first as §3 requires."""
    body = frame.SerializeToString()
    return _LENGTH.pack(len(body)) + body


def hello_frame(major: int = PROTOCOL_MAJOR, minor: int = PROTOCOL_MINOR,
                client_name: str = CLIENT_NAME, client_version: str = "") -> frame_pb2.Frame:
    from corridor import __version__
    return frame_pb2.Frame(stream_id=0, hello=frame_pb2.Hello(
        version=frame_pb2.ProtocolVersion(major=major, minor=minor),
        client_name=client_name, client_version=client_version or __version__))


def read_exact(sock: socket.socket, n: int, deadline: Optional[float]) -> Optional[bytes]:
    """Exactly n bytes, or None at EOF before the first; ConnectionClosed at
    EOF after some; socket.timeout once deadline (monotonic) passes."""
    buf = bytearray()
    while len(buf) < n:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout("timed out waiting for the server")
            sock.settimeout(remaining)
        else:
            sock.settimeout(None)
        chunk = sock.recv(min(n - len(buf), 1 << 16))
        if not chunk:
            if buf:
                raise ConnectionClosed(f"EOF inside a frame after {len(buf)} of {n} bytes")
            return None
        buf += chunk
    return bytes(buf)


def read_frame(sock: socket.socket, deadline: Optional[float] = None) -> Optional[frame_pb2.Frame]:
    """The next frame (None at a clean EOF). A body that does not parse as a
    Frame raises DecodeError: the framing can no longer be trusted."""
    header = read_exact(sock, 4, deadline)
    if header is None:
        return None
    (n,) = _LENGTH.unpack(header)
    body = read_exact(sock, n, deadline) if n else b""
    if body is None:
        raise ConnectionClosed(f"EOF after a length prefix of {n}")
    return frame_pb2.Frame.FromString(body)


class FrameConnection:
    """One connection, read by its caller: frames of other streams are kept
    until asked for, server pings are answered (unless ``answer_pings`` is
    False), nothing runs in the background."""

    def __init__(self, path: str, timeout: float = 10.0,
                 sock: Optional[socket.socket] = None) -> None:
        if sock is None:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            try:
                sock.connect(path)
            except OSError:
                sock.close()
                raise
        self.path = path
        self.sock = sock
        self.timeout = timeout
        self.pending: List[frame_pb2.Frame] = []
        self.eof = False
        self.answer_pings = True
        self.pings_seen = 0

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self) -> "FrameConnection":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def send(self, frame: frame_pb2.Frame) -> None:
        self.sock.sendall(encode_frame(frame))

    def read_frame(self, timeout: Optional[float] = None) -> Optional[frame_pb2.Frame]:
        """The next frame off the socket (None at EOF). Answers server pings."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            if self.eof:
                return None
            frame = read_frame(self.sock, deadline)
            if frame is None:
                self.eof = True
                return None
            if frame.stream_id == 0 and frame.WhichOneof("kind") == "ping":
                # Clients must answer pings (PROTOCOL.md §5.7).
                self.pings_seen += 1
                if self.answer_pings:
                    self.send(frame_pb2.Frame(stream_id=0, pong=frame_pb2.Pong(opaque=frame.ping.opaque)))
                continue
            return frame

    def next_for(self, stream_id: int, timeout: Optional[float] = None) -> Optional[frame_pb2.Frame]:
        """The next frame on stream_id; frames of other streams are kept."""
        for i, f in enumerate(self.pending):
            if f.stream_id == stream_id:
                return self.pending.pop(i)
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            frame = self.read_frame(max(0.0, deadline - time.monotonic()))
            if frame is None:
                return None
            if frame.stream_id == stream_id:
                return frame
            self.pending.append(frame)

    def hello(self, major: int = PROTOCOL_MAJOR, minor: int = PROTOCOL_MINOR,
              client_name: str = CLIENT_NAME, client_version: str = "") -> Optional[frame_pb2.Frame]:
        """Sends Hello and returns the server's answer on stream 0 (a
        HelloReply, or a Status refusing the version)."""
        self.send(hello_frame(major, minor, client_name, client_version))
        return self.next_for(0)

    def start(self, stream_id: int, method: str, request: Union[bytes, Message] = b"",
              timeout_ms: int = 5000, request_id: str = "") -> None:
        payload = request if isinstance(request, bytes) else request.SerializeToString()
        self.send(frame_pb2.Frame(stream_id=stream_id, call=frame_pb2.CallStart(
            method=method, timeout_ms=timeout_ms, payload=payload,
            request_id=request_id or f"py-{stream_id}")))

    def finish(self, stream_id: int, timeout: Optional[float] = None
               ) -> Tuple[List[bytes], Optional[frame_pb2.Status]]:
        """Frames of one call up to and including its Status: (payloads,
        status); status is None if the connection ended first."""
        messages: List[bytes] = []
        while True:
            f = self.next_for(stream_id, timeout)
            if f is None:
                return messages, None
            kind = f.WhichOneof("kind")
            if kind == "message":
                messages.append(f.message.payload)
            elif kind == "status":
                return messages, f.status
            else:
                raise ConnectionClosed(f"unexpected {kind} frame on stream {stream_id}")

    def call(self, stream_id: int, method: str, request: Union[bytes, Message] = b"",
             timeout_ms: int = 5000) -> Tuple[List[bytes], Optional[frame_pb2.Status]]:
        self.start(stream_id, method, request, timeout_ms)
        return self.finish(stream_id)


__all__ = ["FrameConnection", "ConnectionClosed", "DecodeError", "encode_frame", "read_frame",
           "hello_frame", "PROTOCOL_MAJOR", "PROTOCOL_MINOR"]
