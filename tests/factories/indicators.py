"""Factories for indicators: catalog rows are seeded by the data migration; these add more."""

from __future__ import annotations

from phoihop.indicators.models import (
    DisaggregationSet,
    Indicator,
    ReportForm,
    ReportFormIndicator,
)
from phoihop.orgs.models import OrgLevel

_counter = {"indicator": 0, "form": 0}


def indicator(**kw) -> Indicator:
    _counter["indicator"] += 1
    defaults = {
        "code": f"test-ind-{_counter['indicator']}",
        "name": f"Chỉ tiêu thử {_counter['indicator']}",
        "unit_label": "người",
    }
    defaults.update(kw)
    if isinstance(defaults.get("disaggregation"), str):
        defaults["disaggregation"] = DisaggregationSet.objects.get(code=defaults["disaggregation"])
    return Indicator.objects.create(**defaults)


def form(
    indicators: list[Indicator], levels: list[OrgLevel], *, period_type: str = "half", **kw
) -> ReportForm:
    _counter["form"] += 1
    report_form = ReportForm.objects.create(
        code=kw.pop("code", f"test-form-{_counter['form']}"),
        name=kw.pop("name", f"Biểu mẫu thử {_counter['form']}"),
        period_type=period_type,
        **kw,
    )
    report_form.levels.set(levels)
    for order, each in enumerate(indicators):
        ReportFormIndicator.objects.create(form=report_form, indicator=each, order=order)
    return report_form
