#!/usr/bin/env python3
"""Writes clients/python/src/corridor/_methods.pyi, the static types of the
Python client's RPC methods, from protoc's description of proto/:

    protoc --include_imports --descriptor_set_out=SET -I proto FILES...
    scripts/protoc-gen-corridor-python-methods.py --descriptors SET --out FILE

corridor.client builds one method per RPC at import from the same
descriptors; this stub declares them for mypy (class Client inherits the
stub's _Methods under TYPE_CHECKING only: no such module exists at run time).
The names follow corridor/client.py's _install(): the service-prefixed
snake_case name of every RPC, and the plain one where it is unique (else the
Registry's). Each method takes the request message positionally, or its
fields as keywords (a Python keyword with a trailing underscore), and
timeout= and request_id=; it returns the response message, a Watch of them
(server streaming) or a Pages of the items (paged lists).
"""

import argparse
import keyword
import re
import sys

try:
    from google.protobuf import descriptor_pb2
except ImportError:  # pragma: no cover
    sys.exit("protoc-gen-corridor-python-methods: needs Python's protobuf package")

FD = descriptor_pb2.FieldDescriptorProto
SCALARS = {
    FD.TYPE_DOUBLE: "float", FD.TYPE_FLOAT: "float",
    FD.TYPE_INT64: "int", FD.TYPE_UINT64: "int", FD.TYPE_INT32: "int", FD.TYPE_FIXED64: "int",
    FD.TYPE_FIXED32: "int", FD.TYPE_UINT32: "int", FD.TYPE_SFIXED32: "int",
    FD.TYPE_SFIXED64: "int", FD.TYPE_SINT32: "int", FD.TYPE_SINT64: "int",
    FD.TYPE_BOOL: "bool", FD.TYPE_STRING: "str", FD.TYPE_BYTES: "bytes",
}
# Keywords every generated method takes itself (a request field so named
# cannot be given as a keyword at run time either).
OWN_KEYWORDS = {"timeout", "request_id"}


def snake_case(name):
    """As corridor.client.snake_case: GetCase → get_case."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])|(?<=[A-Z])([A-Z])(?=[a-z])", r"_\1\2", name).lower()


def module_name(file_name):
    base = file_name.rsplit("/", 1)[-1]
    return base[:-len(".proto")] + "_pb2"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--descriptors", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.descriptors, "rb") as f:
        files = descriptor_pb2.FileDescriptorSet.FromString(f.read()).file

    # Every message and enum by full name: (module, Python name, proto).
    messages, enums = {}, {}

    def walk(module, prefix, python_prefix, message_types, enum_types):
        for enum in enum_types:
            enums[f"{prefix}.{enum.name}"] = (module, python_prefix + enum.name)
        for message in message_types:
            full = f"{prefix}.{message.name}"
            messages[full] = (module, python_prefix + message.name, message)
            walk(module, full, python_prefix + message.name + ".", message.nested_type, message.enum_type)

    for file in files:
        walk(module_name(file.name), "." + file.package, "", file.message_type, file.enum_type)

    used_modules = set()

    def message_ref(type_name):
        module, name, _ = messages[type_name]
        used_modules.add(module)
        return f"{module}.{name}"

    def field_type(field):
        if field.type == FD.TYPE_MESSAGE:
            entry = messages[field.type_name][2]
            if entry.options.map_entry:
                key, value = entry.field
                return f"Mapping[{field_type(key)}, {field_type(value)}]"
            base = f"Union[{message_ref(field.type_name)}, Mapping[str, Any]]"
        elif field.type == FD.TYPE_ENUM:
            base = "Union[int, str]"  # the number or the name
        else:
            base = SCALARS[field.type]
        if field.label == FD.LABEL_REPEATED:
            return f"Iterable[{base}]"
        return base

    # The RPCs in the order the client meets them: its modules by name, then
    # services and methods as declared.
    rpcs = []
    for file in sorted(files, key=lambda f: module_name(f.name)):
        if not file.name.startswith("corridor/"):
            continue
        for service in file.service:
            for method in service.method:
                rpcs.append((service.name, method))
    plain = {}
    for service, method in rpcs:
        plain.setdefault(snake_case(method.name), []).append(service)
    names = {}
    for service, method in rpcs:
        short = snake_case(method.name)
        qualified = f"{snake_case(service)}_{short}"
        owners = plain[short]
        these = [qualified]
        if len(owners) == 1 or service == "Registry":
            these.insert(0, short)
        for name in these:
            names[name] = (service, method)

    lines = []
    for name, (service, method) in names.items():
        request = messages[method.input_type][2]
        response = messages[method.output_type][2]
        request_ref = message_ref(method.input_type)
        response_ref = message_ref(method.output_type)
        request_fields = {f.name for f in request.field}
        response_fields = {f.name for f in response.field}
        paged_item = None
        if not method.server_streaming and "page_token" in request_fields and "next_page_token" in response_fields:
            repeated = [f for f in response.field
                        if f.label == FD.LABEL_REPEATED and f.type == FD.TYPE_MESSAGE]
            if len(repeated) == 1:
                paged_item = message_ref(repeated[0].type_name)
        if method.server_streaming:
            returns, timeout = f"Watch[{response_ref}]", "Optional[float] = None"
            kind = f"server streaming, a Watch of {response.name}"
        elif paged_item is not None:
            returns, timeout = f"Pages[{paged_item}]", "Optional[float] = ..."
            kind = f"paged, the items of {response.name}"
        else:
            returns, timeout = response_ref, "Optional[float] = ..."
            kind = f"returns {response.name}"
        params = ["self", f"request: Optional[{request_ref}] = None", "/", "*"]
        for field in request.field:
            if field.name in OWN_KEYWORDS:
                continue
            pname = field.name + "_" if keyword.iskeyword(field.name) else field.name
            params.append(f"{pname}: Optional[{field_type(field)}] = None")
        params += [f"timeout: {timeout}", 'request_id: str = ""']
        package = [f for f in files if any(s.name == service for s in f.service)][0].package
        lines.append(f"    def {name}(")
        for param in params:
            lines.append(f"        {param},")
        lines.append(f"    ) -> {returns}:")
        lines.append(f'        """/{package}.{service}/{method.name}: {kind}."""')
        lines.append("        ...")
        lines.append("")

    out = [
        "# Generated by scripts/generate-proto (scripts/protoc-gen-corridor-python-methods.py)",
        "# from proto/; do not edit. The static types of corridor.Client's RPC methods,",
        "# which corridor/client.py builds at import from the same descriptors.",
        "",
        "from typing import Any, Iterable, Mapping, Optional, Union",
        "",
        "from corridor.client import Pages, Watch",
    ]
    for module in sorted(used_modules):
        out.append(f"from corridor.v1 import {module}")
    out += ["", "", "class _Methods:",
            '    """One method per RPC of proto/ (corridor.METHODS maps the names to them)."""',
            ""]
    out += lines
    while out[-1] == "":
        out.pop()
    with open(args.out, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
