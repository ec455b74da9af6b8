"""Records as tables: ``to_rows`` (plain dicts), ``to_dataframe`` (pandas) and
``to_hxl`` (a libhxl Dataset) for cases, lists (one row per entry),
movements (one row per cargo line or passenger) and figures, with the
headers and HXL hashtags of ``corridorctl export`` (docs/hxl/README.md;
Sources/CorridorExport). Any other message (a WaitingCasesRow, an
AuditRecord, …) becomes one row per message, a column per field.

pandas and libhxl are optional (``pip install ./clients/python[pandas,hxl]``)
and imported only when a table is asked for."""

from __future__ import annotations

import datetime
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from corridor._descriptors import is_repeated
from corridor.v1 import figures_pb2, lists_pb2, movements_pb2, records_pb2, registry_pb2

Column = Tuple[str, str]  # (header people read, HXL hashtag)
Row = Dict[str, Any]  # hashtag → value (int for numbers, str otherwise, None when empty)

CASE_COLUMNS: List[Column] = [
    ("Case ID", "#meta+id"), ("Site", "#loc+code"), ("Origin site", "#loc+code+origin"),
    ("Status", "#status"), ("Status date", "#date+status"), ("Precedence", "#indicator+precedence"),
    ("Age (months)", "#indicator+num+age_months"), ("Age (years)", "#indicator+num+age_years"),
    ("Age group", "#indicator+age_group"), ("Sex", "#indicator+sex"), ("Pregnant", "#indicator+pregnant"),
    ("Conditions", "#indicator+conditions"), ("Needs", "#indicator+needs"), ("Consent", "#indicator+consent"),
    ("Companions", "#meta+companions"), ("Registered", "#date+registered"),
    ("Registered in the field", "#date+registered+field"), ("Days waiting", "#indicator+num+days_waiting"),
]

LIST_COLUMNS: List[Column] = [
    ("List ID", "#meta+id"), ("Title", "#meta+name"), ("Agreement", "#meta+agreement"),
    ("Origin site", "#loc+code+origin"), ("List status", "#status+list"), ("Version", "#meta+num+version"),
    ("Policy", "#meta+policy"), ("Quota", "#targeted"), ("Companions count", "#meta+companions_count"),
    ("Rank", "#indicator+num+rank"), ("Case ID", "#meta+case"), ("Entry state", "#status+entry"),
    ("Explanation", "#description+explanation"), ("Companions", "#meta+companions"),
    ("Companions who left", "#meta+companions+left"), ("Struck by", "#org+code+struck_by"),
    ("Entry reason", "#description+reason"), ("Added in version", "#meta+num+added_in_version"),
]

MOVEMENT_COLUMNS: List[Column] = [
    ("Movement ID", "#meta+id"), ("Kind", "#meta+type"), ("Status", "#status"), ("Agreement", "#meta+agreement"),
    ("List", "#meta+list"), ("Origin", "#loc+code+origin"), ("Crossing", "#loc+code+crossing"),
    ("Destination", "#loc+code+destination"), ("Vehicles", "#meta+vehicles"),
    ("Planned departure", "#date+start+planned"), ("Departed", "#date+start"), ("Arrived", "#date+end"),
    ("Completed", "#date+completed"), ("Cargo line", "#item+code"), ("Item", "#item+name"),
    ("Category", "#item+type"), ("Unit", "#item+unit"), ("Planned quantity", "#item+num+planned"),
    ("Removed quantity", "#item+num+removed"), ("Delivered quantity", "#item+num+delivered"),
    ("People served", "#targeted"), ("Removed by", "#org+code+removed_by"),
    ("Removal stage", "#meta+removal_stage"), ("Removal site", "#loc+code+removal"),
    ("Removal reason", "#description+removal"), ("Removed at", "#date+removal"), ("Case ID", "#meta+case"),
    ("On manifest", "#status+passenger"), ("Companion of", "#meta+case+companion_of"),
    ("Companions left behind", "#meta+companions+left"), ("Incidents", "#indicator+num+incidents"),
    ("Departure override", "#description+override"),
]

F = figures_pb2.Figure
MEASURE_COLUMNS: List[Tuple[int, Column]] = [
    (F.KILLED, ("Killed", "#affected+killed")), (F.INJURED, ("Injured", "#affected+injured")),
    (F.POPULATION, ("Population", "#population")), (F.CHILDREN, ("Children", "#population+children")),
    (F.TRAPPED, ("Trapped", "#affected+trapped")),
    (F.NEEDING_EVACUATION, ("Needing evacuation", "#inneed+evacuation")),
    (F.EVACUATED, ("Evacuated", "#reached+evacuated")),
    (F.DETAINEES_RELEASED, ("Detainees released", "#reached+detainees_released")),
    (F.DIED_WHILE_WAITING, ("Died while waiting", "#affected+killed+waiting")),
    (F.PEOPLE_SERVED, ("People served", "#reached+served")), (F.FIGHTERS, ("Fighters", "#population+fighters")),
    (F.FAMILIES, ("Families", "#population+families")),
    (F.WOUNDED_EVACUATED, ("Wounded evacuated", "#reached+evacuated+wounded")),
    (F.BODIES_RECOVERED, ("Bodies recovered", "#affected+bodies_recovered")),
]

FIGURE_COLUMNS: List[Column] = [
    ("Figure ID", "#meta+id"), ("Source", "#meta+source"), ("Subject kind", "#meta+subject+type"),
    ("Subject", "#meta+subject"), ("Site", "#loc+code"), ("Measure", "#indicator+measure"),
    ("Low", "#indicator+num+low"), ("High", "#indicator+num+high"), ("Qualifier", "#indicator+qualifier"),
    ("As reported", "#meta+reported_value"), ("As of", "#date"), ("As of (end)", "#date+end"),
    ("Reported in", "#meta+reported_in"), ("Note", "#description"), ("Recorded", "#date+recorded"),
] + [column for _, (header, tag) in MEASURE_COLUMNS
     for column in ((f"{header} (exact)", tag), (f"{header} (at least)", tag + "+min"),
                    (f"{header} (at most)", tag + "+max"))]


def _enum_type(message: Message, field: str) -> Any:
    descriptor = message.DESCRIPTOR.fields_by_name[field].enum_type
    assert descriptor is not None, f"{field} is not an enum field"  # the callers name enum fields only
    return descriptor


def _enum(message: Message, field: str) -> str:
    descriptor = _enum_type(message, field)
    value = getattr(message, field)
    entry = descriptor.values_by_number.get(value)
    return entry.name if entry is not None else str(value)


def _enums(message: Message, field: str) -> str:
    descriptor = _enum_type(message, field)
    return " ".join(descriptor.values_by_number[v].name if v in descriptor.values_by_number else str(v)
                    for v in getattr(message, field))


def _time(ms: int) -> Optional[str]:
    """ISO 8601 in UTC, as the exports write it (milliseconds only when not 0)."""
    if ms == 0:
        return None
    moment = datetime.datetime.fromtimestamp(ms // 1000, tz=datetime.timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if ms % 1000:
        text += f".{ms % 1000:03d}"
    return text + "Z"


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _text(value: str) -> Optional[str]:
    return value or None


def _age_group(months: int) -> str:
    if months < 12:
        return "infant"
    if months < 18 * 12:
        return "child"
    if months < 65 * 12:
        return "adult"
    return "elderly"


def case_rows(view: Union[registry_pb2.CaseView, records_pb2.Case]) -> List[Row]:
    if isinstance(view, records_pb2.Case):
        record, days = view, None
    else:
        if not view.HasField("case"):
            return []
        record, days = getattr(view, "case"), view.days_waiting
    waiting = record.status in (records_pb2.Case.WAITING, records_pb2.Case.LISTED)
    return [{
        "#meta+id": record.id, "#loc+code": _text(record.site_id), "#loc+code+origin": _text(record.origin_site_id),
        "#status": _enum(record, "status"), "#date+status": _text(record.status_date),
        "#indicator+precedence": _enum(record, "precedence"),
        "#indicator+num+age_months": record.age_months, "#indicator+num+age_years": record.age_months // 12,
        "#indicator+age_group": _age_group(record.age_months), "#indicator+sex": _enum(record, "sex"),
        "#indicator+pregnant": _yes(record.pregnant), "#indicator+conditions": _text(_enums(record, "conditions")),
        "#indicator+needs": _text(_enums(record, "needs")), "#indicator+consent": _yes(record.consent_given),
        "#meta+companions": _text(" ".join(record.companion_ids)),
        "#date+registered": _time(record.registered_at_ms),
        "#date+registered+field": _text(record.field_registered_on),
        "#indicator+num+days_waiting": days if waiting and days is not None else None,
    }]


def list_rows(summary: Union[lists_pb2.ListSummary, lists_pb2.EvacuationList]) -> List[Row]:
    if isinstance(summary, lists_pb2.EvacuationList):
        lst = summary
    else:
        if not summary.HasField("list"):
            return []
        lst = getattr(summary, "list")
    common: Row = {
        "#meta+id": lst.id, "#meta+name": _text(lst.title), "#meta+agreement": _text(lst.agreement_id),
        "#loc+code+origin": _text(lst.origin_site_id), "#status+list": _enum(lst, "status"),
        "#meta+num+version": lst.version, "#meta+policy": _text(lst.policy_version), "#targeted": lst.quota,
        "#meta+companions_count": _yes(lst.companions_count),
    }
    if not lst.entries:
        return [dict(common)]
    rows = []
    for entry in lst.entries:
        row = dict(common)
        row.update({
            "#indicator+num+rank": entry.rank, "#meta+case": entry.case_id, "#status+entry": _enum(entry, "state"),
            "#description+explanation": _text(entry.explanation),
            "#meta+companions": _text(" ".join(entry.companion_ids)),
            "#meta+companions+left": _text(" ".join(left.case_id for left in entry.companions_left)),
            "#org+code+struck_by": _text(entry.struck_by), "#description+reason": _text(entry.reason),
            "#meta+num+added_in_version": entry.added_in_version or None,
        })
        rows.append(row)
    return rows


def movement_rows(movement: movements_pb2.Movement) -> List[Row]:
    M = movements_pb2.Movement
    common: Row = {
        "#meta+id": movement.id, "#meta+type": _enum(movement, "kind"), "#status": _enum(movement, "status"),
        "#meta+agreement": _text(movement.agreement_id), "#meta+list": _text(movement.list_id),
        "#loc+code+origin": _text(movement.origin_site_id), "#loc+code+crossing": _text(movement.crossing_site_id),
        "#loc+code+destination": _text(" ".join(movement.destination_site_ids)),
        "#meta+vehicles": _text("; ".join(f"{v.count} {M.VehicleKind.Name(v.kind)}" for v in movement.vehicles)),
        "#date+start+planned": _time(movement.planned_departure_ms), "#date+start": _time(movement.departed_at_ms),
        "#date+end": _time(movement.arrived_at_ms), "#date+completed": _time(movement.completed_at_ms),
        "#indicator+num+incidents": len(movement.incidents),
        "#description+override": _text(movement.departure_override),
    }
    rows: List[Row] = []
    for line in movement.cargo:
        removals = [r for r in movement.removals if r.line_id == line.id]
        parties: List[str] = []
        for removal in removals:
            if removal.party_id not in parties:
                parties.append(removal.party_id)
        row = dict(common)
        row.update({
            "#item+code": line.id, "#item+name": _text(line.item), "#item+type": _enum(line, "category"),
            "#item+unit": _text(line.unit), "#item+num+planned": line.quantity, "#item+num+removed": line.removed,
            "#item+num+delivered": line.delivered if line.delivery_recorded else None,
            "#targeted": line.people_served, "#org+code+removed_by": _text(" ".join(parties)),
            "#meta+removal_stage": _text("; ".join(M.RemovalStage.Name(r.stage) for r in removals)),
            "#loc+code+removal": _text("; ".join(r.site_id for r in removals if r.site_id)),
            "#description+removal": _text("; ".join(r.reason for r in removals if r.reason)),
            "#date+removal": _time(max((r.at_ms for r in removals), default=0)),
        })
        rows.append(row)
    for passenger in movement.passengers:
        row = dict(common)
        row.update({
            "#loc+code+destination": passenger.destination_site_id or common["#loc+code+destination"],
            "#meta+case": passenger.case_id, "#status+passenger": "REMOVED" if passenger.removed else "ON_MANIFEST",
            "#meta+case+companion_of": _text(passenger.companion_of),
            "#meta+companions+left": _text(" ".join(passenger.companions_left)),
        })
        rows.append(row)
    return rows or [dict(common)]


def reported_value(figure: figures_pb2.Figure) -> str:
    """"600", "400-600", "almost 600", "about 400-600"."""
    number = f"{figure.low}" if figure.low == figure.high else f"{figure.low}-{figure.high}"
    if figure.qualifier in (F.EXACT, F.QUALIFIER_UNSPECIFIED):
        return number
    return F.Qualifier.Name(figure.qualifier).lower().replace("_", " ") + " " + number


def figure_rows(figure: figures_pb2.Figure) -> List[Row]:
    row: Row = {
        "#meta+id": figure.id, "#meta+source": _text(" ".join(figure.source_party_ids) or figure.source_party_id),
        "#meta+subject+type": _enum(figure, "subject_kind"), "#meta+subject": _text(figure.subject_id),
        "#loc+code": figure.subject_id if figure.subject_kind == F.SITE and figure.subject_id else None,
        "#indicator+measure": _enum(figure, "measure"), "#indicator+num+low": figure.low,
        "#indicator+num+high": figure.high, "#indicator+qualifier": _enum(figure, "qualifier"),
        "#meta+reported_value": reported_value(figure), "#date": _text(figure.as_of),
        "#date+end": _text(figure.as_of_end), "#meta+reported_in": _text(figure.reported_in),
        "#description": _text(figure.note), "#date+recorded": _time(figure.recorded_at_ms),
    }
    tag = next((t for measure, (_, t) in MEASURE_COLUMNS if measure == figure.measure), None)
    if tag is not None:
        q = figure.qualifier
        if q in (F.EXACT, F.QUALIFIER_UNSPECIFIED):
            if figure.low == figure.high:
                row[tag] = figure.low
            else:
                row[tag + "+min"], row[tag + "+max"] = figure.low, figure.high
        elif q in (F.AT_LEAST, F.MORE_THAN):
            row[tag + "+min"] = figure.low
        elif q in (F.UP_TO, F.ALMOST):
            row[tag + "+max"] = figure.high
    return [row]


_KINDS: List[Tuple[Tuple[type, ...], str, List[Column], Callable[[Any], List[Row]]]] = [
    ((registry_pb2.CaseView, records_pb2.Case), "cases", CASE_COLUMNS, case_rows),
    ((lists_pb2.ListSummary, lists_pb2.EvacuationList), "lists", LIST_COLUMNS, list_rows),
    ((movements_pb2.Movement,), "movements", MOVEMENT_COLUMNS, movement_rows),
    ((figures_pb2.Figure,), "figures", FIGURE_COLUMNS, figure_rows),
]


def _records(source: Any) -> List[Message]:
    """The records a value holds: a record, a response whose first repeated
    message field holds them (ListCasesResponse.cases,
    CompareFiguresResponse.claims, …), a SelectListResponse's list, or an
    iterable of records (such as a paged list)."""
    if isinstance(source, Message):
        if any(isinstance(source, types) for types, _, _, _ in _KINDS):
            return [source]
        if isinstance(source, lists_pb2.SelectListResponse):
            return [getattr(source, "list")]
        for field in source.DESCRIPTOR.fields:
            if is_repeated(field) and field.message_type is not None:
                return list(getattr(source, field.name))
        return [source]
    return list(source)


def _kind_of(records: Sequence[Message]) -> Optional[Tuple[str, List[Column], Callable[[Any], List[Row]]]]:
    if not records:
        return None
    for types, kind, columns, rows in _KINDS:
        if all(isinstance(r, types) for r in records):
            return kind, columns, rows
    return None


def _generic_row(message: Message) -> Dict[str, Any]:
    """One column per field (nested messages flattened with dots), enums by
    name, repeated scalars space-separated."""
    row: Dict[str, Any] = {}

    def walk(m: Message, prefix: str) -> None:
        for field in m.DESCRIPTOR.fields:
            name = prefix + field.name
            value = getattr(m, field.name)
            if is_repeated(field):
                if field.message_type is not None:
                    row[name] = len(value)
                elif field.enum_type is not None:
                    row[name] = " ".join(field.enum_type.values_by_number[v].name
                                         if v in field.enum_type.values_by_number else str(v) for v in value)
                else:
                    row[name] = " ".join(str(v) for v in value)
            elif field.message_type is not None:
                walk(value, name + ".")
            elif field.enum_type is not None:
                entry = field.enum_type.values_by_number.get(value)
                row[name] = entry.name if entry is not None else value
            else:
                row[name] = value
    walk(message, "")
    return row


def to_rows(source: Any) -> Tuple[List[Column], List[Row]]:
    """(columns, rows) for cases, lists, movements or figures (rows keyed by
    hashtag), or for any other message (columns are field names, twice)."""
    records = _records(source)
    kind = _kind_of(records)
    if kind is None:
        rows = [_generic_row(r) for r in records]
        names: List[str] = []
        for row in rows:
            names.extend(n for n in row if n not in names)
        return [(n, n) for n in names], rows
    _, columns, make = kind
    out: List[Row] = []
    for record in records:
        out.extend(make(record))
    return columns, out


def to_dataframe(source: Any) -> Any:
    """A pandas DataFrame: for cases, lists (one row per entry), movements
    (one row per cargo line or passenger) and figures, the export's columns
    under their headers ("Case ID", "Days waiting"); for any other message a
    column per field. Numbers are numbers, missing values NA."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("corridor.to_dataframe needs pandas: pip install 'corridor[pandas]' "
                          "(or pip install pandas)") from None
    columns, rows = to_rows(source)
    headers = [header for header, _ in columns]
    table = pd.DataFrame([[row.get(tag) for _, tag in columns] for row in rows], columns=headers)
    for index, (_, tag) in enumerate(columns):
        if _numeric(tag):
            table.isetitem(index, pd.array(table.iloc[:, index], dtype="Int64"))
    return table


_MEASURE_TAGS = {tag + end for _, (_, tag) in MEASURE_COLUMNS for end in ("", "+min", "+max")}


def _numeric(tag: str) -> bool:
    return "+num" in tag or tag == "#targeted" or tag in _MEASURE_TAGS


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A cell as the HXL export writes it: whitespace runs as one space, and
    text a spreadsheet would run as a formula behind an apostrophe (numbers
    such as -12 left alone)."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = " ".join(str(value).split())
    if text.startswith(_FORMULA_STARTS):
        body = text[1:] if text[0] in "+-" else None
        if body is None or not body.replace(".", "", 1).isdigit() or body.startswith(".") or body.endswith("."):
            return "'" + text
    return text


def to_hxl(source: Any) -> Any:
    """A libhxl Dataset (``hxl.data``) with the export's header row and
    hashtag row: filter, validate or write it with libhxl
    (``dataset.gen_csv()``)."""
    try:
        import hxl
    except ImportError:
        raise ImportError("corridor.to_hxl needs libhxl: pip install 'corridor[hxl]' "
                          "(or pip install libhxl)") from None
    columns, rows = to_rows(source)
    if _kind_of(_records(source)) is None:
        raise TypeError("to_hxl takes cases, lists, movements or figures (or a response holding them)")
    table: List[List[str]] = [[h for h, _ in columns], [t for _, t in columns]]
    for row in rows:
        table.append([_cell(row.get(tag)) for _, tag in columns])
    return hxl.data(table).cache()
