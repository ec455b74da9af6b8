#!/usr/bin/env python3
"""Generates Corridor's Swift message types from proto/ (issue 9).

    protoc --include_imports --include_source_info --descriptor_set_out=SET -I proto FILES...
    scripts/protoc-gen-corridor-swift.py --descriptors SET --out DIR [--samples-out DIR]
        [--c-module NAME] [--testable-import MODULE]

Reads the descriptor set protoc wrote and writes, into DIR, one
`<name>.pb.swift` per proto file and `Methods.pb.swift` (one RPCMethod per rpc
of every service). With --samples-out it also writes `ProtoSamples.pb.swift`
there: a sample value of every message with every field set, for the tests.
--c-module names the module of protoc-c's output (CCorridorProto by default)
and --testable-import a module the output imports with @testable: both for
code generated outside CorridorWire, the tests' collision proto
(Tests/GeneratorCollisions), whose Swift lives in a test target.
scripts/generate-proto runs it; the naming rules and the JSON dialect are in
proto/PROTOCOL.md ("Generated code").

The output depends on nothing but the descriptors, so it is byte for byte the
same on every run. Anything this generator does not support (proto2, maps,
`optional`, groups, extensions, the number types proto/ does not use, oneof
members that are not messages, streaming from the client, names that would
collide in Swift) stops it with an error naming the place, rather than
generating something subtly wrong.
"""

import argparse
import os
import re
import sys

try:
    from google.protobuf import descriptor_pb2
except ImportError:  # pragma: no cover - reported by scripts/generate-proto
    print("protoc-gen-corridor-swift: the Python package 'protobuf' is missing "
          "(apt-get install python3-protobuf, or pip install protobuf; make deps-regen does it)",
          file=sys.stderr)
    sys.exit(2)

F = descriptor_pb2.FieldDescriptorProto


class GeneratorError(Exception):
    pass


def fail(where, why):
    raise GeneratorError(f"{where}: {why}")


# --------------------------------------------------------------------------
# Names

SWIFT_KEYWORDS = {
    # Declarations, statements, expressions and types (The Swift Programming
    # Language, "Lexical Structure": keywords reserved everywhere).
    "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension",
    "fileprivate", "func", "import", "init", "inout", "internal", "let", "nonisolated",
    "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
    "static", "struct", "subscript", "typealias", "var", "break", "case", "catch",
    "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in",
    "repeat", "return", "throw", "switch", "where", "while", "Any", "as", "await", "false",
    "is", "nil", "self", "Self", "super", "throws", "true", "try", "_",
}

# protoc-c appends "_" to a field name that is a C++ keyword (protoc-c's
# c_helpers.cc, FieldName); the generated Swift reads the C struct by that name.
CPP_KEYWORDS = {
    "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
    "char", "class", "compl", "const", "const_cast", "continue", "default", "delete", "do",
    "double", "dynamic_cast", "else", "enum", "explicit", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "not",
    "not_eq", "operator", "or", "or_eq", "private", "protected", "public", "register",
    "reinterpret_cast", "return", "short", "signed", "sizeof", "static", "static_cast",
    "struct", "switch", "template", "this", "throw", "true", "try", "typedef", "typeid",
    "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t",
    "while", "xor", "xor_eq",
}

# Type names the generated code uses unqualified: a nested proto type of one of
# these names would shadow it inside its parent.
RESERVED_TYPE_NAMES = {
    "String", "Bool", "Int", "Int32", "UInt32", "Int64", "UInt64", "UInt8", "Array",
    "Optional", "Never", "Swift", "Type", "Protocol", "Self", "Sendable", "Hashable",
    "CaseIterable", "ProtoJSON", "ProtoJSONError", "ProtoJSONRead", "ProtoDecodingError",
    "ProtoWriter", "ProtoSize", "ProtoMessage", "ProtoEnum", "ProtobufCRead",
    "ProtobufDescriptor", "ProtobufCBacked", "RPCMethod", "AnyRPCMethod",
}

# Members every generated message or enum has; a field or case of the same name
# would collide with them.
RESERVED_MESSAGE_MEMBERS = {
    "serializedSize", "serializedBytes", "serialize", "jsonValue", "jsonText", "hashValue",
    "hash", "protoMessageName", "protobufCDescriptor",
}
RESERVED_ENUM_CASES = {
    "unrecognized", "rawValue", "protoName", "jsonValue", "allCases", "protoEnumName",
    "hashValue", "hash", "init", "self", "Type",
}

UNSUPPORTED_TYPES = {
    F.TYPE_DOUBLE: "double", F.TYPE_FLOAT: "float", F.TYPE_INT64: "int64",
    F.TYPE_FIXED64: "fixed64", F.TYPE_FIXED32: "fixed32", F.TYPE_GROUP: "group",
    F.TYPE_SFIXED32: "sfixed32", F.TYPE_SFIXED64: "sfixed64", F.TYPE_SINT32: "sint32",
    F.TYPE_SINT64: "sint64",
}


def lower_camel(snake, where):
    """`site_id` → `siteID`, `case_ids` → `caseIDs`, `age_months` → `ageMonths`."""
    if not snake or snake != snake.lower() or not snake[0].isalpha():
        fail(where, f"'{snake}' is not a lower_snake_case name")
    parts = [p for p in snake.split("_") if p]
    out = [parts[0]]
    for part in parts[1:]:
        if part == "id":
            out.append("ID")
        elif part == "ids":
            out.append("IDs")
        elif part == "url":
            out.append("URL")
        else:
            out.append(part[0].upper() + part[1:])
    return "".join(out)


def upper_camel(snake, where):
    name = lower_camel(snake, where)
    return name[0].upper() + name[1:]


def screaming(camel):
    """`CrossingStatus` → `CROSSING_STATUS`."""
    out = ""
    for i, c in enumerate(camel):
        if c.isupper() and i > 0 and (camel[i - 1].islower() or camel[i - 1].isdigit()):
            out += "_"
        out += c.upper()
    return out


def quoted(name):
    """A Swift identifier, back-quoted when it is a keyword."""
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def label(name):
    """An argument label at a call site: keywords need no quotes there, but for these three."""
    return f"`{name}`" if name in ("inout", "var", "let") else name


def c_piece(piece, where):
    if "_" in piece:
        fail(where, f"'{piece}': protoc-c's C names for names with '_' are not supported")
    return piece[0].upper() + piece[1:]


def c_lower_piece(piece):
    """protoc-c's CamelToLower: `CaseView` → `case_view`, `V1` → `v1`."""
    out = ""
    was_upper = True
    for c in piece:
        if c.isupper():
            if not was_upper:
                out += "_"
            out += c.lower()
        else:
            out += c
        was_upper = c.isupper()
    return out


def swift_string_literal(text):
    out = '"'
    for c in text:
        if c == '"':
            out += '\\"'
        elif c == "\\":
            out += "\\\\"
        elif c == "\n":
            out += "\\n"
        elif ord(c) < 0x20:
            out += "\\u{%x}" % ord(c)
        else:
            out += c
    return out + '"'


def doc_lines(comment, indent):
    """A proto comment as `///` lines."""
    if not comment:
        return []
    lines = comment.rstrip("\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    out = []
    for line in lines:
        if line.startswith(" "):
            line = line[1:]
        out.append((indent + "/// " + line).rstrip() if line.strip() else indent + "///")
    return out


# --------------------------------------------------------------------------
# The model: what the descriptors say, resolved and checked


class Enum:
    def __init__(self, proto, full_name, swift_name, parent, comments, path, file):
        self.proto = proto
        self.full_name = full_name
        self.swift_name = swift_name  # fully qualified Swift name
        self.short_name = proto.name
        self.parent = parent
        self.file = file
        self.comment = comments.get(tuple(path), "")
        where = full_name
        if proto.options.allow_alias:
            fail(where, "enum aliases (allow_alias) are not supported")
        prefix = screaming(proto.name) + "_"
        self.values = []  # (proto name, number, case name, comment)
        seen_numbers = set()
        seen_cases = set()
        for index, value in enumerate(proto.value):
            if value.number in seen_numbers:
                fail(f"{where}.{value.name}", "two values with one number")
            seen_numbers.add(value.number)
            stripped = value.name[len(prefix):] if value.name.startswith(prefix) else value.name
            if not stripped or not stripped[0].isalpha():
                stripped = value.name
            case = lower_camel(stripped.lower(), f"{where}.{value.name}")
            if case in seen_cases:
                fail(f"{where}.{value.name}", f"two values give the Swift case '{case}'")
            if case in RESERVED_ENUM_CASES:
                fail(f"{where}.{value.name}", f"the Swift case '{case}' collides with a generated member")
            seen_cases.add(case)
            self.values.append((value.name, value.number, case, comments.get(tuple(path + [2, index]), "")))
        zero = [v for v in self.values if v[1] == 0]
        if not zero:
            fail(where, "a proto3 enum needs a value 0")
        self.zero_case = zero[0][2]


class Field:
    def __init__(self, proto, message, comment):
        self.proto = proto
        self.message = message
        self.name = proto.name
        self.number = proto.number
        self.json_name = proto.json_name or json_name_of(proto.name)
        self.comment = comment
        self.repeated = proto.label == F.LABEL_REPEATED
        self.type = proto.type
        self.type_name = proto.type_name.lstrip(".")
        self.oneof = None  # Oneof
        where = f"{message.full_name}.{proto.name}"
        self.where = where
        self.swift_name = lower_camel(proto.name, where)
        if self.swift_name in RESERVED_MESSAGE_MEMBERS:
            fail(where, f"the Swift name '{self.swift_name}' collides with a generated member")
        if self.swift_name == "self":
            # The memberwise init's parameter `self` would hide self itself:
            # `self.x = x` would then assign to a member of the string.
            fail(where, "a field named 'self' would hide self in the generated init")
        self.c_name = proto.name.lower() + ("_" if proto.name.lower() in CPP_KEYWORDS else "")
        if proto.type in UNSUPPORTED_TYPES:
            fail(where, f"the type {UNSUPPORTED_TYPES[proto.type]} is not supported yet (add it to the generator and its tests)")
        if proto.label == F.LABEL_REQUIRED:
            fail(where, "required fields (proto2) are not supported")
        if proto.proto3_optional:
            fail(where, "proto3 `optional` fields are not supported yet")
        if proto.HasField("extendee"):
            fail(where, "extensions are not supported")
        if proto.HasField("default_value"):
            fail(where, "explicit default values (proto2) are not supported")
        self.resolved = None  # Message or Enum, for message and enum fields

    @property
    def is_message(self):
        return self.type == F.TYPE_MESSAGE

    @property
    def is_enum(self):
        return self.type == F.TYPE_ENUM

    @property
    def packed(self):
        return self.repeated and self.type in (F.TYPE_UINT32, F.TYPE_UINT64, F.TYPE_INT32, F.TYPE_BOOL, F.TYPE_ENUM)

    @property
    def swift_element_type(self):
        if self.type == F.TYPE_STRING:
            return "String"
        if self.type == F.TYPE_BYTES:
            return "[UInt8]"
        if self.type == F.TYPE_BOOL:
            return "Bool"
        if self.type == F.TYPE_UINT32:
            return "UInt32"
        if self.type == F.TYPE_UINT64:
            return "UInt64"
        if self.type == F.TYPE_INT32:
            return "Int32"
        return self.resolved.swift_name

    @property
    def swift_type(self):
        if self.repeated:
            return f"[{self.swift_element_type}]"
        if self.is_message:
            return f"{self.swift_element_type}?"
        return self.swift_element_type

    @property
    def swift_default(self):
        if self.repeated:
            return "[]"
        if self.is_message:
            return "nil"
        return {
            F.TYPE_STRING: '""', F.TYPE_BYTES: "[]", F.TYPE_BOOL: "false", F.TYPE_UINT32: "0",
            F.TYPE_UINT64: "0", F.TYPE_INT32: "0",
        }.get(self.type) or f".{quoted(self.resolved.zero_case)}"

    def wire_type(self):
        if self.repeated and self.packed:
            return 2
        if self.type in (F.TYPE_STRING, F.TYPE_BYTES, F.TYPE_MESSAGE):
            return 2
        return 0


def json_name_of(name):
    """protoc's json_name, for descriptor sets that lack it."""
    out = ""
    upper = False
    for c in name:
        if c == "_":
            upper = True
        elif upper:
            out += c.upper()
            upper = False
        else:
            out += c
    return out


class Oneof:
    def __init__(self, proto, message, comment):
        where = f"{message.full_name}.{proto.name}"
        self.name = proto.name
        self.swift_name = lower_camel(proto.name, where)
        self.type_name = upper_camel(proto.name, where)
        self.comment = comment
        self.fields = []
        self.c_case = proto.name.lower() + "_case"


class Message:
    def __init__(self, proto, full_name, swift_name, c_name, c_lower, parent, comments, path, file):
        self.proto = proto
        self.full_name = full_name
        self.swift_name = swift_name
        self.short_name = proto.name
        self.c_name = c_name
        self.c_lower = c_lower
        self.parent = parent
        self.file = file
        self.comment = comments.get(tuple(path), "")
        self.path = path
        self.messages = []
        self.enums = []
        if proto.options.map_entry:
            fail(full_name, "map fields are not supported")
        if proto.extension or proto.extension_range:
            fail(full_name, "extensions are not supported")
        self.oneofs = [Oneof(o, self, comments.get(tuple(path + [8, i]), "")) for i, o in enumerate(proto.oneof_decl)]
        self.fields = []
        for index, field_proto in enumerate(proto.field):
            field = Field(field_proto, self, comments.get(tuple(path + [2, index]), ""))
            if field_proto.HasField("oneof_index"):
                oneof = self.oneofs[field_proto.oneof_index]
                field.oneof = oneof
                oneof.fields.append(field)
            self.fields.append(field)
        self.fields.sort(key=lambda f: f.number)
        if len(self.fields) > 64:
            fail(full_name, "more than 64 fields (the JSON decoder's duplicate check holds 64)")
        for oneof in self.oneofs:
            for field in oneof.fields:
                if field.type != F.TYPE_MESSAGE or field.repeated:
                    fail(field.where, "oneof members other than messages are not supported yet")

    def all_messages(self):
        yield self
        for nested in self.messages:
            yield from nested.all_messages()

    def index_of(self, field):
        return self.fields.index(field)

    @property
    def plain_fields(self):
        return [f for f in self.fields if f.oneof is None]

    def members(self):
        """Stored properties in order: plain fields and oneofs, at their first field number."""
        out = []
        seen = set()
        for field in self.fields:
            if field.oneof is None:
                out.append(field)
            elif field.oneof.name not in seen:
                seen.add(field.oneof.name)
                out.append(field.oneof)
        return out


class Service:
    def __init__(self, proto, package, comments, path, file):
        self.proto = proto
        self.name = proto.name
        self.full_name = f"{package}.{proto.name}"
        self.swift_name = swift_prefix(package) + proto.name
        self.comment = comments.get(tuple(path), "")
        self.file = file
        self.methods = []
        for index, method in enumerate(proto.method):
            where = f"{self.full_name}.{method.name}"
            if method.client_streaming:
                fail(where, "client-streaming and bidirectional methods are not supported")
            name = method.name[0].lower() + method.name[1:]
            self.methods.append({
                "name": method.name,
                "swift_name": name,
                "input": method.input_type.lstrip("."),
                "output": method.output_type.lstrip("."),
                "kind": "serverStreaming" if method.server_streaming else "unary",
                "comment": comments.get(tuple(path + [2, index]), ""),
                "where": where,
            })


def swift_prefix(package):
    """`corridor.v1` → `Corridor_V1_`."""
    return "".join(p[0].upper() + p[1:] + "_" for p in package.split("."))


class Model:
    def __init__(self, descriptor_set):
        self.files = []
        self.messages = {}  # full name → Message
        self.enums = {}  # full name → Enum
        self.services = []
        for file in descriptor_set.file:
            where = file.name
            if file.syntax != "proto3":
                fail(where, f"syntax '{file.syntax or 'proto2'}' is not supported: proto3 only")
            if file.extension:
                fail(where, "extensions are not supported")
            comments = {}
            for location in file.source_code_info.location:
                text = location.leading_comments or location.trailing_comments
                if text:
                    comments[tuple(location.path)] = text
            entry = {"proto": file, "messages": [], "enums": [], "comment": comments.get((12,), "")}
            package = file.package
            prefix = swift_prefix(package)
            c_prefix = "__".join(c_piece(p, where) for p in package.split("."))
            c_lower_prefix = "__".join(c_lower_piece(p) for p in package.split("."))
            for index, enum in enumerate(file.enum_type):
                e = Enum(enum, f"{package}.{enum.name}", prefix + enum.name, None, comments, [5, index], entry)
                entry["enums"].append(e)
                self.enums[e.full_name] = e
            for index, message in enumerate(file.message_type):
                m = self._message(message, package, prefix + message.name, c_prefix + "__" + c_piece(message.name, where),
                                  c_lower_prefix + "__" + c_lower_piece(message.name), None, comments, [4, index], entry)
                entry["messages"].append(m)
            for index, service in enumerate(file.service):
                self.services.append(Service(service, package, comments, [6, index], entry))
            self.files.append(entry)
        self._resolve()

    def _message(self, proto, scope, swift_name, c_name, c_lower, parent, comments, path, file):
        full_name = f"{scope}.{proto.name}"
        m = Message(proto, full_name, swift_name, c_name, c_lower, parent, comments, path, file)
        self.messages[full_name] = m
        nested_names = set()
        for index, enum in enumerate(proto.enum_type):
            e = Enum(enum, f"{full_name}.{enum.name}", f"{swift_name}.{enum.name}", m, comments, path + [4, index], file)
            m.enums.append(e)
            self.enums[e.full_name] = e
            nested_names.add(enum.name)
        for index, nested in enumerate(proto.nested_type):
            child = self._message(nested, full_name, f"{swift_name}.{nested.name}", c_name + "__" + c_piece(nested.name, full_name),
                                  c_lower + "__" + c_lower_piece(nested.name), m, comments, path + [3, index], file)
            m.messages.append(child)
            nested_names.add(nested.name)
        for name in nested_names:
            if name in RESERVED_TYPE_NAMES:
                fail(f"{full_name}.{name}", "the nested type's Swift name shadows a type the generated code uses")
        for oneof in m.oneofs:
            if oneof.type_name in nested_names or oneof.type_name in RESERVED_TYPE_NAMES:
                fail(f"{full_name}.{oneof.name}", f"the oneof's Swift enum '{oneof.type_name}' collides with a type")
        names = [f.swift_name for f in m.plain_fields] + [o.swift_name for o in m.oneofs]
        for name in names:
            if names.count(name) > 1:
                fail(full_name, f"two fields give the Swift property '{name}'")
        for oneof in m.oneofs:
            cases = [f.swift_name for f in oneof.fields]
            if len(set(cases)) != len(cases):
                fail(f"{full_name}.{oneof.name}", "two members give one Swift case")
        return m

    def _resolve(self):
        for m in self.messages.values():
            for field in m.fields:
                if field.type == F.TYPE_MESSAGE:
                    field.resolved = self.messages.get(field.type_name)
                elif field.type == F.TYPE_ENUM:
                    field.resolved = self.enums.get(field.type_name)
                else:
                    continue
                if field.resolved is None:
                    fail(field.where, f"unknown type {field.type_name}")
        # Swift structs hold their fields inline: a message that contains itself
        # (directly or not) would need boxed storage, which is not generated.
        state = {}

        def visit(m, trail):
            if state.get(m.full_name) == "done":
                return
            if state.get(m.full_name) == "active":
                fail(m.full_name, "recursive messages are not supported: " + " → ".join(trail + [m.full_name]))
            state[m.full_name] = "active"
            for field in m.fields:
                if field.is_message and not field.repeated:
                    visit(field.resolved, trail + [m.full_name])
            state[m.full_name] = "done"

        for m in self.messages.values():
            visit(m, [])
        top_level = {m.swift_name for f in self.files for m in f["messages"]} | {e.swift_name for f in self.files for e in f["enums"]}
        for service in self.services:
            if service.swift_name in top_level:
                fail(service.full_name, f"the service's Swift name {service.swift_name} is also a message's or enum's")
            for method in service.methods:
                for key in ("input", "output"):
                    if method[key] not in self.messages:
                        fail(method["where"], f"unknown message {method[key]}")
            names = [m["swift_name"] for m in service.methods]
            if len(set(names)) != len(names) or "all" in names:
                fail(service.full_name, "two methods give one Swift name, or a method is named 'all'")


# --------------------------------------------------------------------------
# Swift output


class Out:
    def __init__(self):
        self.lines = []

    def __call__(self, line=""):
        self.lines.append(line.rstrip())

    def extend(self, lines):
        for line in lines:
            self(line)

    def text(self):
        # No trailing blank lines, one final newline.
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def tag_bytes(number, wire_type):
    value = (number << 3) | wire_type
    out = []
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return out


def write_tag(field, wire_type=None):
    data = tag_bytes(field.number, field.wire_type() if wire_type is None else wire_type)
    return "writer.writeTag(" + ", ".join("0x%02X" % b for b in data) + ")"


def tag_size(field):
    return len(tag_bytes(field.number, 0))


def header(out, sources):
    out(f"// Generated by scripts/generate-proto from {sources}; do not edit.")
    out("// The naming rules and the JSON dialect: proto/PROTOCOL.md, \"Generated code\".")


class SwiftGenerator:
    def __init__(self, model, c_module="CCorridorProto", testable_import=None):
        self.model = model
        self.c_module = c_module
        self.testable_import = testable_import

    # ---- files

    def file(self, entry):
        proto = entry["proto"]
        out = Out()
        header(out, f"proto/{proto.name}")
        if entry["comment"]:
            out("//")
            for line in doc_lines(entry["comment"], ""):
                out("//" + line[3:])
        out()
        out(f"internal import {self.c_module}")
        if self.testable_import:
            out(f"@testable import {self.testable_import}")
        for enum in entry["enums"]:
            out()
            self.enum(out, enum, "")
        for message in entry["messages"]:
            self.message_tree(out, message)
        return out.text()

    def message_tree(self, out, message):
        out()
        out(f"// MARK: - {message.full_name}")
        out()
        if message.parent is None:
            self.struct(out, message, "")
        else:
            out(f"extension {message.parent.swift_name} {{")
            self.struct(out, message, "    ")
            out("}")
        if message.enums or message.oneofs:
            out()
            out(f"extension {message.swift_name} {{")
            first = True
            for oneof in message.oneofs:
                if not first:
                    out()
                first = False
                self.oneof_enum(out, oneof, "    ")
            for enum in message.enums:
                if not first:
                    out()
                first = False
                self.enum(out, enum, "    ")
            out("}")
        out()
        self.coding(out, message)
        for nested in message.messages:
            self.message_tree(out, nested)

    # ---- types

    def struct(self, out, m, indent):
        out.extend(doc_lines(m.comment, indent))
        declared = m.swift_name if m.parent is None else m.short_name
        out(f"{indent}public struct {declared}: Sendable, Hashable {{")
        i2 = indent + "    "
        # No initial values on the stored properties, and optionals spelled
        # Optional<…> (a `T?` property is implicitly `= nil`): with an initial
        # value, swiftc builds the value in the init and then copies it out
        # whole and destroys the original (every field retained and released,
        # docs/PERFORMANCE.md, the codec); without, the init is a plain move.
        # init() gives the defaults through the memberwise init instead.
        # Swift.Optional: a nested message named Optional would shadow it.
        for member in m.members():
            if isinstance(member, Field):
                out.extend(doc_lines(member.comment, i2))
                declared_type = f"Swift.Optional<{member.swift_element_type}>" if member.is_message and not member.repeated else member.swift_type
                out(f"{i2}public var {quoted(member.swift_name)}: {declared_type}")
            else:
                out.extend(doc_lines(member.comment, i2))
                out(f"{i2}public var {quoted(member.swift_name)}: Swift.Optional<{m.swift_name}.{member.type_name}>")
        if m.members():
            out()
        out(f"{i2}/// Every field at its default.")
        members = m.members()
        if members:
            defaults = [f"{label(mb.swift_name)}: {mb.swift_default if isinstance(mb, Field) else 'nil'}" for mb in members]
            out(f"{i2}public init() {{")
            out(f"{i2}    self.init(")
            for index, value in enumerate(defaults):
                out(f"{i2}        {value}" + ("," if index < len(defaults) - 1 else ""))
            out(f"{i2}    )")
            out(f"{i2}}}")
        else:
            out(f"{i2}public init() {{}}")
        if members:
            out()
            out(f"{i2}/// Every field, none with a default: a field added to proto/ breaks each caller until it gives it.")
            params = []
            for member in members:
                if isinstance(member, Field):
                    params.append(f"{quoted(member.swift_name)}: {member.swift_type}")
                else:
                    params.append(f"{quoted(member.swift_name)}: {m.swift_name}.{member.type_name}?")
            out(f"{i2}public init(")
            for index, param in enumerate(params):
                out(f"{i2}    {param}" + ("," if index < len(params) - 1 else ""))
            out(f"{i2}) {{")
            for member in members:
                out(f"{i2}    self.{quoted(member.swift_name)} = {quoted(member.swift_name)}")
            out(f"{i2}}}")
        out(f"{indent}}}")

    def oneof_enum(self, out, oneof, indent):
        out.extend(doc_lines(oneof.comment, indent) or [f"{indent}/// The oneof `{oneof.name}`: which one of its fields is set."])
        # indirect: each member lives in its own box, so the enclosing message is
        # small (a pointer, not the largest member inline) and the member is built
        # once, in place; copying the message or the oneof retains the box instead
        # of copying the member's every field (docs/PERFORMANCE.md, the codec).
        out(f"{indent}public indirect enum {oneof.type_name}: Sendable, Hashable {{")
        for field in oneof.fields:
            out.extend(doc_lines(field.comment, indent + "    "))
            out(f"{indent}    case {quoted(field.swift_name)}({field.swift_element_type})")
        out(f"{indent}}}")

    def enum(self, out, enum, indent):
        i2 = indent + "    "
        out.extend(doc_lines(enum.comment, indent))
        declared = enum.swift_name if enum.parent is None else enum.short_name
        out(f"{indent}public enum {declared}: ProtoEnum {{")
        for name, number, case, comment in enum.values:
            out.extend(doc_lines(comment, i2))
            out(f"{i2}case {quoted(case)}")
        out(f"{i2}/// A number proto/ does not name (a newer peer's value): kept, and sent on as it came.")
        out(f"{i2}case unrecognized(Int32)")
        out()
        out(f"{i2}public static var protoEnumName: String {{ {swift_string_literal(enum.full_name)} }}")
        out()
        out(f"{i2}/// The values proto/ names, in its order (not `unrecognized`).")
        out(f"{i2}public static let allCases: [{enum.swift_name}] = [" + ", ".join("." + quoted(v[2]) for v in enum.values) + "]")
        out()
        out(f"{i2}public init(rawValue: Int32) {{")
        out(f"{i2}    switch rawValue {{")
        for name, number, case, _ in enum.values:
            out(f"{i2}    case {number}: self = .{quoted(case)}")
        out(f"{i2}    default: self = .unrecognized(rawValue)")
        out(f"{i2}    }}")
        out(f"{i2}}}")
        out()
        out(f"{i2}public var rawValue: Int32 {{")
        out(f"{i2}    switch self {{")
        for name, number, case, _ in enum.values:
            out(f"{i2}    case .{quoted(case)}: {number}")
        out(f"{i2}    case .unrecognized(let number): number")
        out(f"{i2}    }}")
        out(f"{i2}}}")
        out()
        out(f"{i2}/// The value's name as written in proto/; the number as text for `unrecognized`.")
        out(f"{i2}public var protoName: String {{")
        out(f"{i2}    switch self {{")
        for name, number, case, _ in enum.values:
            out(f"{i2}    case .{quoted(case)}: {swift_string_literal(name)}")
        out(f"{i2}    case .unrecognized(let number): String(number)")
        out(f"{i2}    }}")
        out(f"{i2}}}")
        out()
        out(f"{i2}public init?(protoName: String) {{")
        out(f"{i2}    switch protoName {{")
        for name, number, case, _ in enum.values:
            out(f"{i2}    case {swift_string_literal(name)}: self = .{quoted(case)}")
        out(f"{i2}    default: return nil")
        out(f"{i2}    }}")
        out(f"{i2}}}")
        out()
        out(f"{i2}/// proto3 JSON: the name, or the number for `unrecognized`.")
        out(f"{i2}public var jsonValue: ProtoJSON {{")
        out(f"{i2}    if case .unrecognized(let number) = self {{ return .number(ProtoJSON.Number(number)) }}")
        out(f"{i2}    return .string(protoName)")
        out(f"{i2}}}")
        out(f"{indent}}}")

    # ---- coding

    def coding(self, out, m):
        name = m.swift_name
        out(f"extension {name}: ProtoMessage {{")
        out(f"    public static var protoMessageName: String {{ {swift_string_literal(m.full_name)} }}")
        out()
        self.size(out, m)
        out()
        self.serialize(out, m)
        out()
        out("    public init(serializedBytes bytes: UnsafeRawBufferPointer) throws(ProtoDecodingError) {")
        out(f"        self = try ProtobufCRead.decode(bytes, Self.protobufCDescriptor, as: {m.c_name}.self, Self.read(protobufC:))")
        out("    }")
        out()
        self.json_value(out, m)
        out()
        out("    public init(json: ProtoJSON) throws(ProtoJSONError) {")
        out("        try self.init(json: json, path: \"\")")
        out("    }")
        out("}")
        out()
        out(f"extension {name}: ProtobufCBacked {{")
        out(f"    static let protobufCDescriptor = ProtobufDescriptor({m.c_lower}__init)")
        out()
        self.from_c(out, m)
        out()
        self.from_json(out, m)
        out("}")

    def size(self, out, m):
        out("    public var serializedSize: Int {")
        if not m.fields:
            out("        0")
            out("    }")
            return
        out("        var size = 0")
        for member in m.members():
            if isinstance(member, Field):
                out.extend("        " + line for line in self.field_size(member))
            else:
                out(f"        switch self.{quoted(member.swift_name)} {{")
                for field in member.fields:
                    out(f"        case .{quoted(field.swift_name)}(let value)?:")
                    out(f"            size &+= {tag_size(field)} &+ ProtoSize.lengthDelimited(value.serializedSize)")
                out("        case nil: break")
                out("        }")
        out("        return size")
        out("    }")

    def field_size(self, f):
        # Fields through `self.`: a field named like a local (`size`) must not be shadowed.
        v = "self." + quoted(f.swift_name)
        t = tag_size(f)
        if f.repeated:
            if f.packed:
                return [f"if !{v}.isEmpty {{ size &+= {t} &+ ProtoSize.lengthDelimited(ProtoSize.packed({v})) }}"]
            if f.type == F.TYPE_STRING:
                return [f"for element in {v} {{ size &+= {t} &+ ProtoSize.lengthDelimited(element.utf8.count) }}"]
            if f.type == F.TYPE_BYTES:
                return [f"for element in {v} {{ size &+= {t} &+ ProtoSize.lengthDelimited(element.count) }}"]
            return [f"for element in {v} {{ size &+= {t} &+ ProtoSize.lengthDelimited(element.serializedSize) }}"]
        if f.type == F.TYPE_STRING:
            return [f"if !{v}.isEmpty {{ size &+= {t} &+ ProtoSize.lengthDelimited({v}.utf8.count) }}"]
        if f.type == F.TYPE_BYTES:
            return [f"if !{v}.isEmpty {{ size &+= {t} &+ ProtoSize.lengthDelimited({v}.count) }}"]
        if f.type == F.TYPE_BOOL:
            return [f"if {v} {{ size &+= {t + 1} }}"]
        if f.type in (F.TYPE_UINT32, F.TYPE_UINT64):
            return [f"if {v} != 0 {{ size &+= {t} &+ ProtoSize.varint(UInt64({v})) }}"]
        if f.type == F.TYPE_INT32:
            return [f"if {v} != 0 {{ size &+= {t} &+ ProtoSize.int32({v}) }}"]
        if f.is_enum:
            return [f"if {v}.rawValue != 0 {{ size &+= {t} &+ ProtoSize.int32({v}.rawValue) }}"]
        return [f"if let message = {v} {{ size &+= {t} &+ ProtoSize.lengthDelimited(message.serializedSize) }}"]

    def serialize(self, out, m):
        out("    public func serialize(into writer: inout ProtoWriter) {")
        if not m.fields:
            out("    }")
            return
        done_oneofs = set()
        for field in m.fields:
            if field.oneof is None:
                out.extend("        " + line for line in self.field_write(field))
                continue
            oneof = field.oneof
            if oneof.name in done_oneofs:
                continue
            numbers = [f.number for f in m.fields]
            members = sorted(f.number for f in oneof.fields)
            contiguous = numbers[numbers.index(members[0]):numbers.index(members[0]) + len(members)] == members
            if contiguous:
                # The members are next to each other in number order: one switch writes whichever is set.
                done_oneofs.add(oneof.name)
                out(f"        switch self.{quoted(oneof.swift_name)} {{")
                for member in sorted(oneof.fields, key=lambda f: f.number):
                    out(f"        case .{quoted(member.swift_name)}(let value)?:")
                    out(f"            {write_tag(member)}")
                    out("            writer.writeMessage(value)")
                out("        case nil: break")
                out("        }")
            else:
                out(f"        if case .{quoted(field.swift_name)}(let value)? = self.{quoted(oneof.swift_name)} {{")
                out(f"            {write_tag(field)}")
                out("            writer.writeMessage(value)")
                out("        }")
        out("    }")

    def field_write(self, f):
        v = "self." + quoted(f.swift_name)
        tag = write_tag(f)
        if f.repeated:
            if f.packed:
                element = {
                    F.TYPE_UINT32: "writer.writeVarint(UInt64(element))",
                    F.TYPE_UINT64: "writer.writeVarint(element)",
                    F.TYPE_INT32: "writer.writeInt32(element)",
                    F.TYPE_BOOL: "writer.writeBool(element)",
                    F.TYPE_ENUM: "writer.writeInt32(element.rawValue)",
                }[f.type]
                return [
                    f"if !{v}.isEmpty {{",
                    f"    {tag}",
                    f"    writer.writeLength(ProtoSize.packed({v}))",
                    f"    for element in {v} {{ {element} }}",
                    "}",
                ]
            element = {
                F.TYPE_STRING: "writer.writeString(element)",
                F.TYPE_BYTES: "writer.writeBytes(element)",
                F.TYPE_MESSAGE: "writer.writeMessage(element)",
            }[f.type]
            return [f"for element in {v} {{", f"    {tag}", f"    {element}", "}"]
        if f.type == F.TYPE_STRING:
            return [f"if !{v}.isEmpty {{", f"    {tag}", f"    writer.writeString({v})", "}"]
        if f.type == F.TYPE_BYTES:
            return [f"if !{v}.isEmpty {{", f"    {tag}", f"    writer.writeBytes({v})", "}"]
        if f.type == F.TYPE_BOOL:
            return [f"if {v} {{", f"    {tag}", "    writer.writeBool(true)", "}"]
        if f.type == F.TYPE_UINT32:
            return [f"if {v} != 0 {{", f"    {tag}", f"    writer.writeVarint(UInt64({v}))", "}"]
        if f.type == F.TYPE_UINT64:
            return [f"if {v} != 0 {{", f"    {tag}", f"    writer.writeVarint({v})", "}"]
        if f.type == F.TYPE_INT32:
            return [f"if {v} != 0 {{", f"    {tag}", f"    writer.writeInt32({v})", "}"]
        if f.is_enum:
            return [f"if {v}.rawValue != 0 {{", f"    {tag}", f"    writer.writeInt32({v}.rawValue)", "}"]
        return [f"if let message = {v} {{", f"    {tag}", "    writer.writeMessage(message)", "}"]

    def from_c(self, out, m):
        out("    /// Reads an unpacked protoc-c struct (its strings were checked before unpacking).")
        out("    /// A static function rather than an init: the value it returns is moved out, never copied.")
        out(f"    static func read(protobufC message: UnsafePointer<{m.c_name}>) -> {m.swift_name} {{")
        if not m.fields:
            out(f"        {m.swift_name}()")
            out("    }")
            return
        out("        let c = message.pointee")
        for member in m.members():
            if isinstance(member, Field):
                if member.is_message and not member.repeated:
                    out(f"        let {member.swift_name}_: {member.swift_type} = if let pointer = c.{quoted(member.c_name)} {{ {member.resolved.swift_name}.read(protobufC: pointer) }} else {{ nil }}")
            else:
                out(f"        let {member.swift_name}_ = Self.{quoted(member.swift_name)}(protobufC: c)")
        out(f"        return {m.swift_name}(")
        members = m.members()
        for index, member in enumerate(members):
            comma = "," if index < len(members) - 1 else ""
            if isinstance(member, Field) and not (member.is_message and not member.repeated):
                out(f"            {label(member.swift_name)}: {self.c_read(member)}{comma}")
            else:
                out(f"            {label(member.swift_name)}: {member.swift_name}_{comma}")
        out("        )")
        out("    }")
        for oneof in m.oneofs:
            out()
            out(f"    /// The member of `{oneof.name}` the C struct holds, if any.")
            out(f"    private static func {quoted(oneof.swift_name)}(protobufC c: {m.c_name}) -> {m.swift_name}.{oneof.type_name}? {{")
            out(f"        switch c.{oneof.c_case}.rawValue {{")
            for field in oneof.fields:
                out(f"        case {field.number}:")
                out(f"            guard let pointer = c.{quoted(field.c_name)} else {{ return nil }}")
                out(f"            return .{quoted(field.swift_name)}({field.resolved.swift_name}.read(protobufC: pointer))")
            out("        default:")
            out("            return nil")
            out("        }")
            out("    }")

    def c_read(self, f):
        c = f"c.{quoted(f.c_name)}"
        n = f"c.n_{f.c_name}"
        if f.repeated:
            if f.type == F.TYPE_STRING:
                return f"ProtobufCRead.strings({n}, {c})"
            if f.type == F.TYPE_BYTES:
                return f"ProtobufCRead.bytesArray({n}, {c})"
            if f.type == F.TYPE_BOOL:
                return f"ProtobufCRead.bools({n}, {c})"
            if f.type in (F.TYPE_UINT32, F.TYPE_UINT64, F.TYPE_INT32):
                return f"ProtobufCRead.scalars({n}, {c})"
            if f.is_enum:
                return f"ProtobufCRead.enums({n}, {c})"
            return f"ProtobufCRead.messages({n}, {c}, {f.resolved.swift_name}.read(protobufC:))"
        if f.type == F.TYPE_STRING:
            return f"ProtobufCRead.string({c})"
        if f.type == F.TYPE_BYTES:
            return f"ProtobufCRead.bytes({c})"
        if f.type == F.TYPE_BOOL:
            return f"{c} != 0"
        if f.type in (F.TYPE_UINT32, F.TYPE_UINT64, F.TYPE_INT32):
            return c
        if f.is_enum:
            return f"{f.resolved.swift_name}(rawValue: Int32(truncatingIfNeeded: {c}.rawValue))"
        return f"{c}.map {{ {f.resolved.swift_name}(protobufC: $0) }}"

    def json_value(self, out, m):
        out("    public func jsonValue() -> ProtoJSON {")
        if not m.fields:
            out("        .object([])")
            out("    }")
            return
        out("        var members: [ProtoJSON.Member] = []")
        for field in m.fields:
            key = swift_string_literal(field.json_name)
            v = "self." + quoted(field.swift_name)
            if field.oneof is not None:
                out(f"        if case .{quoted(field.swift_name)}(let value)? = self.{quoted(field.oneof.swift_name)} {{ members.append(ProtoJSON.Member({key}, value.jsonValue())) }}")
                continue
            if field.repeated:
                element = self.json_element(field, "$0")
                out(f"        if !{v}.isEmpty {{ members.append(ProtoJSON.Member({key}, .array({v}.map {{ {element} }}))) }}")
                continue
            cond = {
                F.TYPE_STRING: f"!{v}.isEmpty", F.TYPE_BYTES: f"!{v}.isEmpty", F.TYPE_BOOL: v,
                F.TYPE_UINT32: f"{v} != 0", F.TYPE_UINT64: f"{v} != 0", F.TYPE_INT32: f"{v} != 0",
            }.get(field.type)
            if field.is_enum:
                cond = f"{v}.rawValue != 0"
            if field.is_message:
                out(f"        if let message = {v} {{ members.append(ProtoJSON.Member({key}, message.jsonValue())) }}")
            else:
                out(f"        if {cond} {{ members.append(ProtoJSON.Member({key}, {self.json_element(field, v)})) }}")
        out("        return .object(members)")
        out("    }")

    def json_element(self, f, v):
        if f.type == F.TYPE_STRING:
            return f".string({v})"
        if f.type == F.TYPE_BYTES:
            return f".string(ProtoBase64.encode({v}))"
        if f.type == F.TYPE_BOOL:
            return f".bool({v})"
        if f.type in (F.TYPE_UINT32, F.TYPE_INT32):
            return f".number(ProtoJSON.Number({v}))"
        if f.type == F.TYPE_UINT64:
            # proto3 JSON: 64-bit integers as strings.
            return f".string(String({v}))"
        if f.is_enum:
            return f"{v}.jsonValue"
        return f"{v}.jsonValue()"

    def from_json(self, out, m):
        out(f"    /// proto3 JSON; `path` names this message in errors (`movement.cargo[2]`).")
        out("    init(json: ProtoJSON, path: String) throws(ProtoJSONError) {")
        out("        self.init()")
        out(f"        let members = try ProtoJSONRead.members(json, path: path, message: {swift_string_literal(m.full_name)})")
        if not m.fields:
            out("        if let first = members.first {")
            out(f"            throw ProtoJSONError.unknownField(first.key, path: path, message: {swift_string_literal(m.full_name)})")
            out("        }")
            out("    }")
            return
        out("        var seen: UInt64 = 0")
        if m.oneofs:
            for oneof in m.oneofs:
                out(f"        var {oneof.swift_name}Member: String? = nil")
        out("        for member in members {")
        out("            let fieldPath = ProtoJSONError.join(path, member.key)")
        out("            switch member.key {")
        for index, field in enumerate(m.fields):
            keys = [field.json_name] + ([field.name] if field.name != field.json_name else [])
            out("            case " + ", ".join(swift_string_literal(k) for k in keys) + ":")
            out(f"                try ProtoJSONRead.once(&seen, {index}, field: {swift_string_literal(field.name)}, path: path)")
            v = quoted(field.swift_name)
            target = "self." + v
            if field.oneof is not None:
                o = field.oneof
                out("                if case .null = member.value { continue }")
                out(f"                try ProtoJSONRead.oneOf(&{o.swift_name}Member, member.key, oneof: {swift_string_literal(o.name)}, path: path)")
                out(f"                self.{quoted(o.swift_name)} = .{v}(try {field.resolved.swift_name}(json: member.value, path: fieldPath))")
                continue
            if field.repeated:
                if field.is_message:
                    out(f"                for (index, element) in try ProtoJSONRead.array(member.value, path: fieldPath).enumerated() {{")
                    out(f"                    {target}.append(try {field.resolved.swift_name}(json: element, path: fieldPath + \"[\\(index)]\"))")
                    out("                }")
                else:
                    reader = self.json_reader(field)
                    out(f"                {target} = try ProtoJSONRead.repeated(member.value, path: fieldPath) {{ (element, elementPath) throws(ProtoJSONError) in try {reader}(element, path: elementPath) }}")
                continue
            if field.is_message:
                out("                if case .null = member.value { continue }")
                out(f"                {target} = try {field.resolved.swift_name}(json: member.value, path: fieldPath)")
                continue
            out(f"                {target} = try {self.json_reader(field)}(member.value, path: fieldPath)")
        out("            default:")
        out(f"                throw ProtoJSONError.unknownField(member.key, path: path, message: {swift_string_literal(m.full_name)})")
        out("            }")
        out("        }")
        out("    }")

    def json_reader(self, f):
        if f.is_enum:
            return f"ProtoJSONRead.enumeration"
        return {
            F.TYPE_STRING: "ProtoJSONRead.string", F.TYPE_BYTES: "ProtoJSONRead.bytes",
            F.TYPE_BOOL: "ProtoJSONRead.bool", F.TYPE_UINT32: "ProtoJSONRead.uint32",
            F.TYPE_UINT64: "ProtoJSONRead.uint64", F.TYPE_INT32: "ProtoJSONRead.int32",
        }[f.type]

    # ---- methods

    def methods(self):
        out = Out()
        files = sorted({s.file["proto"].name for s in self.model.services})
        header(out, ", ".join(f"proto/{name}" for name in files))
        out("// One RPCMethod per rpc, for the server's router and the client.")
        for service in self.model.services:
            out()
            out.extend(doc_lines(service.comment, ""))
            out(f"/// The methods of `service {service.name}` ({service.file['proto'].name}).")
            out(f"public enum {service.swift_name} {{")
            for method in service.methods:
                request = self.model.messages[method["input"]].swift_name
                response = self.model.messages[method["output"]].swift_name
                out.extend(doc_lines(method["comment"], "    "))
                out(f"    public static let {quoted(method['swift_name'])} = RPCMethod<{request}, {response}>(")
                out(f"        path: {swift_string_literal('/' + service.full_name + '/' + method['name'])}, kind: .{method['kind']}")
                out("    )")
            out()
            out("    /// Every method of the service, in proto/'s order.")
            out("    public static let all: [AnyRPCMethod] = [")
            for method in service.methods:
                out(f"        AnyRPCMethod({quoted(method['swift_name'])}),")
            out("    ]")
            out("}")
        return out.text()

    # ---- samples

    def samples(self):
        out = Out()
        header(out, "proto/ (every message)")
        out("// A value of every message with every field set to something other than its")
        out("// default (for a oneof: one sample per member), for the tests of the generated code.")
        out()
        out("import CorridorWire")
        all_messages = [m for entry in self.model.files for top in entry["messages"] for m in top.all_messages()]
        for m in all_messages:
            out()
            out(f"extension {m.swift_name} {{")
            out("    /// Every field set; a oneof set to its first member.")
            if not m.members():
                out(f"    public static var protoSample: {m.swift_name} {{ {m.swift_name}() }}")
            else:
                out(f"    public static var protoSample: {m.swift_name} {{")
                out(f"        {m.swift_name}(")
                members = m.members()
                for index, member in enumerate(members):
                    if isinstance(member, Field):
                        value = self.sample_value(member)
                    else:
                        first = member.fields[0]
                        value = f".{quoted(first.swift_name)}({first.resolved.swift_name}.protoSample)"
                    out(f"            {label(member.swift_name)}: {value}" + ("," if index < len(members) - 1 else ""))
                out("        )")
                out("    }")
            out()
            out("    /// protoSample, then one more per further oneof member.")
            variants = []
            for oneof in m.oneofs:
                for field in oneof.fields[1:]:
                    variants.append((oneof, field))
            if not variants:
                out(f"    public static var protoSamples: [{m.swift_name}] {{ [protoSample] }}")
            else:
                out(f"    public static var protoSamples: [{m.swift_name}] {{")
                out(f"        var samples = [protoSample]")
                for oneof, field in variants:
                    out("        do {")
                    out("            var sample = protoSample")
                    out(f"            sample.{quoted(oneof.swift_name)} = .{quoted(field.swift_name)}({field.resolved.swift_name}.protoSample)")
                    out("            samples.append(sample)")
                    out("        }")
                out("        return samples")
                out("    }")
            out("}")
        out()
        out("extension ProtoSamples {")
        out("    /// Every generated message type with its samples, in proto/'s order.")
        out("    public static let all: [ProtoSampleSet] = [")
        for m in all_messages:
            out(f"        ProtoSampleSet({m.swift_name}.protoSamples),")
        out("    ]")
        out("}")
        return out.text()

    def sample_value(self, f):
        n = f.number
        if f.type == F.TYPE_STRING:
            one = swift_string_literal(f"{f.name} {n} é✓")
            return f"[{one}, \"\"]" if f.repeated else one
        if f.type == F.TYPE_BYTES:
            return f"[[0x01, {n}], []]" if f.repeated else f"[0x00, 0xFF, {n}]"
        if f.type == F.TYPE_BOOL:
            return "[true, false]" if f.repeated else "true"
        if f.type == F.TYPE_UINT32:
            return f"[0, 300, {4_000_000_000 + n}]" if f.repeated else str(100_000 + n)
        if f.type == F.TYPE_UINT64:
            return f"[1, {(1 << 63) + n}]" if f.repeated else str(18_000_000_000_000_000_000 + n)
        if f.type == F.TYPE_INT32:
            return f"[-1, 0, {2_000_000_000 + n}]" if f.repeated else str(-(1000 + n))
        if f.is_enum:
            values = f.resolved.values
            nonzero = [v for v in values if v[1] != 0]
            first = "." + quoted(nonzero[0][2]) if nonzero else ".unrecognized(7)"
            if f.repeated:
                last = "." + quoted(values[-1][2])
                return f"[{first}, {last}, .unrecognized(99)]"
            return first
        sample = f"{f.resolved.swift_name}.protoSample"
        return f"[{sample}, {f.resolved.swift_name}()]" if f.repeated else sample


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--descriptors", required=True, help="protoc's --descriptor_set_out, with --include_source_info")
    ap.add_argument("--out", required=True, help="directory for the *.pb.swift files")
    ap.add_argument("--samples-out", help="directory for ProtoSamples.pb.swift")
    ap.add_argument("--c-module", default="CCorridorProto", help="the module of protoc-c's output for these files")
    ap.add_argument("--testable-import", help="a module to import with @testable (for output outside CorridorWire)")
    args = ap.parse_args()

    descriptor_set = descriptor_pb2.FileDescriptorSet()
    with open(args.descriptors, "rb") as f:
        descriptor_set.ParseFromString(f.read())
    try:
        model = Model(descriptor_set)
        generator = SwiftGenerator(model, c_module=args.c_module, testable_import=args.testable_import)
        outputs = {}
        for entry in model.files:
            base = os.path.basename(entry["proto"].name)
            if not base.endswith(".proto"):
                fail(entry["proto"].name, "not a .proto file name")
            name = base[: -len(".proto")] + ".pb.swift"
            if name in outputs or name == "Methods.pb.swift":
                fail(entry["proto"].name, f"a second file would be named {name}")
            outputs[name] = generator.file(entry)
        outputs["Methods.pb.swift"] = generator.methods()
        samples = generator.samples() if args.samples_out else None
    except GeneratorError as error:
        print(f"protoc-gen-corridor-swift: {error}", file=sys.stderr)
        sys.exit(1)

    os.makedirs(args.out, exist_ok=True)
    for name, text in outputs.items():
        if args.testable_import:
            # Outside CorridorWire the types conform to its internal protocols
            # (ProtobufCBacked) through @testable, so they are internal too:
            # a public type would need public witnesses with C types in them.
            text = re.sub(r"(?m)^(\s*)public ", r"\1", text)
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    if samples is not None:
        os.makedirs(args.samples_out, exist_ok=True)
        with open(os.path.join(args.samples_out, "ProtoSamples.pb.swift"), "w", encoding="utf-8", newline="\n") as f:
            f.write(samples)


if __name__ == "__main__":
    main()
