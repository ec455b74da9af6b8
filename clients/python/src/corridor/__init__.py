"""Corridor's Python client: ``corridor.connect()`` gives a ``Client`` with one
method per RPC of proto/ (``get_case``, ``waiting_cases``, ``select_list``,
``watch``, …), taking the request's fields as keywords and returning the
response message; refusals raise ``CorridorError`` subclasses per status code.
The message classes are in ``corridor.v1`` (``from corridor.v1 import
records_pb2``). See clients/python/README.md."""

__version__ = "0.1.0"

from corridor.errors import (Aborted, AlreadyExists, Cancelled, CorridorError, DataLoss,  # noqa: E402
                             DeadlineExceeded, FailedPrecondition, FieldViolation, Internal,
                             InvalidArgument, NotFound, OutOfRange, PermissionDenied,
                             ResourceExhausted, Unauthenticated, Unavailable, Unimplemented,
                             Unknown)
from corridor.client import METHODS, Call, Client, Pages, Watch, connect  # noqa: E402
from corridor.location import default_socket  # noqa: E402
from corridor.tables import to_dataframe, to_hxl, to_rows  # noqa: E402

__all__ = [
    "connect", "Client", "Call", "Watch", "Pages", "METHODS", "default_socket",
    "to_dataframe", "to_hxl", "to_rows",
    "CorridorError", "FieldViolation", "Cancelled", "Unknown", "InvalidArgument", "DeadlineExceeded",
    "NotFound", "AlreadyExists", "PermissionDenied", "ResourceExhausted", "FailedPrecondition",
    "Aborted", "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss",
    "Unauthenticated",
]
