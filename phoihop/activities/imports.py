"""Import of activities from an Excel sheet, in the background: all rows or none.

Modelled on pretix's import: the upload becomes an ``ActivityImportJob``; a task reads the file
(``core.spreadsheet``), validates each row with ``ActivityRowForm`` (what a row may name —
kinds, units, programs, areas — is fetched once for the whole file, not per row) and collects
every error with its Excel row number and column header. Only a file without a single error is
written, in one transaction, through ``services.activity_create``.

Progress is written while rows are checked, which is most of the time, in autocommit so that the
page polling the job sees it; the writing itself happens in one transaction, whose progress no
other connection could see before it commits, so the job only says "writing" meanwhile.

Messages are written in Vietnamese on purpose: they quote the sheet's Vietnamese headers.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from phoihop.activities import selectors_excel, services
from phoihop.activities.enums import ActivitySource, OrganizerRole
from phoihop.activities.excel import (
    COLUMNS,
    COST_KEYS,
    HEADER,
    HEADERS,
    PARTNER_SEPARATOR,
    TYPED,
    is_summary_row,
)
from phoihop.activities.models import ActivityKind
from phoihop.activities.models_imports import ActivityImportJob, ImportJobStage, ImportJobStatus
from phoihop.core import spreadsheet
from phoihop.core.audit import log_action
from phoihop.core.exceptions import DomainError
from phoihop.core.jobs import import_quota_check
from phoihop.core.numbers import MAX_AMOUNT, MAX_COUNT
from phoihop.core.spreadsheet import Invalid, Refused, RowError, text
from phoihop.core.text import fold
from phoihop.orgs import area_codes
from phoihop.orgs.models import OrgUnit
from phoihop.orgs.selectors import today
from phoihop.programs.models import Program

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 200  # rows between two progress writes
UNEXPECTED = (
    "Lỗi ngoài dự kiến khi nhập tệp: không nhập hoạt động nào. Hãy thử lại hoặc báo cho quản "
    "trị viên."
)
# DomainError.field of services.activity_create → the column to blame.
_FIELD_COLUMN = {
    "title": "title",
    "ends_on": "ends_on",
    "participants_women": "participants_women",
    "program": "program",
    "organizers": "lead_unit",
}


# Starting a job ---------------------------------------------------------------------------


def activity_import_job_create(
    *, actor: Any, data: bytes, filename: str, dry_run: bool
) -> ActivityImportJob:
    """A pending job holding the uploaded file (run it with ``activity_import_run``)."""
    return ActivityImportJob.objects.create(
        created_by=actor, data=data, filename=Path(filename).name[:255], dry_run=dry_run
    )


def activity_import_start(
    *, actor: Any, data: bytes, filename: str, dry_run: bool
) -> ActivityImportJob:
    """Record the upload as a job and run it in the background.

    Refuses a viewer (``PermissionDenied``) and a user who already has the maximum of unfinished
    jobs (``DomainError``). Side effects: a pending ``ActivityImportJob``; after commit,
    ``task_run_activity_import`` is enqueued.
    """
    from phoihop.activities.tasks import task_run_activity_import  # tasks import this module

    if not actor.has_perm("activities.import_activities"):
        raise PermissionDenied
    import_quota_check(actor)
    job = activity_import_job_create(actor=actor, data=data, filename=filename, dry_run=dry_run)
    transaction.on_commit(lambda: task_run_activity_import.enqueue(job_id=job.pk))
    return job


def activity_import_confirm(*, job: ActivityImportJob, actor: Any) -> ActivityImportJob:
    """Import the file of a successful dry run, without uploading it again.

    Side effects: as ``activity_import_start``.
    """
    if not (job.dry_run and job.status == ImportJobStatus.DONE and not job.errors):
        raise DomainError("Chỉ nhập lại được tệp đã kiểm tra thử và không có lỗi.")
    return activity_import_start(
        actor=actor, data=bytes(job.data), filename=job.filename, dry_run=False
    )


# Running it -------------------------------------------------------------------------------


@dataclass
class RowPlan:
    """A checked row: the keyword arguments of ``services.activity_create``."""

    number: int
    fields: dict[str, Any]


@dataclass
class ImportCheck:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def activity_import_run(job: ActivityImportJob) -> ActivityImportJob:
    """Check every row of the job's file; unless it is a dry run and if no row has an error,
    create all the activities.

    Claims the job (pending → running) first, so a job enqueued twice runs once.
    Side effects: the job's progress and outcome; when written, one activity per row (with its
    organizers and costs) and one audit entry ``phoihop.activity.imported`` on the job, in one
    transaction with the job's final state.
    """
    claimed = ActivityImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.PENDING).update(
        status=ImportJobStatus.RUNNING, stage=ImportJobStage.CHECKING
    )
    if not claimed:
        logger.info("Activity import job %s was already run.", job.pk)
        return job
    job.status, job.stage = ImportJobStatus.RUNNING, ImportJobStage.CHECKING
    try:
        check = activity_import_validate(job)
        if not check.ok:
            _finish(job, ImportJobStatus.FAILED, errors=check.errors)
        elif job.dry_run:
            _finish(job, ImportJobStatus.DONE)
        else:
            _write(job, check)
    except Exception:
        # Whatever went wrong, the page polling this job must stop waiting.
        _finish(job, ImportJobStatus.FAILED, errors=[RowError(0, "", UNEXPECTED)])
        raise
    return job


def activity_import_validate(job: ActivityImportJob) -> ImportCheck:
    """Read and check every row of the job's file, collecting all the errors.

    Side effects: the job's ``total_rows`` and ``processed_rows`` (every PROGRESS_EVERY rows).
    """
    try:
        raw_rows = spreadsheet.read_rows(bytes(job.data), job.filename, COLUMNS, typed=TYPED)
    except Refused as refusal:
        return ImportCheck(errors=[refusal.error])
    raw_rows = [(number, values) for number, values in raw_rows if not is_summary_row(values)]
    if not raw_rows:
        return ImportCheck(errors=[RowError(0, "", "Tệp không có dòng dữ liệu nào.")])
    _update(job, total_rows=len(raw_rows), processed_rows=0)
    lookups = RowLookups(job.created_by, raw_rows)
    source_ref = job.filename[:200]
    check = ImportCheck()
    for index, (number, values) in enumerate(raw_rows, start=1):
        form = ActivityRowForm(values, lookups=lookups)
        if form.is_valid():
            fields = form.service_kwargs()
            fields["source"] = ActivitySource.IMPORTED
            fields["source_ref"] = f"{source_ref}, dòng {number}"
            check.rows.append(RowPlan(number, fields))
        else:
            check.errors.extend(form.row_errors(number))
        if index % PROGRESS_EVERY == 0:
            _update(job, processed_rows=index)
    _update(job, processed_rows=len(raw_rows))
    check.errors = spreadsheet.sorted_errors(check.errors, HEADERS)
    return check


class _RowFailed(Exception):
    def __init__(self, error: RowError) -> None:
        super().__init__(str(error))
        self.error = error


def _write(job: ActivityImportJob, check: ImportCheck) -> None:
    _update(job, stage=ImportJobStage.WRITING)
    actor = job.created_by
    try:
        with transaction.atomic():
            try:
                services.activities_bulk_create(
                    actor=actor, rows=[plan.fields for plan in check.rows]
                )
            except services.RowRefused as exc:  # a rule the form did not foresee
                plan = check.rows[exc.index]
                column = HEADER.get(_FIELD_COLUMN.get(exc.field or "", ""), "")
                raise _RowFailed(RowError(plan.number, column, str(exc))) from exc
            log_action(
                job,
                "phoihop.activity.imported",
                actor=actor,
                data={"file": job.filename, "activities": len(check.rows)},
            )
            _finish(job, ImportJobStatus.DONE, created_count=len(check.rows))
    except _RowFailed as failed:
        _finish(job, ImportJobStatus.FAILED, errors=[failed.error])


def _update(job: ActivityImportJob, **fields: Any) -> None:
    """Save some fields in one UPDATE (in autocommit, the polling page sees it at once)."""
    for name, value in fields.items():
        setattr(job, name, value)
    ActivityImportJob.objects.filter(pk=job.pk).update(**fields)


def _finish(
    job: ActivityImportJob,
    status: str,
    *,
    errors: Sequence[RowError] = (),
    created_count: int = 0,
) -> None:
    _update(
        job,
        status=status,
        stage="",
        errors=[error.as_dict() for error in errors],
        created_count=created_count,
        finished_at=timezone.now(),
    )


# Checking a row ---------------------------------------------------------------------------


class RowLookups:
    """Everything the rows may name, fetched once for the file (a few queries, not per row)."""

    def __init__(self, actor: Any, raw_rows: spreadsheet.Rows) -> None:
        kinds = selectors_excel.kinds_in_use()
        self.kind_names = "; ".join(kind.name for kind in kinds)
        self.kinds: dict[str, ActivityKind] = {}
        for kind in kinds:
            for written in (kind.name, kind.code):
                self.kinds.setdefault(fold(written), kind)
        unit_refs: set[str] = set()
        program_refs: set[str] = set()
        for _number, values in raw_rows:
            unit_refs.add(text(values["lead_unit"]))
            unit_refs.update(split_units(values["partners"]))
            program_refs.add(text(values["program"]))
        self.units = selectors_excel.units_by_reference(unit_refs)
        unit_ids = {unit.pk for units in self.units.values() for unit in units}
        self.editable = selectors_excel.unit_ids_editable(actor, unit_ids)
        self.partnerable = selectors_excel.unit_ids_partnerable(actor, unit_ids)
        program_ids = {int(m.group(1)) for m in map(_PROGRAM_ID.fullmatch, program_refs) if m}
        self.programs, self.programs_by_number = selectors_excel.programs_by_reference(
            actor, program_ids, program_refs
        )
        self.areas = area_codes.areas_by_code(text(values["area"]) for _n, values in raw_rows)
        self.today = today()

    def kind(self, written: str) -> ActivityKind:
        kind = self.kinds.get(fold(written))
        if kind is None:
            raise Invalid(
                "kind", f"Không có loại hoạt động “{written}”. Các loại: {self.kind_names}."
            )
        return kind

    def lead_unit(self, reference: str) -> OrgUnit:
        unit = self._unit(reference, self.editable)
        if unit is None:
            raise Invalid(
                "lead_unit",
                f"Không có quyền ghi hoạt động cho đơn vị “{reference}” (hoặc không có đơn vị "
                "nào mang mã hay tên này).",
            )
        return unit

    def partner(self, reference: str) -> OrgUnit:
        unit = self._unit(reference, self.partnerable)
        if unit is None:
            raise Invalid(
                "partners",
                f"Không thể ghi “{reference}” làm đơn vị phối hợp (hoặc không có đơn vị nào "
                "mang mã hay tên này).",
            )
        return unit

    def _unit(self, reference: str, allowed: set[int]) -> OrgUnit | None:
        """The one allowed unit with this code or name; a code wins, then a unit of today.

        A unit outside ``allowed`` and a unit that does not exist look the same to the caller,
        so an import does not reveal which units exist outside the user's reach.
        """
        found = [unit for unit in self.units.get(reference, []) if unit.pk in allowed]
        if len(found) > 1:
            found = [unit for unit in found if unit.code == reference] or found
        if len(found) > 1:
            found = [unit for unit in found if unit.is_valid_on(self.today)] or found
        if len(found) > 1:
            raise Invalid(
                "",
                f"Có {len(found)} đơn vị mang tên “{reference}”: hãy ghi mã đơn vị thay cho tên.",
            )
        return found[0] if found else None

    def program(self, reference: str) -> Program:
        match = _PROGRAM_ID.fullmatch(reference)
        if match and int(match.group(1)) in self.programs:
            return self.programs[int(match.group(1))]
        numbered = self.programs_by_number.get(reference, [])
        if len(numbered) > 1:
            raise Invalid(
                "program",
                f"Có {len(numbered)} chương trình mang số “{reference}”: hãy ghi mã số của "
                "chương trình (số đầu dòng trong danh sách của tệp mẫu).",
            )
        if not numbered:
            raise Invalid(
                "program",
                f"Không có chương trình “{reference}” trong các chương trình bạn được xem. Hãy "
                "chọn trong danh sách, hoặc ghi mã số hay số, ký hiệu của chương trình.",
            )
        return numbered[0]

    def area(self, code: str) -> Any:
        return area_codes.resolve_area(code, self.areas, "area")


# "12 – Chương trình …" (as listed in the template and written by the export) or "12".
_PROGRAM_ID = re.compile(r"(\d+)(?:\s*[–-]\s.*)?", re.DOTALL)


def split_units(value: Any) -> list[str]:
    """The units of a "Đơn vị phối hợp" cell, one a line or separated by semicolons (names
    contain commas)."""
    if value is None:
        return []
    parts = re.split(rf"[{PARTNER_SEPARATOR}\n]", value if isinstance(value, str) else text(value))
    return [written for written in map(text, parts) if written]


class _Cell(forms.Field):
    """A cell: the raw value of openpyxl (text, number, date) → a Python value."""

    default_error_messages = {"required": spreadsheet.REQUIRED}

    def __init__(self, *, required: bool = False, **kwargs: Any) -> None:
        super().__init__(required=required, **kwargs)

    def __deepcopy__(self, memo: dict[int, Any]) -> _Cell:
        # A form deep-copies its fields; cells are never changed once declared, so every row's
        # form shares them (copying 20 fields and widgets was a third of the time per row).
        return self


class TextCell(_Cell):
    def __init__(self, *, max_length: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length

    def to_python(self, value: Any) -> str:
        written = text(value)
        if self.max_length and len(written) > self.max_length:
            raise forms.ValidationError(f"Dài quá {self.max_length} ký tự.")
        return written


class UnitListCell(_Cell):
    def to_python(self, value: Any) -> list[str]:
        return split_units(value)


class DateCell(_Cell):
    def to_python(self, value: Any) -> dt.date | None:
        try:
            return spreadsheet.parse_date(value, "")
        except Invalid as invalid:
            raise forms.ValidationError(invalid.message) from None


class NumberCell(_Cell):
    def __init__(self, *, maximum: int = MAX_COUNT, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.maximum = maximum

    def to_python(self, value: Any) -> int | None:
        try:
            number = spreadsheet.parse_number(value, "")
        except Invalid as invalid:
            raise forms.ValidationError(invalid.message) from None
        if number is not None and number > self.maximum:
            raise forms.ValidationError(
                f"Số {spreadsheet.number_text(number)} quá lớn: tối đa "
                f"{spreadsheet.number_text(self.maximum)}."
            )
        return number


class ActivityRowForm(forms.Form):
    """One row of the sheet, validated as the entry form validates an activity."""

    title = TextCell(required=True, max_length=300)
    kind = TextCell(required=True)
    starts_on = DateCell(required=True)
    ends_on = DateCell()
    place = TextCell(max_length=255)
    area = TextCell()
    lead_unit = TextCell(required=True)
    partners = UnitListCell()
    program = TextCell()
    participants = NumberCell()
    participants_women = NumberCell()
    beneficiaries = NumberCell()
    benefits = TextCell(max_length=255)
    benefits_value = NumberCell(maximum=MAX_AMOUNT)
    cost_union = NumberCell(maximum=MAX_AMOUNT)
    cost_women = NumberCell(maximum=MAX_AMOUNT)
    cost_state = NumberCell(maximum=MAX_AMOUNT)
    cost_sponsor = NumberCell(maximum=MAX_AMOUNT)
    cost_other = NumberCell(maximum=MAX_AMOUNT)
    description = TextCell()

    def __init__(self, values: dict[str, Any], *, lookups: RowLookups) -> None:
        super().__init__(values)
        self.lookups = lookups

    def _resolve(self, key: str, resolve: Callable[[str], Any]) -> Any:
        written = self.cleaned_data[key]
        if not written:
            return None
        try:
            return resolve(written)
        except Invalid as invalid:
            raise forms.ValidationError(invalid.message) from None

    def clean_kind(self) -> ActivityKind:
        return self._resolve("kind", self.lookups.kind)

    def clean_area(self) -> Any:
        return self._resolve("area", self.lookups.area)

    def clean_lead_unit(self) -> OrgUnit:
        return self._resolve("lead_unit", self.lookups.lead_unit)

    def clean_program(self) -> Program | None:
        return self._resolve("program", self.lookups.program)

    def clean_partners(self) -> list[OrgUnit]:
        units: list[OrgUnit] = []
        problems: list[str] = []
        for reference in self.cleaned_data["partners"]:
            try:
                unit = self.lookups.partner(reference)
            except Invalid as invalid:
                problems.append(invalid.message)
                continue
            if unit in units:
                problems.append(f"Đơn vị “{reference}” được ghi hai lần.")
            units.append(unit)
        if problems:
            raise forms.ValidationError(problems)
        return units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("participants", "participants_women", "beneficiaries", "benefits_value"):
            data[name] = data.get(name) or 0
        counted = "participants" not in self.errors and "participants_women" not in self.errors
        if counted and data["participants_women"] > data["participants"]:
            self.add_error(
                "participants_women",
                f"Số nữ ({spreadsheet.number_text(data['participants_women'])}) lớn hơn tổng "
                f"số người tham dự ({spreadsheet.number_text(data['participants'])}).",
            )
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on",
                f"Ngày kết thúc {ends_on:%d/%m/%Y} trước ngày bắt đầu {starts_on:%d/%m/%Y}.",
            )
        lead, partners = data.get("lead_unit"), data.get("partners") or []
        if lead and lead in partners:
            self.add_error(
                "partners",
                f"“{lead}” là đơn vị chủ trì, không ghi lại ở cột “{HEADER['partners']}”.",
            )
        program = data.get("program")
        if program and starts_on:
            last_year = program.end_year or program.start_year
            if not program.start_year <= starts_on.year <= last_year:
                self.add_error(
                    "program",
                    f"Ngày {starts_on:%d/%m/%Y} nằm ngoài giai đoạn của chương trình "
                    f"({program.phase_label}).",
                )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = (
            "title",
            "kind",
            "starts_on",
            "ends_on",
            "place",
            "area",
            "program",
            "participants",
            "participants_women",
            "beneficiaries",
            "benefits",
            "benefits_value",
            "description",
        )
        return {
            **{name: data.get(name) for name in names},
            "organizers": [(data["lead_unit"], OrganizerRole.LEAD)]
            + [(unit, OrganizerRole.PARTNER) for unit in data.get("partners") or []],
            "costs": {source: data.get(key) or 0 for key, source in COST_KEYS.items()},
        }

    def row_errors(self, number: int) -> list[RowError]:
        return [
            RowError(number, HEADER.get(key, ""), str(message))
            for key, messages in self.errors.items()
            for message in messages
        ]
