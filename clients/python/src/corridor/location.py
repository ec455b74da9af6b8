"""Where the daemon's socket is, and whom to trust there: the same rules as
corridorctl (proto/PROTOCOL.md §2; Sources/CorridorWire/DefaultLocations.swift,
SocketDirectoryPolicy.swift and Sources/CorridorClient/ServerIdentity.swift)."""

from __future__ import annotations

import os
import pwd
import socket
import stat
import struct
from typing import Mapping, Optional

SYSTEM_SOCKET = "/run/corridor/corridord.sock"
SOCKET_FILE_NAME = "corridord.sock"
#: The system user of the packaged daemon (systemd/corridor.sysusers).
SYSTEM_USER = "corridor"


def user_socket(environ: Mapping[str, str] = os.environ) -> str:
    """Where a daemon started by hand listens: $XDG_RUNTIME_DIR/corridor, else
    /tmp/corridor-<uid>."""
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if runtime:
        return f"{runtime}/corridor/{SOCKET_FILE_NAME}"
    return f"/tmp/corridor-{os.getuid()}/{SOCKET_FILE_NAME}"


def default_socket(environ: Mapping[str, str] = os.environ) -> str:
    """CORRIDOR_SOCKET; else the per-user socket if it exists; else the system
    socket if it exists; else the per-user path (so an error names where
    `make run` puts it)."""
    named = environ.get("CORRIDOR_SOCKET", "")
    if named:
        return named
    user = user_socket(environ)
    if os.path.exists(user):
        return user
    if os.path.exists(SYSTEM_SOCKET):
        return SYSTEM_SOCKET
    return user


def system_user_uid() -> Optional[int]:
    try:
        return pwd.getpwnam(SYSTEM_USER).pw_uid
    except KeyError:
        return None


def directory_problem(directory: str, expected_owners: list[int]) -> Optional[str]:
    """Why a socket directory nobody named is not to be trusted (someone else
    could have put a socket there first), or None."""
    try:
        st = os.lstat(directory)
    except OSError as error:
        return f"cannot examine the socket directory {directory}: {error.strerror}"
    permissions = stat.S_IMODE(st.st_mode)
    shown = "0" + format(permissions, "o")
    if stat.S_ISLNK(st.st_mode):
        return f"the socket directory {directory} is a symbolic link; refusing to follow it"
    if not stat.S_ISDIR(st.st_mode):
        return f"the socket directory {directory} is not a directory"
    if st.st_uid != 0 and st.st_uid not in expected_owners:
        owners = ", ".join(f"uid {uid}" for uid in expected_owners)
        return (f"the socket directory {directory} belongs to uid {st.st_uid} (mode {shown}), not to {owners} "
                "or root; whoever owns it can replace the socket. Remove it, or choose another socket path")
    if permissions & 0o022:
        who = "every user" if permissions & 0o002 else "its group"
        return (f"the socket directory {directory} (owner uid {st.st_uid}, mode {shown}) is writable by {who}; "
                "whoever can write there can replace the socket. Make it 0700 or 0750 (chmod go-w), "
                "or choose another socket path")
    return None


def default_directory_problem(path: str) -> Optional[str]:
    """For a socket found by default (not named by the caller or
    CORRIDOR_SOCKET): the problem with its directory, if it exists."""
    directory = os.path.dirname(path) or "."
    if not os.path.exists(directory):
        return None
    owners = [os.geteuid()]
    system_uid = system_user_uid()
    if system_uid is not None:
        owners.append(system_uid)
    return directory_problem(directory, owners)


def peer_uid(sock: socket.socket) -> int:
    """The uid the listening process had (SO_PEERCRED: pid, uid, gid)."""
    raw = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", raw)
    return int(uid)


def untrusted_peer(path: str, uid: int) -> Optional[str]:
    """Why a server running as uid is refused, or None: only root, the
    caller's own user or the corridor system user are trusted."""
    own = os.geteuid()
    system_uid = system_user_uid()
    if uid in (0, own) or (system_uid is not None and uid == system_uid):
        return None
    system = f"the {SYSTEM_USER} user (uid {system_uid})" if system_uid is not None \
        else f"the {SYSTEM_USER} user (none on this system)"
    return (f"refusing to talk to {path}: the process listening there runs as uid {uid}, which is neither root, "
            f"you (uid {own}), nor {system}; someone else may have put a socket where corridord's should be")
