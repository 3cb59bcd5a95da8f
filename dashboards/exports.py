"""Exports of the commitment list: CSV, JSON and the 台账 workbook (xlsx), one row per commitment."""

import csv
import datetime
import json
import re
import tempfile

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from commitments.account import OUTCOMES, account
from commitments.status import Signal, Status

# Rows read from the database at a time.
EXPORT_CHUNK = 2000
# Rows per piece of a streamed export: one write per row made a filtered export 20 % slower.
EXPORT_BLOCK = 500
# machine name (?keys=en, JSON): the header in the UI language
FIELDS = {
    "id": _("编号"),
    "title": _("承诺"),
    "plan": _("规划"),
    "department": _("部门"),
    "official": _("负责人"),
    "themes": _("主题"),
    "goals": _("五个中心"),
    "status": _("状态代码"),
    "status_label": _("状态"),
    "progress": _("进度（%）"),
    "expected_progress": _("序时进度（%）"),
    "schedule_lag": _("落后序时进度（百分点）"),
    "due_date": _("截止日期"),
    "last_reported_on": _("最近报告日期"),
    "signal": _("督办信号代码"),
    "signal_label": _("督办信号"),
    "targets": _("量化目标与时限"),
    "quote": _("原文"),
    "latest_note": _("最新进展说明"),
    "evidence_url": _("佐证链接"),
    "url": _("链接"),
}
LISTS = {"themes", "goals", "targets"}
PERCENTAGES = {"progress", "expected_progress"}
DATES = {"due_date", "last_reported_on"}
LINKS = {"url", "evidence_url"}
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, made inert by a leading apostrophe.

    Every spreadsheet export (CSV, xlsx) passes each text cell through here; JSON carries the
    text as it is, for programs rather than spreadsheets."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def rows(request, commitments, chunk_size=EXPORT_CHUNK):
    """Each commitment of `with_signal().with_schedule()` as a dict of FIELDS, in the list's
    order; lists stay lists and dates dates, for each format to render."""
    statuses, signals = dict(Status.choices), dict(Signal.choices)
    # Reversed once around a stand-in id: reversing for every row took a third of the export.
    url_head, url_tail = request.build_absolute_uri(
        reverse("commitments:detail", args=[0])
    ).rsplit("/0/", 1)
    for row in commitments.export_rows(chunk_size):
        titles = "、".join(row["official__titles"] or [])
        yield {
            "id": row["id"],
            "title": row["title"],
            "plan": row["article__plan__name"] or "",
            "department": row["department__name"],
            "official": f"{titles}{row['official__name'] or ''}",
            "themes": row["theme_names"],
            "goals": row["goal_names"],
            "status": row["status"],
            "status_label": str(statuses[row["status"]]),
            "progress": row["progress"],
            "expected_progress": row["expected_progress"],
            "schedule_lag": row["schedule_lag"],
            "due_date": as_date(row["due_date"]),
            "last_reported_on": as_date(row["last_reported_on"]),
            "signal": row["signal"],
            "signal_label": str(signals[row["signal"]]),
            "targets": row["target_texts"],
            "quote": row["text"],
            "latest_note": row["latest_note"] or "",
            "evidence_url": row["latest_evidence_url"] or "",
            "url": f"{url_head}/{row['id']}/{url_tail}",
        }


def as_date(value):
    # SQLite hands back a string where the query computed a date.
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def in_blocks(lines, size=EXPORT_BLOCK):
    """The lines joined `size` at a time: gunicorn writes each piece to the socket on its own."""
    block = []
    for line in lines:
        block.append(line)
        if len(block) == size:
            yield "".join(block)
            block = []
    yield "".join(block)


class Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, line):
        return line


def csv_lines(rows, machine_keys=False):
    """A header in the UI language (machine names with `machine_keys`), then a line per row."""
    writer = csv.writer(Echo())
    header = list(FIELDS) if machine_keys else [str(label) for label in FIELDS.values()]
    # A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([neutralise(as_text(key, row[key])) for key in FIELDS])


def as_text(key, value):
    if key in LISTS:
        return ("；" if key == "targets" else "、").join(value)
    if key in DATES:
        return value.isoformat() if value else ""
    return value


def json_lines(rows):
    """{"results": [...], "count": n}, a row at a time: the count comes last, once known."""
    yield '{"results": ['
    count = 0
    for count, row in enumerate(rows, start=1):
        yield ("" if count == 1 else ",") + json.dumps(as_json(row), ensure_ascii=False)
    yield f'], "count": {count}}}'


def as_json(row):
    return {
        key: value.isoformat() if key in DATES and value else value for key, value in row.items()
    }


# The longest text a HYPERLINK formula's argument may hold.
HYPERLINK_LENGTH = 255


def hyperlink(url):
    """A link cell: a HYPERLINK formula, whose quotes are doubled so that the URL stays a string.

    Not a cell hyperlink: openpyxl keeps every one of those in memory until the sheet is closed,
    150 MB at 100,000 rows; formulas are written as they come. Other text stays inert text.
    """
    if not url.startswith(("http://", "https://")) or len(url) > HYPERLINK_LENGTH:
        return neutralise(url)
    quoted = url.replace('"', '""')
    return f'=HYPERLINK("{quoted}","{quoted}")'


# Characters a worksheet's name may not hold, and its longest length.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31


def xlsx_file(rows, commitments, plan_name=""):
    """The 台账 workbook as a temporary file: a summary sheet, then one sheet per department.

    `rows` must come in department order. openpyxl's write-only mode keeps each sheet in a
    temporary file as it goes, so memory does not follow the number of rows.
    """
    workbook = Workbook(write_only=True)
    totals, departments = account(commitments)
    write_summary(workbook, totals, departments, plan_name)
    sheet, department, count, names = None, None, 0, set()
    for row in rows:
        if row["department"] != department:
            if sheet is not None:
                close_sheet(sheet, count)
            department, count = row["department"], 0
            header = [str(label) for label in FIELDS.values()]
            sheet = new_sheet(workbook, sheet_name(department, names), header)
        sheet.append([xlsx_cell(sheet, key, row[key]) for key in FIELDS])
        count += 1
    if sheet is not None:
        close_sheet(sheet, count)
    output = tempfile.TemporaryFile()
    workbook.save(output)
    output.seek(0)
    return output


def write_summary(workbook, totals, departments, plan_name):
    outcomes = [str(label) for label, _statuses in OUTCOMES.values()]
    header = [_("部门"), _("承诺数"), *outcomes, _("兑现率（%）"), _("平均进度（%）")]
    sheet = new_sheet(workbook, str(_("汇总")), [str(label) for label in header])
    for row in [*departments, {**totals, "department__name": str(_("合计"))}]:
        sheet.append(
            [
                row["department__name"],
                row["total"],
                *(row[name] for name in OUTCOMES),
                row["kept"],
                round(row["mean_progress"] or 0, 1),
            ]
        )
    close_sheet(sheet, len(departments) + 1)
    if plan_name:
        sheet.append([])
        sheet.append([str(_("规划")), plan_name])


def new_sheet(workbook, title, header):
    sheet = workbook.create_sheet(title)
    # The pane and the column widths are written with the sheet's first row: set them before.
    sheet.freeze_panes = "A2"
    sheet.header_width = len(header)
    sheet.append(header)
    return sheet


def close_sheet(sheet, count):
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.header_width)}{count + 1}"


def sheet_name(department, taken):
    name = SHEET_NAME_FORBIDDEN.sub("", department)[:SHEET_NAME_LENGTH] or "-"
    unique, n = name, 2
    while unique in taken:
        suffix = f"({n})"
        unique, n = name[: SHEET_NAME_LENGTH - len(suffix)] + suffix, n + 1
    taken.add(unique)
    return unique


def xlsx_cell(sheet, key, value):
    if key in LINKS:
        return hyperlink(value)
    if key in PERCENTAGES:
        cell = WriteOnlyCell(sheet, value=None if value is None else value / 100)
        cell.number_format = "0%"
        return cell
    if key in DATES:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return neutralise(as_text(key, value))
