#!/usr/bin/env python3
"""The generated Swift code's proto3 JSON, checked against Google's protobuf.

    python3 Tests/Interop/json_check.py --samples .build/debug/corridor-proto-samples

`corridor-proto-samples` (Tests/ProtoSamplesTool, built by `swift build`)
prints every generated message's samples (every field set; one per oneof
member) as binary and as the Swift code's JSON. For each sample this builds
the message class from protoc's descriptor set (message_factory) and checks:

- json_format.Parse(swift_json, ignore_unknown_fields=False) gives the message
  the binary encodes: Google reads every field name and value Swift writes;
- Swift's JSON and json_format.MessageToJson of that message are the same JSON
  value: Swift writes proto3's canonical form (names, 64-bit integers as
  strings, enums by name, bytes in base64, defaults left out);
- Swift reads MessageToJson's output back to the same bytes, with json names
  and with the proto field names (preserving_proto_field_name=True).

interop_test.py runs this as part of `make test`; alone, it prints one
PASS/FAIL line per check and exits 1 if any failed.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROTO_DIR = os.path.join(REPO, "proto")


def message_classes(protoc, workdir):
    """A function from a full message name to its class, built from protoc's descriptor set."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    protos = sorted(
        os.path.relpath(os.path.join(d, f), PROTO_DIR)
        for d, _, files in os.walk(PROTO_DIR) for f in files if f.endswith(".proto"))
    path = os.path.join(workdir, "descriptors.pb")
    subprocess.run([protoc, "--include_imports", f"--descriptor_set_out={path}", "-I", PROTO_DIR] + protos,
                   check=True, cwd=PROTO_DIR)
    with open(path, "rb") as f:
        files = descriptor_pb2.FileDescriptorSet.FromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:
        pool.Add(file)
    factory = None if hasattr(message_factory, "GetMessageClass") else message_factory.MessageFactory(pool)

    def of(name):
        descriptor = pool.FindMessageTypeByName(name)
        if factory is None:
            return message_factory.GetMessageClass(descriptor)
        return factory.GetPrototype(descriptor)  # protobuf < 4.22
    return of


def summary(failures, limit=5):
    shown = "; ".join(failures[:limit])
    return shown + (f"; and {len(failures) - limit} more" if len(failures) > limit else "")


def run(check, samples_binary, protoc="protoc", workdir=None):
    from google.protobuf import json_format

    own = workdir is None
    workdir = workdir or tempfile.mkdtemp(prefix="cor-json-")
    try:
        if not os.access(samples_binary, os.X_OK):
            check("JSON: corridor-proto-samples is built", False, f"{samples_binary} is missing (swift build builds it)")
            return
        classes = message_classes(protoc, workdir)
        listing = subprocess.run([samples_binary], capture_output=True, text=True, check=True, timeout=120).stdout
        samples = [json.loads(line) for line in listing.splitlines() if line.strip()]
        types = {s["type"] for s in samples}
        check("JSON: corridor-proto-samples lists samples", len(samples) > 0 and len(types) > 100,
              f"{len(samples)} samples of {len(types)} messages")

        parse_failures, canonical_failures, requests, expected = [], [], [], []
        for sample in samples:
            cls = classes(sample["type"])
            from_binary = cls.FromString(bytes.fromhex(sample["binary"]))
            try:
                parsed = json_format.Parse(sample["json"], cls(), ignore_unknown_fields=False)
                if parsed != from_binary:
                    parse_failures.append(f"{sample['type']}: parsed {parsed} but the binary is {from_binary}")
            except json_format.ParseError as e:
                parse_failures.append(f"{sample['type']}: {e}")
            google = json.loads(json_format.MessageToJson(from_binary))
            swift = json.loads(sample["json"])
            if google != swift:
                canonical_failures.append(f"{sample['type']}: Swift {json.dumps(swift)} Google {json.dumps(google)}")
            for proto_names in (False, True):
                text = json_format.MessageToJson(from_binary, preserving_proto_field_name=proto_names, indent=None)
                requests.append(json.dumps({"type": sample["type"], "json": text}))
                expected.append((sample["type"], proto_names, from_binary))
        n = f"{len(samples)} samples of {len(types)} messages"
        check(f"JSON: json_format.Parse reads the Swift JSON of every sample ({n})", not parse_failures, summary(parse_failures))
        check(f"JSON: the Swift JSON is json_format.MessageToJson's ({n})", not canonical_failures, summary(canonical_failures))

        answers = subprocess.run([samples_binary, "--from-json"], input="\n".join(requests) + "\n",
                                 capture_output=True, text=True, check=True, timeout=120).stdout.splitlines()
        read_failures = {False: [], True: []}
        if len(answers) != len(expected):
            read_failures[False].append(f"{len(answers)} answers to {len(expected)} requests")
        for answer, (name, proto_names, message) in zip(answers, expected):
            answer = json.loads(answer)
            if "error" in answer:
                read_failures[proto_names].append(f"{name}: {answer['error']}")
                continue
            decoded = type(message).FromString(bytes.fromhex(answer["binary"]))
            if decoded != message:
                read_failures[proto_names].append(f"{name}: read as {decoded}, expected {message}")
        check("JSON: Swift reads json_format.MessageToJson's output (json names)", not read_failures[False], summary(read_failures[False]))
        check("JSON: Swift reads json_format.MessageToJson's output (proto field names)", not read_failures[True], summary(read_failures[True]))
    finally:
        if own:
            import shutil
            shutil.rmtree(workdir, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", default=os.path.join(REPO, ".build", "debug", "corridor-proto-samples"),
                    help="path to the corridor-proto-samples binary")
    ap.add_argument("--protoc", default=os.environ.get("PROTOC", "protoc"))
    args = ap.parse_args()
    results = []

    def check(name, ok, detail=""):
        results.append(bool(ok))
        print(("PASS " if ok else "FAIL ") + name + (": " + detail if detail and not ok else ""), flush=True)

    run(check, os.path.abspath(args.samples), args.protoc)
    print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
