"""The README's code blocks, run in order in one namespace against a daemon
loaded by `corridorctl demo` (found through CORRIDOR_SOCKET, as a reader's
`corridor.connect()` finds theirs). The last block, the watch of deaths
while waiting, runs until stopped: it runs in a thread, a death is recorded
first, and the test waits for its line, then closes the client."""

import datetime
import os
import queue
import re
import threading

import corridor
from corridor.v1 import records_pb2
from conftest import REPO

README = os.path.join(REPO, "clients", "python", "README.md")


def blocks():
    text = open(README, encoding="utf-8").read()
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_the_readme_has_the_three_examples():
    code = blocks()
    assert len(code) >= 5
    assert "waiting_cases" in code[-3] and "groupby" in code[-3]
    assert "compare_figures" in code[-2]
    assert "c.watch(" in code[-1] and "DECEASED" in code[-1]


def test_the_readme_runs_against_the_demo(demo_daemon, monkeypatch):
    monkeypatch.setenv("CORRIDOR_SOCKET", demo_daemon.socket_path)
    lines: "queue.Queue[str]" = queue.Queue()

    def printed(*args, **kwargs):
        lines.put(" ".join(str(a) for a in args))
    namespace = {"print": printed, "__name__": "readme"}
    code = blocks()
    for block in code[:-1]:
        exec(compile(block, README, "exec"), namespace)
    output = []
    while not lines.empty():
        output.append(lines.get())
    text = "\n".join(output)
    assert "corridord" in output[0]
    # (a): per precedence, cases and longest wait; then the first ten rows, URGENT first.
    assert re.search(r"^URGENT\s+\d+\s+\d+$", text, re.M), text
    assert re.search(r"^\s*C-\d+\s+enclave\s+URGENT\s", text, re.M), text
    assert "about 500" in text and "registry:" in text  # (b): the UN's claim beside the registry's count
    assert "list.agreement_id" in text and "NOT_FOUND" in text  # the errors block

    # (c): a death while waiting, recorded before the watch starts from 1, must be printed.
    with corridor.connect(socket=demo_daemon.socket_path) as other:
        case_id = other.waiting_cases(site_id="enclave", limit=1000).cases[-2].case_id
        today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        other.set_case_status(case_id=case_id, status=records_pb2.Case.DECEASED, date=today,
                              reason="died of his wounds while waiting")
    failure = []

    def watch():
        try:
            exec(compile(code[-1], README, "exec"), namespace)
        except BaseException as error:  # noqa: BLE001
            failure.append(error)
    runner = threading.Thread(target=watch)
    runner.start()
    try:
        line = lines.get(timeout=120)
    finally:
        namespace["c"].close()  # ends the watch: the block leaves its loop
        runner.join(60)
    assert not runner.is_alive() and failure == []
    assert f"{case_id} died while waiting ({today})" in line
