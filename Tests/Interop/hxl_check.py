#!/usr/bin/env python3
"""Validates Corridor's HXL-tagged CSV exports with libhxl (PyPI: libhxl).

    python3 Tests/Interop/hxl_check.py [--schemas docs/hxl] KIND=FILE ...

KIND is cases, lists, movements or figures; each FILE is checked against
docs/hxl/schema-KIND.csv and against libhxl's built-in default schema (which
knows, e.g., that #date is a date and #affected a number). It also checks
that libhxl finds the hashtag row and a hashtag for every column. Prints each
error and warning, one line each, and exits 1 if there is any error (2 for a
bad invocation or a missing libhxl).
"""
import argparse
import os
import sys

try:
    import hxl
    import hxl.input
    import hxl.validation
except ImportError:
    print("hxl_check: libhxl is missing: pip install libhxl (or -r Tests/Interop/requirements.txt)", file=sys.stderr)
    sys.exit(2)

KINDS = ("cases", "lists", "movements", "figures")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(path):
    return hxl.data(path, hxl.InputOptions(allow_local=True, encoding="utf-8"))


def check(kind, path, schema_dir):
    problems = []  # (severity, text)
    try:
        dataset = load(path).cache()
        columns = dataset.columns
        headers = dataset.headers
    except Exception as error:  # libhxl found no hashtag row, or could not read the file
        return [("error", f"{path}: libhxl cannot read it as HXL: {error}")]
    for index, column in enumerate(columns):
        if not column.tag:
            problems.append(("error", f"{path}: column {index + 1} ({headers[index] if index < len(headers) else '?'}) has no hashtag"))
    if len(dataset.values) == 0:
        problems.append(("error", f"{path}: no data rows"))

    def report(error):
        severity = (error.rule.severity if error.rule else "error") or "error"
        where = f"row {error.row.source_row_number + 1}" if error.row is not None and error.row.source_row_number is not None else "dataset"
        column = f" {error.column.display_tag}" if error.column is not None else ""
        value = f" value {error.value!r}" if error.value not in (None, "") else ""
        rule = f" [{error.rule.tag_pattern}]" if error.rule else ""
        problems.append((severity, f"{path}: {where}{column}:{value} {error.message}{rule}"))

    schema_path = os.path.join(schema_dir, f"schema-{kind}.csv")
    if not os.path.isfile(schema_path):
        return [("error", f"{path}: no schema {schema_path}")]
    schema = hxl.schema(load(schema_path), callback=report)
    schema.validate(dataset)
    default = hxl.schema(None, callback=report)
    default.validate(dataset)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schemas", default=os.path.join(ROOT, "docs", "hxl"), help="the directory of schema-KIND.csv")
    parser.add_argument("files", nargs="+", metavar="KIND=FILE")
    arguments = parser.parse_args()
    errors = warnings = 0
    for item in arguments.files:
        kind, _, path = item.partition("=")
        if kind not in KINDS or not path:
            print(f"hxl_check: {item!r}: expected KIND=FILE with KIND one of {', '.join(KINDS)}", file=sys.stderr)
            return 2
        problems = check(kind, path, arguments.schemas)
        for severity, text in problems:
            print(f"{severity.upper()}: {text}")
        file_errors = sum(1 for severity, _ in problems if severity == "error")
        errors += file_errors
        warnings += sum(1 for severity, _ in problems if severity == "warning")
        if file_errors == 0:
            print(f"PASS {kind} {path}")
    print(f"hxl_check: {len(arguments.files)} files, {errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
