"""Every rpc of proto/ has its Client method, read from the .proto text
itself (not from the descriptors the methods are built from)."""

import os
import re

import pytest

import corridor
from corridor.client import snake_case
from conftest import REPO

PROTO_DIR = os.path.join(REPO, "proto", "corridor", "v1")


def rpcs_in_proto():
    found = []
    for name in sorted(os.listdir(PROTO_DIR)):
        if not name.endswith(".proto"):
            continue
        text = open(os.path.join(PROTO_DIR, name), encoding="utf-8").read()
        text = re.sub(r"//[^\n]*", "", text)
        for service, body in re.findall(r"service\s+(\w+)\s*\{(.*?)\n\}", text, re.S):
            for rpc, request, stream, response in re.findall(
                    r"rpc\s+(\w+)\s*\(\s*(\w+)\s*\)\s*returns\s*\(\s*(stream\s+)?(\w+)\s*\)", body):
                found.append((service, rpc, request, bool(stream), response))
    return found


def test_the_proto_files_declare_rpcs():
    services = {service for service, *_ in rpcs_in_proto()}
    assert {"System", "Health", "Registry", "Audit"} <= services
    assert len(rpcs_in_proto()) > 60


@pytest.mark.parametrize("service,rpc,request_type,streaming,response_type", rpcs_in_proto())
def test_every_rpc_has_a_method(service, rpc, request_type, streaming, response_type):
    qualified = f"{snake_case(service)}_{snake_case(rpc)}"
    assert hasattr(corridor.Client, qualified), f"no Client.{qualified} for {service}.{rpc}"
    method = corridor.METHODS[qualified]
    assert method.path == f"/corridor.v1.{service}/{rpc}"
    assert method.request_type.DESCRIPTOR.name == request_type
    assert method.response_type.DESCRIPTOR.name == response_type
    assert method.server_streaming == streaming
    plain = snake_case(rpc)
    if service == "Registry" or sum(1 for s, r, *_ in rpcs_in_proto() if r == rpc) == 1:
        assert corridor.METHODS[plain] is method, f"Client.{plain} is not {service}.{rpc}"


def test_names_from_the_issue():
    for name in ("get_case", "waiting_cases", "select_list", "watch", "list_break_glass_grants",
                 "erase_case_personal_data", "health_watch", "status"):
        assert callable(getattr(corridor.Client, name)), name
    assert corridor.METHODS["watch"].path == "/corridor.v1.Registry/Watch"
    assert corridor.METHODS["health_watch"].path == "/corridor.v1.Health/Watch"
    assert corridor.METHODS["list_cases"].paged_field == "cases"
    assert corridor.METHODS["list_audit_records"].paged_field == "records"
    assert snake_case("ListBreakGlassGrants") == "list_break_glass_grants"


def test_unknown_keyword_is_a_type_error_naming_the_fields():
    from corridor.client import _request
    rpc = corridor.METHODS["waiting_cases"]
    with pytest.raises(TypeError, match="site_idd.*site_id"):
        _request(rpc, "waiting_cases", None, {"site_idd": "enclave"})


def test_a_keyword_field_takes_a_trailing_underscore():
    from corridor.client import _request
    request = _request(corridor.METHODS["deaths_while_waiting"], "deaths_while_waiting", None,
                       {"from_": "2026-01-01", "to": "2026-02-01"})
    assert getattr(request, "from") == "2026-01-01" and request.to == "2026-02-01"


def test_a_request_message_of_another_type_is_refused():
    from corridor.client import _request
    from corridor.v1 import reports_pb2
    with pytest.raises(TypeError, match="GetRequest"):
        _request(corridor.METHODS["get_case"], "get_case", reports_pb2.WaitingCasesRequest(), {})
