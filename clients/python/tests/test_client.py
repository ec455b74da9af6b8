"""The client against a real corridord with scenario 1 loaded."""

import datetime
import threading

import pytest

import corridor
from corridor.v1 import frame_pb2, records_pb2, registry_pb2, system_pb2


def today():
    return datetime.datetime.now(datetime.timezone.utc).date().isoformat()


def test_hello_and_status(client, demo_daemon):
    assert client.hello_reply.server_name == "corridord" and client.hello_reply.version.major == 1
    assert client.limits.max_frame_bytes > 0
    status = client.status()
    assert isinstance(status, system_pb2.StatusResponse) and status.socket_path == demo_daemon.socket_path
    assert status.store.last_sequence > 500


def test_keywords_make_the_request(client):
    report = client.waiting_cases(site_id="enclave", limit=5)
    assert report.total > 400 and len(report.cases) == 5
    assert report.cases[0].precedence == records_pb2.Case.URGENT
    assert client.ping(payload=b"\x00\xffx").payload == b"\x00\xffx"
    assert client.get_case(registry_pb2.GetRequest(id="C-000001")).case.id == "C-000001"


def test_corridor_socket_is_used(demo_daemon, monkeypatch):
    monkeypatch.setenv("CORRIDOR_SOCKET", demo_daemon.socket_path)
    with corridor.connect() as c:
        assert c.socket_path == demo_daemon.socket_path and c.status().server_name == "corridord"


def test_not_found(client):
    with pytest.raises(corridor.NotFound) as caught:
        client.get_case(id="C-999999")
    assert caught.value.code == frame_pb2.NOT_FOUND and "C-999999" in caught.value.message


def test_invalid_argument_names_each_field(client):
    with pytest.raises(corridor.InvalidArgument) as caught:
        client.create_list(list={"id": "l-bad", "agreement_id": "no-such", "origin_site_id": "enclave", "quota": 0})
    fields = {v.field: v.description for v in caught.value.violations}
    assert {"list.agreement_id", "list.quota"} <= set(fields) and "no-such" in fields["list.agreement_id"]


def test_failed_precondition_names_the_state(client):
    with pytest.raises(corridor.FailedPrecondition) as caught:
        client.submit_list(list_id="l-29-for-29")
    assert caught.value.code == frame_pb2.FAILED_PRECONDITION and "IN_PROGRESS" in caught.value.message


def test_unimplemented_method(client):
    with pytest.raises(corridor.Unimplemented):
        client.call("/corridor.v1.Nope/Nothing", system_pb2.PingRequest(), system_pb2.PingResponse)


def test_paged_list_follows_the_page_tokens(client):
    pages = client.list_cases(site_id="enclave", limit=100)
    first = pages.first_page
    assert len(first.cases) == 100 and first.next_page_token
    ids = [view.case.id for view in pages]
    assert len(ids) == len(set(ids)) == first.total > 100


def test_a_refused_paged_list_raises_at_the_call(client):
    with pytest.raises(corridor.InvalidArgument) as caught:
        client.list_cases(limit=20000)
    assert [v.field for v in caught.value.violations] == ["limit"]


def test_watch_resumes_from_a_sequence(client):
    with client.watch(from_sequence=1) as events:
        first = [next(events).sequence for _ in range(3)]
        resume = events.next_sequence
    assert first == [1, 2, 3] and resume == 4
    with client.watch(from_sequence=resume) as events:
        assert next(events).sequence == 4


def test_watch_sees_a_new_event_and_cancel_ends_it(client, demo_daemon):
    start = client.status().store.last_sequence + 1
    events = client.watch(from_sequence=start, kinds=["case"])
    seen = []
    done = threading.Event()

    def read():
        for event in events:
            seen.append(event)
            if event.event.WhichOneof("kind") == "case_status_changed":
                done.set()
        done.set()
    reader = threading.Thread(target=read)
    reader.start()
    with corridor.connect(socket=demo_daemon.socket_path) as other:
        waiting = other.waiting_cases(site_id="enclave", limit=1000).cases[-1].case_id
        other.set_case_status(case_id=waiting, status=records_pb2.Case.WITHDRAWN, date=today(),
                              reason="left the enclave on their own")
    assert done.wait(60), "no case_status_changed event came"
    events.cancel()
    reader.join(60)
    assert not reader.is_alive()
    change = seen[-1].event.case_status_changed
    assert seen[-1].sequence >= start and change.case_id == waiting and change.to == records_pb2.Case.WITHDRAWN


def test_deadline(client):
    # Health.Watch never ends by itself: only its deadline ends it.
    with pytest.raises(corridor.DeadlineExceeded):
        for _ in client.health_watch(timeout=0.2):
            pass


def test_cancel_a_started_call(client):
    from corridor.v1 import health_pb2
    call = client.start("/corridor.v1.Health/Watch", health_pb2.HealthCheckRequest(), health_pb2.HealthCheckResponse,
                        timeout=None)
    watch = corridor.Watch(call)
    assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
    call.cancel()
    assert list(watch) == []
    assert call.done and client.ping(payload=b"after").payload == b"after"


def test_closing_the_client_ends_a_watch_quietly(demo_daemon):
    c = corridor.connect(socket=demo_daemon.socket_path)
    watch = c.health_watch()
    next(watch)
    c.close()
    assert list(watch) == []
    with pytest.raises(corridor.CorridorError):
        c.status()


def test_calls_from_threads_share_the_connection(client):
    results = {}

    def ping(i):
        results[i] = client.ping(payload=bytes([i])).payload
    threads = [threading.Thread(target=ping, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == {i: bytes([i]) for i in range(16)}


def test_closing_the_client_fails_a_unary_call_waiting_as_cancelled(demo_daemon):
    from corridor.v1 import health_pb2
    c = corridor.connect(socket=demo_daemon.socket_path)
    # A call that will not answer by itself: a watch read as if it were unary.
    call = c.start("/corridor.v1.Health/Watch", health_pb2.HealthCheckRequest(), health_pb2.HealthCheckResponse,
                   timeout=None)
    assert call._next().status == health_pb2.HealthCheckResponse.SERVING
    c.close()
    with pytest.raises(corridor.Cancelled, match="client was closed"):
        call.result()
