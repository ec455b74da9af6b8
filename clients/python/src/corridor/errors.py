"""Exceptions for a call's Status: one class per status code (PROTOCOL.md §6),
all under CorridorError, each carrying the field violations the server named."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Type

from corridor.v1 import frame_pb2


@dataclass(frozen=True)
class FieldViolation:
    """One bad field of a request: its path (``case.birth_date``,
    ``add[1].case_id``) and why."""

    field: str
    description: str

    def __str__(self) -> str:
        return f"{self.field}: {self.description}"


class CorridorError(Exception):
    """A call (or the connection) ended with a status other than OK.

    ``code`` is the status code's number, ``code_name`` its name
    (``"NOT_FOUND"``), ``message`` the server's text for people (branch on the
    class or ``code``, never on the text), ``violations`` the field violations.
    """

    #: The status code this class stands for (UNKNOWN for the base class).
    default_code: int = frame_pb2.UNKNOWN

    def __init__(self, message: str = "", violations: Iterable[FieldViolation] = (),
                 code: Optional[int] = None) -> None:
        self.code: int = self.default_code if code is None else code
        self.message: str = message
        self.violations: List[FieldViolation] = list(violations)
        super().__init__(self._text())

    @property
    def code_name(self) -> str:
        return code_name(self.code)

    def _text(self) -> str:
        text = self.code_name + (f": {self.message}" if self.message else "")
        for violation in self.violations:
            text += f" [{violation}]"
        return text


class Cancelled(CorridorError):
    default_code = frame_pb2.CANCELLED


class Unknown(CorridorError):
    default_code = frame_pb2.UNKNOWN


class InvalidArgument(CorridorError):
    default_code = frame_pb2.INVALID_ARGUMENT


class DeadlineExceeded(CorridorError):
    default_code = frame_pb2.DEADLINE_EXCEEDED


class NotFound(CorridorError):
    default_code = frame_pb2.NOT_FOUND


class AlreadyExists(CorridorError):
    default_code = frame_pb2.ALREADY_EXISTS


class PermissionDenied(CorridorError):
    default_code = frame_pb2.PERMISSION_DENIED


class ResourceExhausted(CorridorError):
    default_code = frame_pb2.RESOURCE_EXHAUSTED


class FailedPrecondition(CorridorError):
    default_code = frame_pb2.FAILED_PRECONDITION


class Aborted(CorridorError):
    default_code = frame_pb2.ABORTED


class OutOfRange(CorridorError):
    default_code = frame_pb2.OUT_OF_RANGE


class Unimplemented(CorridorError):
    default_code = frame_pb2.UNIMPLEMENTED


class Internal(CorridorError):
    default_code = frame_pb2.INTERNAL


class Unavailable(CorridorError):
    """Try again later, possibly on a new connection (the daemon is stopping,
    not running, or its data directory cannot be written)."""

    default_code = frame_pb2.UNAVAILABLE


class DataLoss(CorridorError):
    default_code = frame_pb2.DATA_LOSS


class Unauthenticated(CorridorError):
    default_code = frame_pb2.UNAUTHENTICATED


_BY_CODE: Dict[int, Type[CorridorError]] = {
    cls.default_code: cls
    for cls in (Cancelled, Unknown, InvalidArgument, DeadlineExceeded, NotFound, AlreadyExists,
                PermissionDenied, ResourceExhausted, FailedPrecondition, Aborted, OutOfRange,
                Unimplemented, Internal, Unavailable, DataLoss, Unauthenticated)
}


def code_name(code: int) -> str:
    try:
        return frame_pb2.StatusCode.Name(code)
    except ValueError:
        return str(code)


def error_for(code: int, message: str = "", violations: Iterable[FieldViolation] = ()) -> CorridorError:
    """The exception for a status code; a code this client does not know is
    treated as UNKNOWN (PROTOCOL.md §5.12) but keeps its number."""
    cls = _BY_CODE.get(code, Unknown)
    return cls(message, violations, code=code)


def error_from_status(status: frame_pb2.Status) -> CorridorError:
    return error_for(status.code, status.message,
                     [FieldViolation(v.field, v.description) for v in status.field_violations])
