"""The RPC methods are statically typed: corridor/_methods.pyi (generated
from proto/ by scripts/generate-proto) declares every method the client
builds at import, and mypy checks calls against it."""

import ast
import os

import pytest

import corridor
from conftest import REPO
from corridor.client import snake_case
from test_methods import rpcs_in_proto

PACKAGE = os.path.join(REPO, "clients", "python")
STUB = os.path.join(PACKAGE, "src", "corridor", "_methods.pyi")


def stub_methods():
    """The stub's methods: name → the return annotation's text."""
    tree = ast.parse(open(STUB, encoding="utf-8").read())
    (cls,) = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "_Methods"]
    return {node.name: ast.unparse(node.returns) for node in cls.body if isinstance(node, ast.FunctionDef)}


def test_the_stub_declares_every_rpc_of_proto():
    methods = stub_methods()
    found = rpcs_in_proto()
    assert len(found) > 60
    for service, rpc, _request, streaming, response in found:
        qualified = f"{snake_case(service)}_{snake_case(rpc)}"
        assert qualified in methods, f"_methods.pyi has no {qualified} for {service}.{rpc}"
        returns = methods[qualified]
        if streaming:
            assert returns.startswith("Watch[") and returns.endswith(f".{response}]"), (qualified, returns)
        elif corridor.METHODS[qualified].paged_field is not None:
            assert returns.startswith("Pages["), (qualified, returns)
        else:
            assert returns.endswith(f"_pb2.{response}"), (qualified, returns)
    # Exactly the names the client builds at run time, no more, no fewer.
    assert set(methods) == set(corridor.METHODS)


def test_mypy_checks_calls_against_the_stub(tmp_path, monkeypatch):
    api = pytest.importorskip("mypy.api")
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "import corridor\n"
        "from corridor.v1 import registry_pb2\n"
        "c = corridor.connect()\n"
        "reveal_type(c.get_case(id='x'))\n"                                  # 4
        "c.get_case(idd='x')\n"                                              # 5
        "c.get_case(id=1)\n"                                                 # 6
        "reveal_type(c.list_cases(limit=5))\n"                               # 7
        "reveal_type(c.health_watch())\n"                                    # 8
        "view: registry_pb2.CaseView = c.registry_get_case(registry_pb2.GetRequest(id='x'), timeout=None)\n"
        "c.get_case(registry_pb2.ListCasesRequest())\n"                      # 10
        "c.no_such_rpc()\n"                                                  # 11
        "c.deaths_while_waiting(from_='2026-01-01')\n"                       # 12
        "c.waiting_cases(site_id='enclave', precedence='URGENT', limit=5)\n"  # 13
        "c.waiting_cases(precedence=1.5)\n"                                  # 14
    )
    monkeypatch.setenv("MYPYPATH", os.path.join(PACKAGE, "src"))
    stdout, stderr, status = api.run([
        "--config-file", os.path.join(PACKAGE, "pyproject.toml"),
        "--cache-dir", str(tmp_path / "mypy-cache"),
        "--no-error-summary", "--show-error-codes", str(snippet)])
    by_line = {}
    for line in stdout.splitlines():
        if line.startswith(str(snippet) + ":"):
            number = int(line.split(":")[1])
            by_line.setdefault(number, []).append(line)
    messages = "\n".join(stdout.splitlines())
    assert 'Revealed type is "corridor.v1.registry_pb2.CaseView"' in "".join(by_line.get(4, [])), messages
    assert 'Unexpected keyword argument "idd"' in "".join(by_line.get(5, [])), messages
    assert "[arg-type]" in "".join(by_line.get(6, [])), messages
    assert 'corridor.client.Pages[corridor.v1.registry_pb2.CaseView]' in "".join(by_line.get(7, [])), messages
    assert 'corridor.client.Watch[corridor.v1.health_pb2.HealthCheckResponse]' in "".join(by_line.get(8, [])), messages
    assert "[arg-type]" in "".join(by_line.get(10, [])), messages
    assert "[attr-defined]" in "".join(by_line.get(11, [])), messages
    assert "[arg-type]" in "".join(by_line.get(14, [])), messages
    # Lines 9, 12 and 13 are right: no error there.
    assert not by_line.get(9) and not by_line.get(12) and not by_line.get(13), messages
    assert set(by_line) == {4, 5, 6, 7, 8, 10, 11, 14}, messages
    assert status == 1, (stdout, stderr)
