"""to_dataframe and to_hxl for cases, lists, movements and figures: the same
headers, hashtags and cells as `corridorctl export … --format hxl` of the same
daemon, and valid against docs/hxl's schemas by libhxl."""

import csv
import importlib
import io
import os
import subprocess
import sys

import pytest

import corridor
from corridor.v1 import figures_pb2
from conftest import REPO

KINDS = ("cases", "lists", "movements", "figures")


def records(client, kind):
    if kind == "cases":
        return list(client.list_cases(limit=10000))
    if kind == "lists":
        return client.list_lists()
    if kind == "movements":
        return client.list_movements()
    return client.list_figures()


def exported(demo_daemon, kind, tmp_path):
    corridorctl = os.path.join(os.path.dirname(demo_daemon.binary), "corridorctl")
    path = tmp_path / f"{kind}.csv"
    subprocess.run([corridorctl, "export", kind, "--format", "hxl", "--output", str(path),
                    "--socket", demo_daemon.socket_path], check=True, capture_output=True, timeout=120)
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("kind", KINDS)
def test_to_hxl_is_corridorctls_export(client, demo_daemon, kind, tmp_path):
    dataset = corridor.to_hxl(records(client, kind))
    ours = [list(dataset.headers), [c.display_tag for c in dataset.columns]] + [list(r) for r in dataset.values]
    theirs = exported(demo_daemon, kind, tmp_path)
    assert ours[:2] == theirs[:2]
    assert len(ours) > 2 and sorted(ours[2:]) == sorted(theirs[2:])


@pytest.mark.parametrize("kind", KINDS)
def test_to_hxl_passes_the_schema(client, kind, tmp_path):
    sys.path.insert(0, os.path.join(REPO, "Tests", "Interop"))
    hxl_check = importlib.import_module("hxl_check")
    path = tmp_path / f"{kind}.csv"
    path.write_text("".join(corridor.to_hxl(records(client, kind)).gen_csv()), encoding="utf-8")
    problems = [text for severity, text in hxl_check.check(kind, str(path), os.path.join(REPO, "docs", "hxl"))
                if severity == "error"]
    assert problems == []


def test_dataframes_of_the_four(client):
    cases = corridor.to_dataframe(client.list_cases(limit=10000))
    assert cases.shape[0] == client.list_cases(limit=1).first_page.total and "Days waiting" in cases
    assert str(cases["Age (months)"].dtype) == "Int64"
    entries = corridor.to_dataframe(client.list_lists())
    assert (entries["List ID"] == "l-29-for-29").sum() == 29 and entries["Rank"].min() == 1
    movements = corridor.to_dataframe(client.list_movements())
    assert set(movements["Movement ID"]) >= {"m-day-1"} and movements["Case ID"].notna().any()
    figures = corridor.to_dataframe(client.compare_figures(subject_id="enclave",
                                                           measure=figures_pb2.Figure.NEEDING_EVACUATION))
    assert list(figures["As reported"]) == ["about 500"] and figures["Needing evacuation (exact)"].isna().all()


def test_cargo_lines_and_bounds_without_a_daemon():
    from corridor.v1 import movements_pb2
    M = movements_pb2.Movement
    convoy = M(id="m1", kind=M.AID_CONVOY, status=M.DEPARTED,
               cargo=[M.CargoLine(id="flour", item="Flour", category=M.FOOD, quantity=100, unit="bag"),
                      M.CargoLine(id="kits", item="Surgical kits", category=M.MEDICAL, quantity=10, unit="kit")],
               removals=[M.Removal(line_id="kits", quantity=4, party_id="gov", stage=M.CHECKPOINT, at_ms=1000)])
    table = corridor.to_dataframe(convoy)
    assert list(table["Cargo line"]) == ["flour", "kits"]
    assert table["Removed by"].fillna("").tolist() == ["", "gov"]
    assert table["Removal stage"].fillna("").tolist() == ["", "CHECKPOINT"]
    F = figures_pb2.Figure
    at_least = F(id="f1", measure=F.KILLED, low=400, high=400, qualifier=F.AT_LEAST)
    _, rows = corridor.to_rows(at_least)
    assert rows[0]["#affected+killed+min"] == 400 and "#affected+killed" not in rows[0]
    assert rows[0]["#meta+reported_value"] == "at least 400"
    note = F(id="f2", measure=F.KILLED, low=3, high=3, qualifier=F.EXACT, note="=HYPERLINK(\"x\")")
    dataset = corridor.to_hxl(note)
    assert list(dataset.values)[0][dataset.headers.index("Note")] == "'=HYPERLINK(\"x\")"


def test_missing_pandas_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'corridor\[pandas\]'"):
        corridor.to_dataframe(figures_pb2.Figure(id="f"))


def test_any_other_response_is_one_row_per_item(client):
    table = corridor.to_dataframe(client.waiting_cases(site_id="enclave", limit=10))
    assert list(table.columns[:4]) == ["case_id", "site_id", "precedence", "days_waited"]
    assert len(table) == 10 and table["precedence"].iloc[0] == "URGENT"
