#!/usr/bin/env python3
"""Every `corridorctl … --json` output, read by Google's json_format.

    python3 Tests/Interop/cli_json_check.py --corridorctl .build/debug/corridorctl \\
        --socket /tmp/cor-x/s.sock --data-dir /tmp/cor-x/data

corridorctl prints one dialect: the proto3 canonical JSON of one generated
message per output (a wire response, or a message of proto/corridor/v1/cli.proto
for what corridorctl builds itself; `watch`, `inspect dump` and `inspect tail`
print one per line; `export … --format json` one document), and, for a command
that fails, one CliError on stderr (ERRORS). Against a daemon
of its own (fresh, so the ids below are free) this runs every command in
COMMANDS, in order, and parses each output with
json_format.Parse(text, message, ignore_unknown_fields=False) into the class
built from protoc's descriptor set of proto/: an unknown field, a wrong type
or a number out of range fails the check.

The table must be complete: `corridorctl --experimental-dump-help` lists every
subcommand and its options, and every one with a --json flag (or
--format json) must be in COMMANDS.

interop_test.py runs this as part of `make test`; alone, it prints one
PASS/FAIL line per check and exits 1 if any failed.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Each: the subcommand path, the arguments after it, the message its --json prints,
# and how: "one" (one message), "lines" (one message per line), "export" (--format
# json instead of --json), "stream" (runs until stopped: the first lines are read).
# Ids: those `demo` loads (parties gov, armed-group, src, icrc, medical-ngo, un;
# sites enclave, capital-hospital-1..3, crossing; agreement a-29-for-29; list
# l-29-for-29; window w-evacuation-days; movement m-day-1), and the *-cli ones made here.
C = "corridor.v1."

# A policy file for `access check` (docs/ACCESS.md); checked offline, never loaded.
ACCESS_POLICY = """\
[users]
amal = "coordinator"
omar = "medical"

[groups]
corridor = "observer"
"""

COMMANDS = [
    (("demo",), [], C + "DemoSummary", "one"),
    (("ping",), ["-c", "3"], C + "PingSummary", "one"),
    (("status",), [], C + "StatusResponse", "one"),
    (("health",), [], C + "HealthView", "one"),
    (("access", "whoami"), [], C + "Caller", "one"),
    (("access", "check"), ["@policy"], C + "AccessCheckReport", "one"),
    # Parties and sites.
    (("party", "add"), ["p-cli", "--short-name", "CLI", "--kind", "ngo", "--alias", "the cli"], C + "Party", "one"),
    (("party", "update"), ["p-cli", "--full-name", "The CLI party"], C + "Party", "one"),
    (("party", "show"), ["p-cli"], C + "Party", "one"),
    (("party", "list"), [], C + "ListPartiesResponse", "one"),
    (("site", "add"), ["s-cli", "--name", "CLI town", "--kind", "city", "--parent", "enclave"], C + "Site", "one"),
    (("site", "update"), ["s-cli", "--name", "CLI city"], C + "Site", "one"),
    (("site", "show"), ["s-cli"], C + "Site", "one"),
    (("site", "list"), [], C + "ListSitesResponse", "one"),
    (("site", "crossing"), ["crossing", "restricted", "--reason", "checks"], C + "Site", "one"),
    # Cases.
    (("case", "register"), ["--site", "s-cli", "--age-years", "40", "--sex", "female", "--precedence", "urgent",
                            "--condition", "heart-disease", "--consent", "yes"], C + "CaseView", "one"),
    (("case", "list"), ["--site", "s-cli"], C + "CaseListPage", "one"),
    (("history",), ["p-cli"], C + "HistoryResponse", "one"),
    (("watch",), ["--from", "1"], C + "WatchedEvent", "stream"),
    # Rules.
    (("rule", "impose"), ["r-cli", "--by", "gov", "--description", "no men of 18 to 55", "--effect", "exclude",
                          "--sex", "male", "--min-age-years", "18", "--max-age-years", "55"], C + "EligibilityRule", "one"),
    (("rule", "show"), ["r-cli"], C + "EligibilityRule", "one"),
    (("rule", "list"), [], C + "ListRulesResponse", "one"),
    (("rule", "lift"), ["r-cli", "--reason", "agreed"], C + "EligibilityRule", "one"),
    # Agreements, lists.
    (("agreement", "record"), ["a-cli", "--title", "CLI deal", "--party", "gov:party", "--party", "armed-group:party",
                               "--term", "evacuations:gov:evacuations:2:two evacuations",
                               "--term", "releases:armed-group:detainee-releases:2:two detainees released"], C + "Agreement", "one"),
    (("agreement", "update"), ["a-cli", "--title", "The CLI deal"], C + "Agreement", "one"),
    (("agreement", "status"), ["a-cli", "agreed", "--date", "2026-11-20"], C + "Agreement", "one"),
    (("agreement", "show"), ["a-cli"], C + "Agreement", "one"),
    (("agreement", "ls"), [], C + "ListAgreementsResponse", "one"),
    (("agreement", "progress"), ["a-29-for-29"], C + "AgreementProgress", "one"),
    (("agreement", "fulfil"), ["a-cli", "releases", "1"], C + "AgreementProgress", "one"),
    (("list", "create"), ["l-cli", "--agreement", "a-cli", "--origin", "enclave", "--quota", "2"], C + "EvacuationList", "one"),
    (("list", "select"), ["l-cli"], C + "SelectListResponse", "one"),
    (("list", "show"), ["l-cli"], C + "ListSummary", "one"),
    (("list", "ls"), [], C + "ListListsResponse", "one"),
    (("list", "version"), ["l-cli", "1"], C + "ListVersion", "one"),
    (("list", "left-out"), ["l-cli"], C + "LeftOutResponse", "one"),
    (("list", "submit"), ["l-cli"], C + "EvacuationList", "one"),
    (("list", "approve"), ["l-cli", "--by", "gov"], C + "EvacuationList", "one"),
    (("list", "approve"), ["l-cli", "--by", "armed-group"], C + "EvacuationList", "one"),
    (("list", "strike"), ["l-cli", "@first", "--by", "armed-group", "--reason", "not agreed"], C + "EvacuationList", "one"),
    (("list", "top-up"), ["l-cli"], C + "EvacuationList", "one"),
    (("list", "diff"), ["l-cli", "1", "2"], C + "DiffListResponse", "one"),
    (("list", "disclose"), ["l-cli", "--to", "gov", "--profile", "vetting", "--output", "@disclosure_file"], C + "ListDisclosure", "one"),
    (("list", "close"), ["l-cli", "--reason", "done"], C + "EvacuationList", "one"),
    # Windows.
    (("window", "announce"), ["w-cli", "--name", "CLI pause", "--kind", "humanitarian-pause", "--site", "enclave",
                              "--by", "gov", "--from", "2026-11-21T08:00", "--until", "2026-11-21T12:00", "--tz", "UTC"],
     C + "AccessWindow", "one"),
    (("window", "show"), ["w-cli"], C + "AccessWindow", "one"),
    (("window", "ls"), [], C + "ListWindowsResponse", "one"),
    (("window", "active"), ["--site", "enclave"], C + "ActiveWindowsResponse", "one"),
    (("window", "status"), ["w-cli", "cancelled", "--reason", "shelling"], C + "AccessWindow", "one"),
    # Movements.
    (("movement", "plan"), ["m-cli", "--kind", "aid-convoy", "--from", "capital-hospital-1", "--crossing", "crossing",
                            "--to", "enclave", "--vehicle", "truck:2", "--cargo", "flour:food:40:tonnes:3000",
                            "--departs", "2026-11-21T10:00", "--tz", "UTC"], C + "Movement", "one"),
    (("movement", "notify"), ["m-cli"], C + "Movement", "one"),
    (("movement", "depart"), ["m-cli", "--override", "late"], C + "Movement", "one"),
    (("movement", "cargo", "remove"), ["m-cli", "--line", "1", "--quantity", "5", "--by", "gov", "--reason", "checks",
                                       "--stage", "checkpoint", "--site", "crossing"], C + "Movement", "one"),
    (("movement", "incident"), ["m-cli", "--kind", "delay", "--description", "queue at the crossing"], C + "Movement", "one"),
    (("movement", "arrive"), ["m-cli"], C + "Movement", "one"),
    (("movement", "deliver"), ["m-cli", "--rest"], C + "Movement", "one"),
    (("movement", "complete"), ["m-cli"], C + "Movement", "one"),
    (("movement", "plan"), ["m-evac-cli", "--kind", "evacuation", "--from", "enclave", "--crossing", "crossing",
                            "--to", "capital-hospital-2", "--list", "l-29-for-29", "--agreement", "a-29-for-29"], C + "Movement", "one"),
    (("movement", "manifest", "add"), ["m-evac-cli", "@listed"], C + "Movement", "one"),
    (("movement", "manifest", "remove"), ["m-evac-cli", "@listed", "--reason", "too ill"], C + "Movement", "one"),
    (("movement", "abort"), ["m-evac-cli", "--reason", "the crossing closed"], C + "Movement", "one"),
    (("movement", "show"), ["m-day-1"], C + "Movement", "one"),
    (("movement", "ls"), [], C + "ListMovementsResponse", "one"),
    # Figures, reports.
    (("figure", "report"), ["--subject-kind", "site", "--subject", "enclave", "--measure", "trapped", "--value", "1000-1200",
                            "--as-of", "2026-11-20", "--source", "un"], C + "Figure", "one"),
    (("figure", "ls"), [], C + "ListFiguresResponse", "one"),
    (("figure", "compare"), ["--subject", "enclave", "--measure", "trapped"], C + "CompareFiguresResponse", "one"),
    (("report", "waiting"), [], C + "WaitingCasesResponse", "one"),
    (("report", "deaths"), [], C + "DeathsWhileWaitingResponse", "one"),
    (("report", "lists"), [], C + "ListListsResponse", "one"),
    (("report", "movements-today"), ["--tz", "UTC"], C + "ListMovementsResponse", "one"),
    (("report", "convoys"), [], C + "ListMovementsResponse", "one"),
    (("case", "update"), ["@case", "--age-years", "41"], C + "CaseView", "one"),
    (("case", "status"), ["@case", "withdrawn", "--reason", "left on their own"], C + "CaseView", "one"),
    (("case", "show"), ["@case"], C + "CaseView", "one"),
    (("case", "break-glass"), ["@case", "--reason", "checking the JSON of a grant", "--for", "10m"], C + "BreakGlassGrant", "one"),
    (("access", "grants"), [], C + "ListBreakGlassGrantsResponse", "one"),
    (("case", "erase"), ["@case", "--reason", "asked by the person"], C + "CaseView", "one"),
    (("import", "cases"), ["@csv", "--dry-run"], C + "ImportCasesResponse", "one"),
    # The audit trail (admin only): the reads of the case above are on it.
    (("audit",), ["--case", "@case", "--kind", "personal-read", "--since", "1d"], C + "ListAuditRecordsResponse", "one"),
    # Exports: --format json.
    (("export", "cases"), [], C + "CasesExport", "export"),
    (("export", "lists"), [], C + "ListsExport", "export"),
    (("export", "movements"), [], C + "MovementsExport", "export"),
    (("export", "figures"), [], C + "FiguresExport", "export"),
    # The data directory, read beside the running daemon.
    (("inspect", "verify"), ["@data"], C + "VerifyReport", "one"),
    (("inspect", "stats"), ["@data"], C + "DirectoryStats", "one"),
    (("inspect", "dump"), ["@data"], C + "InspectedRecord", "lines"),
    (("inspect", "tail"), ["@data", "-n", "5"], C + "InspectedRecord", "lines"),
    (("inspect", "audit"), ["@data", "--kind", "personal-read"], C + "ListAuditRecordsResponse", "one"),
]

# Failures: with --json, one corridor.v1.CliError on stderr, nothing on stdout, and
# the exit status of docs/CLI.md (the gRPC code's number; 64 for a command line that
# does not parse). Each: the arguments (after them --json and the socket, "@none" for
# one where nobody listens), the code's name, the exit status, the field at fault or None.
ERRORS = [
    (["party", "show", "no-such-party"], "NOT_FOUND", 5, None),
    (["party", "add", "gov", "--short-name", "Government", "--kind", "government"], "ALREADY_EXISTS", 6, None),
    (["rule", "lift", "r-cli", "--reason", "again"], "FAILED_PRECONDITION", 9, None),
    (["movement", "plan", "m-bad-cli", "--kind", "aid-convoy", "--from", "enclave", "--crossing", "crossing",
      "--to", "capital-hospital-1", "--vehicle", "truck:x"], "INVALID_ARGUMENT", 3, "--vehicle"),
    (["party", "add", "p-bad-cli", "--short-name", "X", "--kind", "nonsense"], "INVALID_ARGUMENT", 64, "--kind"),
    (["case", "break-glass", "C-000001", "--reason", " "], "INVALID_ARGUMENT", 3, "reason"),
    (["status", "@none"], "UNAVAILABLE", 14, None),
    # Only a follower can be promoted (docs/REPLICATION.md); this daemon replicates nothing.
    (["promote"], "FAILED_PRECONDITION", 9, None),
]

# Commands whose --json is checked only by their failure above: what they print on
# success needs a setup this check does not make (a follower, for promote).
CHECKED_BY_FAILURE = {("promote",)}

IMPORT_CSV = "site,age_years,sex,precedence,consent\ns-cli,30,male,routine,yes\n"


def commands_with_json(corridorctl):
    """Every subcommand path whose options include --json (or --format), from the dump."""
    dump = json.loads(subprocess.run([corridorctl, "--experimental-dump-help"], capture_output=True, text=True,
                                     check=True, timeout=60).stdout)
    found = set()

    def walk(command, path):
        names = set()
        for argument in command.get("arguments", []) or []:
            for name in argument.get("names", []) or []:
                if name.get("kind") == "long":
                    names.add(name.get("name"))
        if "json" in names or ("format" in names and path and path[0] == "export"):
            found.add(tuple(path))
        for sub in command.get("subcommands", []) or []:
            walk(sub, path + [sub["commandName"]])

    walk(dump["command"], [])
    return found


def run(check, corridorctl, socket_path, data_dir, classes, workdir):
    from google.protobuf import json_format

    listed = commands_with_json(corridorctl)
    tabled = {path for path, _, _, _ in COMMANDS}
    missing_failures = sorted(" ".join(p) for p in CHECKED_BY_FAILURE if not any(tuple(a[:len(p)]) == p for a, _, _, _ in ERRORS))
    check("CLI JSON: every command checked by its failure has one", not missing_failures, ", ".join(missing_failures))
    tabled |= CHECKED_BY_FAILURE
    missing = sorted(" ".join(p) for p in listed - tabled)
    check(f"CLI JSON: the table covers every subcommand with --json ({len(listed)})", not missing,
          "not in COMMANDS: " + ", ".join(missing))
    stale = sorted(" ".join(p) for p in tabled - listed)
    check("CLI JSON: every command in the table has --json", not stale, "no --json: " + ", ".join(stale))

    csv_path = os.path.join(workdir, "import.csv")
    with open(csv_path, "w") as f:
        f.write(IMPORT_CSV)
    policy_path = os.path.join(workdir, "access.toml")
    with open(policy_path, "w") as f:
        f.write(ACCESS_POLICY)
    state = {"case": None, "first": None, "listed": None, "disclosure_file": os.path.join(workdir, "disclosure.json")}
    env = dict(os.environ)
    env.pop("CORRIDOR_SOCKET", None)

    def resolve(argument):
        if argument == "@data":
            return data_dir
        if argument == "@csv":
            return csv_path
        if argument == "@policy":
            return policy_path
        if argument.startswith("@"):
            value = state.get(argument[1:])
            if value is None:
                raise RuntimeError(f"{argument} is not known yet")
            return value
        return argument

    def parse(text, name):
        message = classes(name)()
        json_format.Parse(text, message, ignore_unknown_fields=False)
        return message

    for path, arguments, name, how in COMMANDS:
        label = "corridorctl " + " ".join(path)
        try:
            argv = [corridorctl] + list(path) + [resolve(a) for a in arguments]
            if path[0] != "inspect" and path[:2] != ("access", "check"):
                argv += ["--socket", socket_path]
            argv += ["--format", "json"] if how == "export" else ["--json"]
            if how == "stream":
                process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                lines = []
                deadline = time.monotonic() + 20
                while len(lines) < 5 and time.monotonic() < deadline:
                    line = process.stdout.readline()
                    if not line:
                        break
                    lines.append(line)
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                if not check(f"CLI JSON: {label} prints lines", len(lines) == 5, f"{len(lines)} lines; stderr {process.stderr.read()[:300]}"):
                    continue
                for line in lines:
                    parse(line, name)
                check(f"CLI JSON: {label} --json parses as {name} per line", True)
                continue
            result = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)
            # verify exits 1 for a damaged directory and health 1 when not serving; the output is what is checked.
            if not check(f"CLI JSON: {label} runs", result.returncode == 0,
                         f"exit {result.returncode}: {result.stderr.strip()[:400]}"):
                continue
            if how == "lines":
                lines = [line for line in result.stdout.splitlines() if line.strip()]
                for line in lines:
                    parse(line, name)
                check(f"CLI JSON: {label} --json parses as {name} per line ({len(lines)})", len(lines) > 0, "no lines")
                continue
            message = parse(result.stdout, name)
            check(f"CLI JSON: {label} {'--format json' if how == 'export' else '--json'} parses as {name}", True)
            if path == ("case", "register"):
                state["case"] = message.case.id
            if path == ("list", "select"):
                entries = list(message.list.entries)
                state["first"] = entries[0].case_id if entries else None
            if path == ("demo",):
                state["listed"] = message.listed[-1] if message.listed else None
        except json_format.ParseError as e:
            check(f"CLI JSON: {label} --json parses as {name}", False, str(e)[:400])
        except Exception as e:  # noqa: BLE001
            check(f"CLI JSON: {label} --json parses as {name}", False, f"{type(e).__name__}: {e}")

    for arguments, code, status, field in ERRORS:
        words = [a for a in arguments if a != "@none"]
        label = "corridorctl " + " ".join(words[:2])
        socket = os.path.join(workdir, "nobody.sock") if "@none" in arguments else socket_path
        try:
            result = subprocess.run([corridorctl] + words + ["--json", "--socket", socket],
                                    capture_output=True, text=True, timeout=120, env=env)
            error = parse(result.stderr, C + "CliError")
            name = error.DESCRIPTOR.fields_by_name["code"].enum_type.values_by_number[error.code].name
            fields = [v.field for v in error.field_violations]
            check(f"CLI JSON: {label} fails as a CliError {code}, exit status {status}",
                  name == code and error.code_number == error.code and result.returncode == status
                  and result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
                  and (field is None or field in fields),
                  f"exit {result.returncode}, {name} {error.code_number}, fields {fields}, stdout {result.stdout[:100]!r}")
        except json_format.ParseError as e:
            check(f"CLI JSON: {label} fails as a CliError", False, f"{e}; stderr {result.stderr[:300]!r}")
        except Exception as e:  # noqa: BLE001
            check(f"CLI JSON: {label} fails as a CliError", False, f"{type(e).__name__}: {e}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corridorctl", default=os.path.join(REPO, ".build", "debug", "corridorctl"))
    ap.add_argument("--socket", required=True)
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--protoc", default=os.environ.get("PROTOC", "protoc"))
    args = ap.parse_args()
    results = []

    def check(name, ok, detail=""):
        results.append(bool(ok))
        print(("PASS " if ok else "FAIL ") + name + (": " + detail if detail and not ok else ""), flush=True)
        return bool(ok)

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import json_check
    with tempfile.TemporaryDirectory(prefix="cor-cli-") as workdir:
        classes = json_check.message_classes(args.protoc, workdir)
        run(check, os.path.abspath(args.corridorctl), args.socket, args.data_dir, classes, workdir)
    print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
