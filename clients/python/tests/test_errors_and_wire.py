"""Errors per status code, the framing against PROTOCOL.md's bytes, and
where the socket is found: no daemon needed."""

import os
import stat

import pytest

import corridor
from corridor import errors, location, wire
from corridor.v1 import frame_pb2


def test_each_code_has_its_class_with_violations():
    status = frame_pb2.Status(code=frame_pb2.INVALID_ARGUMENT, message="bad",
                              field_violations=[frame_pb2.FieldViolation(field="a", description="b")])
    error = errors.error_from_status(status)
    assert isinstance(error, corridor.InvalidArgument) and isinstance(error, corridor.CorridorError)
    assert (error.code, error.code_name, error.message) == (3, "INVALID_ARGUMENT", "bad")
    assert [(v.field, v.description) for v in error.violations] == [("a", "b")]
    for code, cls in ((5, corridor.NotFound), (7, corridor.PermissionDenied), (9, corridor.FailedPrecondition),
                      (6, corridor.AlreadyExists), (14, corridor.Unavailable), (4, corridor.DeadlineExceeded),
                      (1, corridor.Cancelled), (15, corridor.DataLoss)):
        assert type(errors.error_for(code)) is cls and errors.error_for(code).code == code


def test_an_unknown_code_is_unknown_keeping_its_number():
    error = errors.error_for(99, "new")
    assert isinstance(error, corridor.Unknown) and error.code == 99 and error.code_name == "99"


def test_invalid_argument_made_by_hand():
    error = corridor.InvalidArgument(violations=[corridor.FieldViolation("case.age_months", "too old")])
    assert error.code == frame_pb2.INVALID_ARGUMENT and error.violations[0].field == "case.age_months"


def test_hello_bytes_are_protocol_md_8_1():
    frame = wire.hello_frame(client_name="example", client_version="0.1.0")
    assert wire.encode_frame(frame).hex(" ") == (
        "00 00 00 16 12 14 0a 02 08 01 12 07 65 78 61 6d 70 6c 65 1a 05 30 2e 31 2e 30")


def test_call_start_bytes_are_protocol_md_8_2():
    frame = frame_pb2.Frame(stream_id=1, call=frame_pb2.CallStart(method="/corridor.v1.System/Status",
                                                                   timeout_ms=5000))
    assert wire.encode_frame(frame).hex(" ") == (
        "00 00 00 23 08 01 22 1f 0a 1a 2f 63 6f 72 72 69 64 6f 72 2e 76 31 2e 53 79 73 74 65 6d 2f 53 74 "
        "61 74 75 73 10 88 27")


def test_socket_order_as_corridorctl(tmp_path, monkeypatch):
    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    user = f"{tmp_path}/corridor/corridord.sock"
    monkeypatch.setattr(location, "SYSTEM_SOCKET", str(tmp_path / "system.sock"))
    assert location.default_socket({"CORRIDOR_SOCKET": "/x.sock", **env}) == "/x.sock"
    assert location.default_socket(env) == user  # neither exists: the per-user path
    (tmp_path / "system.sock").touch()
    assert location.default_socket(env) == str(tmp_path / "system.sock")
    os.mkdir(tmp_path / "corridor")
    open(user, "w").close()
    assert location.default_socket(env) == user
    assert location.user_socket({}) == f"/tmp/corridor-{os.getuid()}/corridord.sock"


def test_a_default_socket_directory_others_may_write_is_refused(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    assert "writable by every user" in location.directory_problem(str(shared), [os.geteuid()])
    os.chmod(shared, 0o700)
    assert location.directory_problem(str(shared), [os.geteuid()]) is None
    link = tmp_path / "link"
    link.symlink_to(shared)
    assert "symbolic link" in location.directory_problem(str(link), [os.geteuid()])
    # connect() applies it to a socket it found by default, before connecting.
    os.chmod(shared, 0o777)
    monkeypatch.delenv("CORRIDOR_SOCKET", raising=False)
    monkeypatch.setattr(location, "default_socket", lambda environ=None: str(shared / "corridord.sock"))
    with pytest.raises(corridor.PermissionDenied, match="writable by every user"):
        corridor.connect()


def test_a_server_of_another_user_is_refused(monkeypatch):
    monkeypatch.setattr(location, "system_user_uid", lambda: None)
    assert location.untrusted_peer("/s", 0) is None
    assert location.untrusted_peer("/s", os.geteuid()) is None
    stranger = 4242 if os.geteuid() != 4242 else 4243
    assert "runs as uid" in location.untrusted_peer("/s", stranger)


def test_no_daemon_is_unavailable(tmp_path):
    with pytest.raises(corridor.Unavailable, match="is corridord running"):
        corridor.connect(socket=str(tmp_path / "none.sock"))
