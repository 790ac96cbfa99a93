"""Indicators: the catalog, report forms, values (read and write), roll-ups, completeness,
and the submission workflow. Every write goes through the same services as the pages."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from phoihop.accounts import roles
from phoihop.accounts.selectors import unit_get_for_user, units_reachable
from phoihop.indicators import selectors, services
from phoihop.indicators.periods import parse_period
from phoihop.indicators.services import ValueEntry, ValuesInvalid
from phoihop.indicators.validation import values_check

router = Router(tags=["indicators"])
NOT_FOUND = "Không tìm thấy."


class CategoryOut(Schema):
    code: str
    name: str


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    value_type: str
    aggregation: str
    source: str
    computed: bool
    disaggregation: str | None
    categories: list[CategoryOut]


class FormOut(Schema):
    code: str
    name: str
    period_type: str
    cutoff_day: int | None
    deadline_days: int
    levels: list[str]
    program_id: int | None
    indicators: list[str]


class ValueOut(Schema):
    unit_id: int
    indicator: str
    period: str
    category: str | None
    value: float | None
    numerator: float | None
    denominator: float | None
    text: str
    comment: str
    approved: bool


class ValueFilters(Schema):
    unit: int | None = None
    period: str | None = None
    indicator: str | None = None


class ValueIn(Schema):
    indicator: str
    category: str | None = None
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    text: str = ""
    comment: str = ""


class ValuesIn(Schema):
    unit: int
    period: str
    values: list[ValueIn]
    reject_hard_rules: bool = True


class IssueOut(Schema):
    indicator: str
    category: str
    message: str
    severity: str
    commented: bool


class ValuesSaved(Schema):
    saved: int
    issues: list[IssueOut]


class EntryError(Schema):
    index: int
    message: str


class ValuesRefused(Schema):
    detail: str
    # Per-cell errors when the figures were read; a body that is not even JSON has none.
    errors: list[EntryError] = []


class RollupFilters(Schema):
    unit: int
    period: str
    indicators: str | None = None  # codes separated by commas; all active ones when empty
    structure: Literal["current", "as_of"] = "current"
    approved_only: bool = False
    program: int | None = None


class SplitOut(Schema):
    category: str
    value: float | None


class RollupOut(Schema):
    code: str
    name: str
    value: float | None
    count: int
    computed: bool
    disaggregated: list[SplitOut]
    target: float | None
    achievement: float | None


class CompletenessFilters(Schema):
    unit: int
    form: str
    period: str


class UnitRef(Schema):
    id: int
    name: str


class CompletenessOut(Schema):
    expected: int
    reported: int
    on_time: int
    approved: int
    waived: int
    missing_count: int
    rate: float | None
    deadline: dt.date
    missing: list[UnitRef]


class SubmissionIn(Schema):
    unit: int
    form: str
    period: str
    action: Literal["submit", "approve", "return", "waive", "unlock"]
    comment: str = ""


class SubmissionOut(Schema):
    unit_id: int
    form: str
    period: str
    state: str
    comment: str
    waiver_reason: str


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _unit(request: HttpRequest, pk: int) -> Any:
    unit = unit_get_for_user(request.user, pk)
    if unit is None:
        raise HttpError(404, NOT_FOUND)
    return unit


def _form(code: str) -> Any:
    form = selectors.form_by_code(code)
    if form is None:
        raise HttpError(404, NOT_FOUND)
    return form


@router.get("", response=list[IndicatorOut], summary="The indicator catalog")
def indicator_list(request: HttpRequest) -> list[dict]:
    return [
        {
            "code": i.code,
            "name": i.name,
            "unit": i.unit_label,
            "value_type": i.value_type,
            "aggregation": i.aggregation,
            "source": i.source,
            "computed": i.is_computed,
            "disaggregation": i.disaggregation.code if i.disaggregation_id else None,
            "categories": selectors.categories_of(i),
        }
        for i in selectors.indicators_active()
    ]


@router.get("/forms", response=list[FormOut], summary="Report forms (biểu mẫu)")
def form_list(request: HttpRequest) -> list[dict]:
    return [
        {
            "code": f.code,
            "name": f.name,
            "period_type": f.period_type,
            "cutoff_day": f.cutoff_day,
            "deadline_days": f.deadline_days,
            "levels": [f"{lv.system_id}:{lv.code}" for lv in f.levels.all()],
            "program_id": f.program_id,
            "indicators": [item.indicator.code for item in f.items.all()],
        }
        for f in selectors.forms_active()
    ]


@router.get("/values", response=list[ValueOut], summary="Entered values you can see")
@paginate(PageNumberPagination, page_size=200)
def value_list(request: HttpRequest, filters: Query[ValueFilters]) -> list[dict]:
    rows = selectors.values_visible_to(request.user).select_related("indicator", "category")
    if filters.unit is not None:
        rows = rows.filter(unit_id=_unit(request, filters.unit).pk)
    if filters.period:
        rows = rows.filter(period=str(parse_period(filters.period)))
    if filters.indicator:
        rows = rows.filter(indicator__code=filters.indicator)
    return [
        {
            "unit_id": v.unit_id,
            "indicator": v.indicator.code,
            "period": v.period,
            "category": v.category.code if v.category_id else None,
            "value": _number(v.value),
            "numerator": _number(v.numerator),
            "denominator": _number(v.denominator),
            "text": v.text,
            "comment": v.comment,
            "approved": v.approved,
        }
        for v in rows.order_by("unit_id", "period", "indicator__order", "category_id", "pk")
    ]


def _entries(payload: ValuesIn) -> list[ValueEntry]:
    entries, errors = [], []
    for index, item in enumerate(payload.values):
        indicator = selectors.indicator_by_code(item.indicator)
        category = None
        if indicator is None:
            errors.append({"index": index, "message": f"Không có chỉ tiêu “{item.indicator}”."})
            continue
        if item.category:
            category = selectors.category_by_code(indicator, item.category)
            if category is None:
                errors.append({"index": index, "message": f"Không có phân tổ “{item.category}”."})
                continue
        entries.append(
            ValueEntry(
                indicator,
                category,
                item.value,
                item.numerator,
                item.denominator,
                item.text,
                item.comment,
            )
        )
    if errors:
        raise _Refused(errors)
    return entries


class _Refused(Exception):
    def __init__(self, errors: list[dict]) -> None:
        self.errors = errors


@router.post(
    "/values",
    response={200: ValuesSaved, 400: ValuesRefused},
    summary="Save values of one unit and period (all or nothing)",
)
def value_save(request: HttpRequest, payload: ValuesIn) -> Status:
    unit = _unit(request, payload.unit)
    if not units_reachable(request.user, roles.EDIT).filter(pk=unit.pk).exists():
        raise HttpError(403, "Bạn không có quyền nhập số liệu cho đơn vị này.")
    if len(payload.values) > 2000:
        return Status(400, {"detail": "Tối đa 2.000 số liệu mỗi lần gửi.", "errors": []})
    try:
        entries = _entries(payload)
        saved = services.values_save_batch(
            unit=unit,
            period=payload.period,
            entries=entries,
            actor=request.user,
            reject_hard_rules=payload.reject_hard_rules,
        )
    except _Refused as exc:
        return Status(
            400, {"detail": "Một số dòng không hợp lệ; chưa lưu gì.", "errors": exc.errors}
        )
    except ValuesInvalid as exc:
        errors = [{"index": i, "message": m} for i, m in exc.errors]
        return Status(400, {"detail": str(exc), "errors": errors})
    issues = values_check(
        unit=unit,
        period=str(parse_period(payload.period)),
        indicators=[e.indicator for e in entries],
    )
    return Status(
        200,
        {
            "saved": len(saved),
            "issues": [
                {
                    "indicator": i.indicator_code,
                    "category": i.category_code,
                    "message": i.message,
                    "severity": i.severity,
                    "commented": i.commented,
                }
                for i in issues
            ],
        },
    )


@router.get("/rollup", response=list[RollupOut], summary="Values over a unit's subtree")
def rollup(request: HttpRequest, filters: Query[RollupFilters]) -> list[dict]:
    unit = _unit(request, filters.unit)
    indicators = None
    if filters.indicators:
        codes = [c.strip() for c in filters.indicators.split(",") if c.strip()][:100]
        indicators = list(selectors.indicators_active().filter(code__in=codes))
        if len(indicators) != len(set(codes)):
            raise HttpError(404, NOT_FOUND)
    program = None
    if filters.program is not None:
        program = selectors.program_visible(request.user, filters.program)
        if program is None:
            raise HttpError(404, NOT_FOUND)
    items = selectors.rollup(
        unit=unit,
        period=filters.period,
        indicators=indicators,
        structure=filters.structure,
        approved_only=filters.approved_only,
        program=program,
    )
    return [
        {
            "code": item.indicator.code,
            "name": item.indicator.name,
            "value": _number(item.value),
            "count": item.count,
            "computed": item.computed,
            "disaggregated": [
                {"category": c.code, "value": _number(v)} for c, v in item.categories
            ],
            "target": _number(item.target),
            "achievement": _number(item.achievement),
        }
        for item in items
    ]


@router.get("/completeness", response=CompletenessOut, summary="Who has reported")
def completeness(request: HttpRequest, filters: Query[CompletenessFilters]) -> dict:
    unit = _unit(request, filters.unit)
    form = _form(filters.form)
    result = selectors.completeness(unit, form, str(parse_period(filters.period)))
    return {
        **{
            k: getattr(result, k)
            for k in (
                "expected",
                "reported",
                "on_time",
                "approved",
                "waived",
                "missing_count",
                "deadline",
            )
        },
        "rate": _number(result.rate),
        "missing": [{"id": u.pk, "name": u.name} for u in result.missing],
    }


@router.post("/submissions", response=SubmissionOut, summary="Submit, approve, return, …")
def submission_action(request: HttpRequest, payload: SubmissionIn) -> dict:
    unit = _unit(request, payload.unit)
    form = _form(payload.form)
    period = str(parse_period(payload.period))
    if payload.action == "submit":
        submission = services.submission_submit(
            unit=unit, form=form, period=period, actor=request.user
        )
    elif payload.action == "waive":
        submission = services.submission_waive(
            unit=unit, form=form, period=period, reason=payload.comment, actor=request.user
        )
    else:
        submission = selectors.submission_of(unit, form, period)
        if submission is None:
            raise HttpError(404, NOT_FOUND)
        action = {
            "approve": lambda: services.submission_approve(
                submission=submission, actor=request.user
            ),
            "return": lambda: services.submission_return(
                submission=submission, comment=payload.comment, actor=request.user
            ),
            "unlock": lambda: services.submission_unlock(
                submission=submission, reason=payload.comment, actor=request.user
            ),
        }[payload.action]
        submission = action()
    return {
        "unit_id": submission.unit_id,
        "form": form.code,
        "period": submission.period,
        "state": submission.state,
        "comment": submission.comment,
        "waiver_reason": submission.waiver_reason,
    }
