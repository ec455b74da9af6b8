#!/usr/bin/env python3
"""Interop test for corridord with a client that is not Swift.

Speaks the Corridor wire protocol (proto/PROTOCOL.md) through the Python
client package of this repository (clients/python, imported from its source
tree): its message classes, generated from proto/ by `protoc --python_out`
(scripts/generate-proto), its framing (corridor.wire.FrameConnection, which
shows every frame, for the connection-level checks) and its typed client
(corridor.connect, for the companion checks). The package itself is built on
proto/ and PROTOCOL.md alone, never on the Swift code.

    python3 Tests/Interop/interop_test.py --corridord .build/debug/corridord

Starts the daemon on a socket in a fresh directory under /tmp, with
NOTIFY_SOCKET pointing at a datagram socket this script binds, waits for
READY=1, runs the checks, sends SIGTERM and expects exit code 0 and STOPPING=1.
Prints one PASS/FAIL line per check and ends with exactly one line
`N passed, M failed`; exits 1 if any check (or the setup) failed.

--extended adds checks of the connection-level rules of PROTOCOL.md (calls
before Hello, pings, malformed and oversized frames, duplicate stream ids,
cancellation, deadlines, GoAway on shutdown).

It also runs json_check.py: the generated Swift code's proto3 JSON of every
message (from corridor-proto-samples, built beside corridord) against Google's
json_format; and cli_json_check.py: every `corridorctl … --json` output (corridorctl
built beside corridord), on a daemon of its own, parsed by json_format into its
message with unknown fields refused.
"""

import argparse
import importlib
import os
import random
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import traceback

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROTO_DIR = os.path.join(REPO, "proto")
# The client package of this tree, whether or not it is installed.
sys.path.insert(0, os.path.join(REPO, "clients", "python", "src"))

# Filled in by load_protos().
fpb = hpb = spb = None
corridor = None
ConnectionClosed = Exception  # corridor.wire.ConnectionClosed once loaded

RESULTS = []  # (name, ok, detail)


def check(name, ok, detail=""):
    RESULTS.append((name, bool(ok), detail))
    line = ("PASS " if ok else "FAIL ") + name
    if detail and not ok:
        line += ": " + detail
    print(line, flush=True)
    return bool(ok)


def summary_and_exit(extra_failure=False):
    passed = sum(1 for _, ok, _ in RESULTS if ok)
    failed = sum(1 for _, ok, _ in RESULTS if not ok)
    print(f"{passed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed or extra_failure else 0)


# --------------------------------------------------------------------------
# Generated code


def load_protos():
    """The package's classes (clients/python/src/corridor/v1, generated from proto/)."""
    global fpb, hpb, spb, corridor, ConnectionClosed
    try:
        import google.protobuf  # noqa: F401
    except ImportError:
        raise SystemExit("interop: the Python package 'protobuf' is missing: "
                         "pip install -r Tests/Interop/requirements.txt")
    corridor = importlib.import_module("corridor")
    fpb = importlib.import_module("corridor.v1.frame_pb2")
    hpb = importlib.import_module("corridor.v1.health_pb2")
    spb = importlib.import_module("corridor.v1.system_pb2")
    ConnectionClosed = importlib.import_module("corridor.wire").ConnectionClosed


def code_name(code):
    try:
        return fpb.StatusCode.Name(code)
    except ValueError:
        return str(code)


def show(frame):
    """A frame on one line, for failure messages."""
    if frame is None:
        return "EOF"
    text = str(frame).replace("\n", " ").strip()
    return f"{{{text}}} hex={frame.SerializeToString().hex()}"


# --------------------------------------------------------------------------
# Framing


def Conn(path, timeout=10.0):
    """One client connection with the package's framing: every frame visible,
    server pings answered, frames of other streams kept until asked for."""
    from corridor.wire import FrameConnection

    class InteropConnection(FrameConnection):
        def hello(self, major=1, minor=0):
            return super().hello(major, minor, client_name="interop_test.py", client_version="1")

        def start(self, stream_id, method, request=b"", timeout_ms=5000, request_id=""):
            super().start(stream_id, method, request, timeout_ms, request_id or f"interop-{stream_id}")

    return InteropConnection(path, timeout)


def status_text(status):
    if status is None:
        return "no Status (connection closed)"
    text = code_name(status.code)
    if status.message:
        text += f" {status.message!r}"
    for v in status.field_violations:
        text += f" [{v.field}: {v.description}]"
    return text


def expect_unary_ok(name, messages, status, response_type):
    """Exactly one Message decoding as response_type, then Status OK."""
    if status is None or status.code != fpb.OK:
        check(name, False, f"status {status_text(status)}")
        return None
    if len(messages) != 1:
        check(name, False, f"{len(messages)} Message frames before Status OK, expected 1")
        return None
    resp = response_type()
    try:
        resp.ParseFromString(messages[0])
    except Exception as e:  # noqa: BLE001
        check(name, False, f"payload {messages[0].hex()} is not a {response_type.__name__}: {e}")
        return None
    return resp


# --------------------------------------------------------------------------
# The daemon


class Daemon:
    def __init__(self, binary, workdir, extra_args=()):
        self.binary = binary
        self.extra_args = list(extra_args)
        self.dir = workdir
        self.socket_path = os.path.join(workdir, "s.sock")
        self.data_dir = os.path.join(workdir, "data")
        self.notify_path = os.path.join(workdir, "n.sock")
        self.log_path = os.path.join(workdir, "corridord.log")
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(self.notify_path)
        self.datagrams = []
        self.proc = None

    def start(self):
        env = dict(os.environ)
        for var in ("CORRIDOR_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES",
                    "WATCHDOG_USEC", "WATCHDOG_PID"):
            env.pop(var, None)
        env["NOTIFY_SOCKET"] = self.notify_path
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [self.binary, "--socket", self.socket_path, "--data-dir", self.data_dir] + self.extra_args,
            env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)

    def _drain_notify(self):
        while True:
            try:
                data = self.notify.recv(4096, socket.MSG_DONTWAIT)
            except BlockingIOError:
                return
            self.datagrams.append(data)

    def saw(self, assignment):
        self._drain_notify()
        return any(assignment.encode() in d.split(b"\n") for d in self.datagrams)

    def wait_ready(self, timeout=60.0):
        """Blocks on the notify socket (and the process, through a pidfd) until
        READY=1 arrives, the daemon exits, or timeout passes."""
        deadline = time.monotonic() + timeout
        pidfd = None
        if hasattr(os, "pidfd_open"):
            try:
                pidfd = os.pidfd_open(self.proc.pid)
            except OSError:
                pidfd = None
        try:
            while True:
                if self.saw("READY=1"):
                    return True, ""
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False, f"no READY=1 within {timeout:.0f} s (datagrams: {self.datagrams!r})"
                watch = [self.notify] + ([pidfd] if pidfd is not None else [])
                readable, _, _ = select.select(watch, [], [], remaining)
                if pidfd is not None and pidfd in readable and not self.saw("READY=1"):
                    code = self.proc.wait()
                    return False, f"corridord exited with {code} before READY=1"
        finally:
            if pidfd is not None:
                os.close(pidfd)

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


# --------------------------------------------------------------------------
# Checks


def run_basic(d, conn):
    # hello
    reply = conn.hello()
    if reply is not None and reply.WhichOneof("kind") == "hello_reply":
        hr = reply.hello_reply
        check("hello", hr.version.major == 1 and hr.server_name == "corridord",
              f"HelloReply {show(reply)}")
        print(f"     server {hr.server_name} {hr.server_version}, protocol "
              f"{hr.version.major}.{hr.version.minor}, limits: max_frame_bytes="
              f"{hr.limits.max_frame_bytes} max_concurrent_calls={hr.limits.max_concurrent_calls} "
              f"keepalive_interval_ms={hr.limits.keepalive_interval_ms} "
              f"max_timeout_ms={hr.limits.max_timeout_ms}", flush=True)
    else:
        check("hello", False, f"expected HelloReply on stream 0, got {show(reply)}")
        raise ConnectionClosed("no HelloReply; the remaining checks need it")

    # System.Status
    name = "System.Status"
    msgs, st = conn.call(1, "/corridor.v1.System/Status", spb.StatusRequest())
    resp = expect_unary_ok(name, msgs, st, spb.StatusResponse)
    if resp is not None:
        check(name, resp.socket_path == d.socket_path and resp.server_name == "corridord",
              f"socket_path {resp.socket_path!r} (expected {d.socket_path!r}), "
              f"server_name {resp.server_name!r}")

    # Health.Check ""
    name = "Health.Check whole server"
    msgs, st = conn.call(2, "/corridor.v1.Health/Check", hpb.HealthCheckRequest(service=""))
    resp = expect_unary_ok(name, msgs, st, hpb.HealthCheckResponse)
    if resp is not None:
        check(name, resp.status == hpb.HealthCheckResponse.SERVING,
              f"status {hpb.HealthCheckResponse.ServingStatus.Name(resp.status)}")

    # Health.Check unknown service
    name = "Health.Check unknown service"
    msgs, st = conn.call(3, "/corridor.v1.Health/Check",
                         hpb.HealthCheckRequest(service="no.such.Service"))
    check(name, st is not None and st.code == fpb.NOT_FOUND and not msgs,
          f"{len(msgs)} Message frames, {status_text(st)}; expected only Status NOT_FOUND")

    # Unknown method
    name = "unknown method"
    msgs, st = conn.call(4, "/corridor.v1.Nope/Nothing", b"")
    check(name, st is not None and st.code == fpb.UNIMPLEMENTED and not msgs,
          f"{len(msgs)} Message frames, {status_text(st)}; expected only Status UNIMPLEMENTED")

    # Hello with major 2 on a second connection
    name = "hello with major version 2"
    c2 = Conn(d.socket_path)
    try:
        f = c2.hello(major=2, minor=0)
        ok = (f is not None and f.stream_id == 0 and f.WhichOneof("kind") == "status"
              and f.status.code == fpb.FAILED_PRECONDITION)
        detail = f"got {show(f)}"
        if ok:
            msg = f.status.message
            if not ("2" in msg and "1" in msg):
                ok, detail = False, f"status message {msg!r} does not name both versions"
        if ok:
            after = c2.read_frame(timeout=10)
            ok = after is None
            detail = f"expected EOF after the Status, got {show(after)}"
        check(name, ok, detail)
    except (socket.timeout, ConnectionClosed, OSError) as e:
        check(name, False, f"{type(e).__name__}: {e}")
    finally:
        c2.close()

    # System.Ping echo
    name = "System.Ping echo"
    payload = os.urandom(64)
    msgs, st = conn.call(5, "/corridor.v1.System/Ping", spb.PingRequest(payload=payload))
    resp = expect_unary_ok(name, msgs, st, spb.PingResponse)
    if resp is not None:
        check(name, resp.payload == payload,
              f"sent {payload.hex()}, got back {resp.payload.hex()}")

    # Two calls in flight on one connection
    name = "two calls in flight"
    p7, p9 = os.urandom(16), os.urandom(16)
    conn.start(7, "/corridor.v1.System/Ping", spb.PingRequest(payload=p7))
    conn.start(9, "/corridor.v1.System/Ping", spb.PingRequest(payload=p9))
    problems = []
    for sid, p in ((9, p9), (7, p7)):
        msgs, st = conn.finish(sid)
        if st is None or st.code != fpb.OK or len(msgs) != 1:
            problems.append(f"stream {sid}: {len(msgs)} messages, {status_text(st)}")
            continue
        r = spb.PingResponse()
        r.ParseFromString(msgs[0])
        if r.payload != p:
            problems.append(f"stream {sid}: payload {r.payload.hex()} != {p.hex()}")
    check(name, not problems, "; ".join(problems))


def run_extended(d, conn, limits):
    """Connection-level rules of PROTOCOL.md, each on its own connection where a
    failure could spoil the next check."""

    def fresh(hello=True):
        c = Conn(d.socket_path)
        if hello:
            r = c.hello()
            if r is None or r.WhichOneof("kind") != "hello_reply":
                raise AssertionError(f"expected HelloReply, got {show(r)}")
        return c

    def guarded(name, fn):
        try:
            fn(name)
        except Exception as e:  # noqa: BLE001
            check(name, False, f"{type(e).__name__}: {e}")

    def still_alive(c, sid=99):
        """True if the connection still answers a call."""
        msgs, st = c.call(sid, "/corridor.v1.System/Ping", spb.PingRequest(payload=b"alive"))
        return st is not None and st.code == fpb.OK

    def call_before_hello(name):
        c = fresh(hello=False)
        try:
            c.start(3, "/corridor.v1.System/Ping", spb.PingRequest(payload=b"x"))
            msgs, st = c.finish(3)
            ok = st is not None and st.code == fpb.FAILED_PRECONDITION and not msgs
            detail = f"{status_text(st)}"
            if ok:
                r = c.hello()
                ok = r is not None and r.WhichOneof("kind") == "hello_reply" and still_alive(c)
                detail = f"connection not usable afterwards: {show(r)}"
            check(name, ok, detail)
        finally:
            c.close()

    def ping_pong(name):
        c = fresh()
        try:
            opaque = random.getrandbits(64)
            c.send(fpb.Frame(stream_id=0, ping=fpb.Ping(opaque=opaque)))
            f = c.next_for(0)
            check(name, f is not None and f.WhichOneof("kind") == "pong" and f.pong.opaque == opaque,
                  f"sent Ping {opaque}, got {show(f)}")
        finally:
            c.close()

    def zero_length(name):
        c = fresh()
        try:
            c.send_raw(b"\x00\x00\x00\x00")
            f = c.next_for(0)
            ok = f is not None and f.WhichOneof("kind") == "status" and f.status.code == fpb.INVALID_ARGUMENT
            detail = f"got {show(f)}"
            if ok:
                ok = still_alive(c)
                detail = "connection not usable afterwards"
            check(name, ok, detail)
        finally:
            c.close()

    def garbage(name):
        c = fresh()
        try:
            body = b"\xff\xff\xff\xff"  # tag with field number 0x1fffffff.. truncated varint
            c.send_raw(struct.pack(">I", len(body)) + body)
            f = c.next_for(0)
            ok = f is not None and f.WhichOneof("kind") == "status" and f.status.code == fpb.INVALID_ARGUMENT
            detail = f"got {show(f)}"
            if ok:
                after = c.read_frame(timeout=10)
                ok, detail = after is None, f"expected EOF, got {show(after)}"
            check(name, ok, detail)
        finally:
            c.close()

    def unexpected_kind(name):
        c = fresh()
        try:
            c.send(fpb.Frame(stream_id=11, message=fpb.Message(payload=b"hi")))
            f = c.next_for(11)
            ok = f is not None and f.WhichOneof("kind") == "status" and f.status.code == fpb.INVALID_ARGUMENT
            detail = f"got {show(f)}"
            if ok:
                ok, detail = still_alive(c), "connection not usable afterwards"
            check(name, ok, detail)
        finally:
            c.close()

    def bad_payload(name):
        c = fresh()
        try:
            msgs, st = c.call(5, "/corridor.v1.System/Ping", b"\xff\xff\xff")
            check(name, st is not None and st.code == fpb.INVALID_ARGUMENT and not msgs,
                  f"{len(msgs)} messages, {status_text(st)}")
        finally:
            c.close()

    def duplicate_stream(name):
        c = fresh()
        try:
            # A Watch stays in flight, so its stream id is taken.
            c.start(5, "/corridor.v1.Health/Watch", hpb.HealthCheckRequest(service=""), timeout_ms=0)
            first = c.next_for(5)
            if first is None or first.WhichOneof("kind") != "message":
                check(name, False, f"Health.Watch did not stay open: {show(first)}")
                return
            c.start(5, "/corridor.v1.System/Ping", spb.PingRequest(payload=b"dup"))
            f = c.next_for(0)
            ok = f is not None and f.WhichOneof("kind") == "status" and f.status.code == fpb.INVALID_ARGUMENT
            detail = f"got {show(f)}"
            if ok:
                while True:  # the rest of stream 5, if any, then EOF
                    after = c.read_frame(timeout=10)
                    if after is None or after.stream_id != 5:
                        break
                ok, detail = after is None, f"expected EOF, got {show(after)}"
            check(name, ok, detail)
        finally:
            c.close()

    def cancel_watch(name):
        c = fresh()
        try:
            c.start(13, "/corridor.v1.Health/Watch", hpb.HealthCheckRequest(service=""), timeout_ms=0)
            first = c.next_for(13)
            if first is None or first.WhichOneof("kind") != "message":
                check(name, False, f"Health.Watch: {show(first)}")
                return
            c.send(fpb.Frame(stream_id=13, cancel=fpb.Cancel()))
            msgs, st = c.finish(13)
            ok = st is not None and st.code == fpb.CANCELLED
            detail = status_text(st)
            if ok:
                c.send(fpb.Frame(stream_id=77, cancel=fpb.Cancel()))  # unknown: ignored
                ok, detail = still_alive(c), "connection not usable after a Cancel of an unknown stream"
            check(name, ok, detail)
        finally:
            c.close()

    def deadline(name):
        c = fresh()
        try:
            c.start(15, "/corridor.v1.Health/Watch", hpb.HealthCheckRequest(service=""), timeout_ms=200)
            t0 = time.monotonic()
            msgs, st = c.finish(15, timeout=10)
            took = time.monotonic() - t0
            check(name, st is not None and st.code == fpb.DEADLINE_EXCEEDED and took < 5,
                  f"{status_text(st)} after {took:.2f} s")
        finally:
            c.close()

    def oversized(name):
        max_bytes = limits.max_frame_bytes or 4 * 1024 * 1024
        c = fresh()
        try:
            # A Ping call whose payload makes the frame max_frame_bytes + 1 long.
            def frame_of(size):
                req = spb.PingRequest(payload=b"\0" * size).SerializeToString()
                return fpb.Frame(stream_id=21, call=fpb.CallStart(
                    method="/corridor.v1.System/Ping", payload=req)).SerializeToString()
            size = max_bytes - 64
            while len(frame_of(size)) < max_bytes + 1:
                size += 1
            body = frame_of(size)
            c.send_raw(struct.pack(">I", len(body)) + body)
            f = c.next_for(21, timeout=30)
            ok = f is not None and f.WhichOneof("kind") == "status" and f.status.code == fpb.RESOURCE_EXHAUSTED
            detail = f"frame of {len(body)} bytes (limit {max_bytes}): got {show(f)}"
            if ok:
                ok, detail = still_alive(c), "connection not usable afterwards"
            check(name, ok, detail)
        finally:
            c.close()

    def keepalive(name):
        # A second daemon whose keepalive interval is 500 ms.
        kdir = os.path.join(d.dir, "k")
        os.mkdir(kdir)
        config = os.path.join(kdir, "corridord.json")
        with open(config, "w") as f:
            f.write('{"limits": {"keepaliveIntervalMilliseconds": 500}}\n')
        k = Daemon(d.binary, kdir, ["--config", config])
        k.start()
        try:
            ready, why = k.wait_ready(60)
            if not ready:
                check(name, False, why + "\n" + k.log_tail())
                return
            # A client that answers pings, with a Watch open and nothing to say:
            # it must be pinged and must stay connected.
            c = Conn(k.socket_path)
            c.hello()
            c.start(1, "/corridor.v1.Health/Watch", hpb.HealthCheckRequest(), timeout_ms=0)
            c.next_for(1)
            try:
                f = c.next_for(1, timeout=3.0)  # nothing should come on stream 1
                problem = f"connection ended after {c.pings_seen} pings: {show(f)}"
            except socket.timeout:
                problem = "" if c.pings_seen >= 2 else f"only {c.pings_seen} pings in 3 s"
            if not problem:
                msgs, st = c.call(3, "/corridor.v1.System/Ping", spb.PingRequest(payload=b"k"))
                if st is None or st.code != fpb.OK:
                    problem = f"after 3 s: {status_text(st)}"
            c.close()
            check(name + ": pinged, answering client kept", not problem, problem)
            # A client that does not answer: pinged, then closed.
            c = Conn(k.socket_path)
            c.hello()
            c.answer_pings = False
            t0 = time.monotonic()
            f = c.read_frame(timeout=5)
            took = time.monotonic() - t0
            check(name + ": silent client closed", f is None and c.pings_seen >= 1 and took < 3,
                  f"after {took:.2f} s and {c.pings_seen} pings: {show(f)}")
            c.close()
        finally:
            k.kill()

    guarded("call before hello", call_before_hello)
    guarded("ping/pong on stream 0", ping_pong)
    guarded("zero-length frame", zero_length)
    guarded("unparseable frame closes", garbage)
    guarded("unexpected frame kind", unexpected_kind)
    guarded("undecodable request payload", bad_payload)
    guarded("duplicate stream id closes", duplicate_stream)
    guarded("cancel a watch", cancel_watch)
    guarded("deadline", deadline)
    guarded("oversized frame", oversized)
    guarded("keepalive", keepalive)


# --------------------------------------------------------------------------


def run_registry(d, conn):
    """The domain through the wire alone: a list selected by priority, a
    refusal naming the state, a refusal naming each field, and history."""
    rec = importlib.import_module("corridor.v1.records_pb2")
    reg = importlib.import_module("corridor.v1.registry_pb2")
    agr = importlib.import_module("corridor.v1.agreements_pb2")
    lst = importlib.import_module("corridor.v1.lists_pb2")
    stream = iter(range(200, 400))

    def unary(method, request, response_type, name):
        msgs, st = conn.call(next(stream), "/corridor.v1.Registry/" + method, request)
        return expect_unary_ok(name, msgs, st, response_type)

    for pid, kind in (("gov", rec.Party.GOVERNMENT), ("arm", rec.Party.ARMED_GROUP)):
        unary("RegisterParty", reg.RegisterPartyRequest(party=rec.Party(id=pid, short_name=pid.upper(), kind=kind)),
              rec.Party, f"Registry.RegisterParty {pid}")
    unary("RegisterSite", reg.RegisterSiteRequest(site=rec.Site(id="enclave", name="The enclave", kind=rec.Site.ENCLAVE)),
          rec.Site, "Registry.RegisterSite")
    # Registration order is the reverse of the expected rank, so the ranking cannot come from it.
    people = [("ROUTINE", 400, rec.Case.MALE), ("URGENT", 480, rec.Case.FEMALE), ("URGENT", 6, rec.Case.FEMALE)]
    ids = []
    for precedence, age, sex in people:
        view = unary("RegisterCase", reg.RegisterCaseRequest(**{"case": rec.Case(
            site_id="enclave", age_months=age, sex=sex, precedence=rec.Case.Precedence.Value(precedence),
            conditions=[rec.Case.HEART_DISEASE], consent_given=True)}), reg.CaseView, "Registry.RegisterCase")
        ids.append(getattr(view, "case").id if view else "")
    infant, adult_urgent = ids[2], ids[1]

    agreement = agr.Agreement(
        id="a1", title="Two for two", agreed_on="2026-11-01", status=agr.Agreement.AGREED,
        parties=[agr.Agreement.PartyRole(party_id="gov", role=agr.Agreement.PARTY),
                 agr.Agreement.PartyRole(party_id="arm", role=agr.Agreement.PARTY)],
        terms=[agr.Agreement.Term(id="evacuations", description="two medical evacuations", obligor_id="gov",
                                  measure=agr.Agreement.EVACUATIONS, target=2)])
    unary("RecordAgreement", agr.RecordAgreementRequest(agreement=agreement), agr.Agreement, "Registry.RecordAgreement")
    unary("CreateList", lst.CreateListRequest(list=lst.EvacuationList(id="l1", agreement_id="a1", origin_site_id="enclave", quota=2)),
          lst.EvacuationList, "Registry.CreateList")
    selected = unary("SelectList", lst.SelectListRequest(list_id="l1", as_of="2026-11-21"), lst.SelectListResponse, "Registry.SelectList")
    if selected is not None:
        entries = [(e.rank, e.case_id, e.explanation) for e in getattr(selected, "list").entries]
        check("Registry.SelectList ranks the urgent infant first, then the urgent adult",
              [e[1] for e in entries] == [infant, adult_urgent] and "infant 6 months" in entries[0][2]
              and selected.left_out_total == 1 and selected.left_out[0].rank == 3,
              f"entries {entries}, left out {[(c.case_id, c.reason) for c in selected.left_out]}")
    unary("SubmitList", lst.ListActionRequest(list_id="l1"), lst.EvacuationList, "Registry.SubmitList")

    name = "Registry.SubmitList twice: FAILED_PRECONDITION naming the state"
    msgs, st = conn.call(next(stream), "/corridor.v1.Registry/SubmitList", lst.ListActionRequest(list_id="l1"))
    check(name, st is not None and st.code == fpb.FAILED_PRECONDITION and "SUBMITTED" in st.message and not msgs,
          status_text(st))

    name = "Registry.CreateList with bad fields: INVALID_ARGUMENT naming each"
    msgs, st = conn.call(next(stream), "/corridor.v1.Registry/CreateList", lst.CreateListRequest(
        list=lst.EvacuationList(id="l2", agreement_id="no-such-agreement", origin_site_id="enclave", quota=0)))
    fields = sorted(v.field for v in st.field_violations) if st is not None else []
    check(name, st is not None and st.code == fpb.INVALID_ARGUMENT and "list.quota" in fields
          and "list.agreement_id" in fields, status_text(st))

    name = "Registry.History of the infant shows WAITING → LISTED"
    history = unary("History", reg.GetRequest(id=infant), reg.HistoryResponse, name)
    if history is not None:
        changes = [(e.event.case_status_changed.to) for e in history.entries if e.event.WhichOneof("kind") == "case_status_changed"]
        check(name, changes == [rec.Case.LISTED] and all(e.event.actor.uid == os.getuid() for e in history.entries),
              f"status changes {changes}")


def method_name(rpc):
    """The package's method for a Registry RPC: GetAgreementProgress → get_agreement_progress."""
    from corridor.client import snake_case
    return snake_case(rpc)


def run_companions(d, conn):
    """A companion boards with her case over the wire alone (issue 10): a list
    whose companions count, a child with her mother; leaving the mother
    behind without a reason is refused naming the field; planned with the
    child, the mother comes along, and arrival evacuates both; a term
    counting PEOPLE counts the two of them. Needs run_registry's parties and
    enclave. Through the package's typed client (corridor.connect), on a
    connection of its own: a refusal is an exception of its status code."""
    rec = importlib.import_module("corridor.v1.records_pb2")
    reg = importlib.import_module("corridor.v1.registry_pb2")
    agr = importlib.import_module("corridor.v1.agreements_pb2")
    lst = importlib.import_module("corridor.v1.lists_pb2")
    mov = importlib.import_module("corridor.v1.movements_pb2")
    client = corridor.connect(socket=d.socket_path, timeout=30)

    def unary(method, request, response_type, name):
        rpc = corridor.METHODS[method_name(method)]
        if rpc.response_type is not response_type:
            check(name, False, f"{rpc.path} answers {rpc.response_type.__name__}, not {response_type.__name__}")
            return None
        try:
            return getattr(client, method_name(method))(request)
        except corridor.CorridorError as error:
            check(name, False, f"status {error}")
            return None

    for sid, kind in (("xing", rec.Site.CROSSING), ("capital", rec.Site.CITY)):
        unary("RegisterSite", reg.RegisterSiteRequest(site=rec.Site(id=sid, name=sid, kind=kind)), rec.Site, f"companions: RegisterSite {sid}")

    def register(precedence, age, companions=()):
        view = unary("RegisterCase", reg.RegisterCaseRequest(**{"case": rec.Case(
            site_id="enclave", age_months=age, sex=rec.Case.FEMALE, precedence=precedence,
            conditions=[rec.Case.HEART_DISEASE], consent_given=True, companion_ids=list(companions))}),
            reg.CaseView, "companions: RegisterCase")
        return getattr(view, "case").id if view else ""
    mother = register(rec.Case.ROUTINE, 360)
    child = register(rec.Case.URGENT, 60, [mother])

    agreement = agr.Agreement(
        id="a-fam", title="Families", agreed_on="2026-11-01", status=agr.Agreement.AGREED,
        parties=[agr.Agreement.PartyRole(party_id="gov", role=agr.Agreement.PARTY),
                 agr.Agreement.PartyRole(party_id="arm", role=agr.Agreement.PARTY)],
        terms=[agr.Agreement.Term(id="people", description="two people out", obligor_id="gov",
                                  measure=agr.Agreement.EVACUATIONS, target=2, counting=agr.Agreement.PEOPLE)])
    unary("RecordAgreement", agr.RecordAgreementRequest(agreement=agreement), agr.Agreement, "companions: RecordAgreement")
    unary("CreateList", lst.CreateListRequest(list=lst.EvacuationList(
        id="l-fam", agreement_id="a-fam", origin_site_id="enclave", quota=2, companions_count=True)),
        lst.EvacuationList, "companions: CreateList")
    selected = unary("SelectList", lst.SelectListRequest(list_id="l-fam"), lst.SelectListResponse, "companions: SelectList")
    if selected is not None:
        entries = [(e.case_id, list(e.companion_ids)) for e in getattr(selected, "list").entries]
        check("companions: the child is selected with her mother beside her", entries == [(child, [mother])], f"entries {entries}")
    unary("SubmitList", lst.ListActionRequest(list_id="l-fam"), lst.EvacuationList, "companions: SubmitList")
    for party in ("gov", "arm"):
        unary("ApproveList", lst.ApproveListRequest(list_id="l-fam", party_id=party), lst.EvacuationList, f"companions: ApproveList {party}")

    def movement(passenger):
        return mov.Movement(id="m-fam", kind=mov.Movement.EVACUATION, agreement_id="a-fam", list_id="l-fam",
                            origin_site_id="enclave", crossing_site_id="xing", destination_site_ids=["capital"],
                            passengers=[passenger])

    name = "companions: PlanMovement leaving the mother behind without a reason: INVALID_ARGUMENT naming the field"
    try:
        client.plan_movement(movement=movement(mov.Movement.Passenger(case_id=child, without_companions=True)))
        check(name, False, "planned")
    except corridor.InvalidArgument as error:
        fields = [v.field for v in error.violations]
        check(name, fields == ["movement.passengers[0].companions_left_reason"], str(error))
    except corridor.CorridorError as error:
        check(name, False, str(error))

    planned = unary("PlanMovement", mov.PlanMovementRequest(movement=movement(mov.Movement.Passenger(case_id=child))),
                    mov.Movement, "companions: PlanMovement with the child")
    if planned is not None:
        aboard = [(p.case_id, p.companion_of) for p in planned.passengers]
        check("companions: the mother boards beside her child", aboard == [(child, ""), (mother, child)], f"passengers {aboard}")
    for status, extra in ((mov.Movement.NOTIFIED, {}), (mov.Movement.DEPARTED, {"override_reason": "no window announced"}),
                          (mov.Movement.ARRIVED, {})):
        unary("SetMovementStatus", mov.SetMovementStatusRequest(movement_id="m-fam", status=status, **extra), mov.Movement,
              f"companions: SetMovementStatus {mov.Movement.Status.Name(status)}")
    for who, case_id in (("child", child), ("mother", mother)):
        view = unary("GetCase", reg.GetRequest(id=case_id), reg.CaseView, f"companions: GetCase {who}")
        if view is not None:
            got = getattr(view, "case")
            check(f"companions: the {who} is EVACUATED at the capital", got.status == rec.Case.EVACUATED and got.site_id == "capital",
                  f"{rec.Case.Status.Name(got.status)} at {got.site_id}")
    progress = unary("GetAgreementProgress", reg.GetRequest(id="a-fam"), agr.AgreementProgress, "companions: GetAgreementProgress")
    if progress is not None:
        check("companions: a term counting PEOPLE counts child and mother", [t.done for t in progress.terms] == [2],
              f"{[(t.term.id, t.done, t.source) for t in progress.terms]}")
    client.close()


def run_cli_json(args, binary, workdir):
    """cli_json_check.py: corridorctl (beside corridord) against a fresh daemon."""
    import cli_json_check
    import json_check
    corridorctl = os.path.abspath(args.corridorctl or os.path.join(os.path.dirname(binary), "corridorctl"))
    if not check("CLI JSON: corridorctl is built", os.access(corridorctl, os.X_OK), f"{corridorctl} is missing"):
        return
    home = os.path.join(workdir, "cli")
    os.mkdir(home)
    daemon = Daemon(binary, home)
    try:
        daemon.start()
        ready, why = daemon.wait_ready(60)
        if not check("CLI JSON: its daemon is ready", ready, why):
            return
        classes = json_check.message_classes(args.protoc, home)
        cli_json_check.run(check, corridorctl, daemon.socket_path, daemon.data_dir, classes, home)
    finally:
        daemon.proc.send_signal(signal.SIGTERM)
        try:
            daemon.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corridord", required=True, help="path to the corridord binary")
    ap.add_argument("--protoc", default=os.environ.get("PROTOC", "protoc"))
    ap.add_argument("--extended", action="store_true",
                    help="also check the connection-level rules of PROTOCOL.md")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--corridorctl", help="path to corridorctl (default: beside --corridord); every --json "
                    "output is checked against json_format (cli_json_check.py)")
    ap.add_argument("--proto-samples", help="path to corridor-proto-samples (default: beside --corridord); "
                    "its JSON is checked against json_format (json_check.py)")
    args = ap.parse_args()

    binary = os.path.abspath(args.corridord)
    workdir = tempfile.mkdtemp(prefix="cor-", dir="/tmp")  # AF_UNIX paths < 108 bytes
    daemon = None
    setup_failed = False
    try:
        try:
            if not os.access(binary, os.X_OK):
                raise RuntimeError(f"{binary} is not an executable file")
            if shutil.which(args.protoc) is None:
                raise RuntimeError(f"protoc not found ({args.protoc}); apt-get install protobuf-compiler")
            load_protos()
            daemon = Daemon(binary, workdir)
            daemon.start()
            ready, why = daemon.wait_ready(60)
            if not check("daemon ready (READY=1)", ready, why):
                raise RuntimeError("corridord did not become ready")
            conn = Conn(daemon.socket_path)
        except Exception as e:  # noqa: BLE001
            setup_failed = True
            print(f"setup failed: {e}", flush=True)
            if daemon:
                print("--- corridord output ---\n" + daemon.log_tail(), flush=True)
            if not RESULTS or RESULTS[-1][1]:
                check("setup", False, str(e))
            summary_and_exit(True)

        limits = None
        try:
            run_basic(daemon, conn)
        except Exception as e:  # noqa: BLE001
            check("basic checks ran to the end", False, f"{type(e).__name__}: {e}")
            traceback.print_exc()
        try:
            run_registry(daemon, conn)
        except Exception as e:  # noqa: BLE001
            check("registry checks ran to the end", False, f"{type(e).__name__}: {e}")
            traceback.print_exc()
        try:
            run_companions(daemon, conn)
        except Exception as e:  # noqa: BLE001
            check("companion checks ran to the end", False, f"{type(e).__name__}: {e}")
            traceback.print_exc()
        # The generated Swift code's proto3 JSON against Google's json_format (needs no daemon).
        try:
            import json_check
            samples = args.proto_samples or os.path.join(os.path.dirname(binary), "corridor-proto-samples")
            json_check.run(check, os.path.abspath(samples), args.protoc, workdir)
        except Exception as e:  # noqa: BLE001
            check("JSON checks ran to the end", False, f"{type(e).__name__}: {e}")
            traceback.print_exc()
        # Every corridorctl --json output against json_format, on a daemon of its own.
        try:
            run_cli_json(args, binary, workdir)
        except Exception as e:  # noqa: BLE001
            check("CLI JSON checks ran to the end", False, f"{type(e).__name__}: {e}")
            traceback.print_exc()
        if args.extended:
            # Limits from a fresh HelloReply.
            try:
                c = Conn(daemon.socket_path)
                limits = c.hello().hello_reply.limits
                c.close()
                run_extended(daemon, conn, limits)
            except Exception as e:  # noqa: BLE001
                check("extended checks ran to the end", False, f"{type(e).__name__}: {e}")

        # Shutdown: SIGTERM with a client still connected (and, with
        # --extended, a Health.Watch in flight on it). A connection of its
        # own, made now: the first one has been silent since the registry
        # checks, and on a busy machine the checks since can outlast two
        # keepalive intervals, after which the server rightly closes it.
        conn.close()
        conn = Conn(daemon.socket_path)
        watching = False
        try:
            hello = conn.hello()
            check("a fresh connection before shutdown", hello is not None and hello.WhichOneof("kind") == "hello_reply",
                  f"got {show(hello)}")
        except Exception as e:  # noqa: BLE001
            check("a fresh connection before shutdown", False, f"{type(e).__name__}: {e}")
        if args.extended:
            try:
                conn.start(31, "/corridor.v1.Health/Watch", hpb.HealthCheckRequest(), timeout_ms=0)
                first = conn.next_for(31)
                watching = first is not None and first.WhichOneof("kind") == "message"
                if not watching:
                    check("Health.Watch before shutdown", False, show(first))
            except Exception as e:  # noqa: BLE001
                check("Health.Watch before shutdown", False, f"{type(e).__name__}: {e}")
        daemon.proc.send_signal(signal.SIGTERM)
        try:
            code = daemon.proc.wait(timeout=30)
            check("SIGTERM exits 0 within 30 s", code == 0, f"exit code {code}")
        except subprocess.TimeoutExpired:
            check("SIGTERM exits 0 within 30 s", False, "still running after 30 s")
            daemon.kill()
        check("STOPPING=1 sent", daemon.saw("STOPPING=1"),
              f"datagrams: {daemon.datagrams!r}")
        if args.extended:
            frames = []
            try:
                while True:
                    f = conn.read_frame(timeout=5)
                    if f is None:
                        break
                    frames.append(f)
                frames = conn.pending + frames
                ok = any(f.WhichOneof("kind") == "go_away" and f.stream_id == 0 for f in frames)
                if watching:
                    ok = ok and any(f.stream_id == 31 and f.WhichOneof("kind") == "status" for f in frames)
                check("GoAway, the Watch's Status, then EOF on shutdown", ok,
                      f"frames: {[show(f) for f in frames]}")
            except Exception as e:  # noqa: BLE001
                check("GoAway, the Watch's Status, then EOF on shutdown", False, f"{type(e).__name__}: {e}")
        conn.close()
        if any(not ok for _, ok, _ in RESULTS):
            print("--- corridord output (tail) ---\n" + daemon.log_tail(), flush=True)
    finally:
        if daemon:
            daemon.kill()
        if args.keep:
            print(f"kept {workdir}", flush=True)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    summary_and_exit(setup_failed)


if __name__ == "__main__":
    main()
