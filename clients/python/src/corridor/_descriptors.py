"""Descriptor helpers that work across protobuf 4 to 7 (7 dropped
FieldDescriptor.label for is_repeated)."""

from typing import Any


def is_repeated(field: Any) -> bool:
    flag = getattr(field, "is_repeated", None)
    if flag is not None:
        return bool(flag)
    return bool(field.label == field.LABEL_REPEATED)
