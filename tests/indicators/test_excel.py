"""Excel round trip of a form: download pre-filled, fill offline, upload back, all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.indicators import services
from phoihop.indicators.models import DataValue, Indicator
from phoihop.orgs.models import OrgLevel
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PERIOD = "2024S1"


@pytest.fixture
def form():
    codes = ["doan-vien", "ty-le-nu-bch", "gvn-dvn", "cdcs-co-ban-nu-cong", "cdcs", "hd-so-luong"]
    indicators = [Indicator.objects.get(code=c) for c in codes]
    levels = list(OrgLevel.objects.filter(system__code="cong-doan", code__in=["huyen", "co-so"]))
    return indicator_factories.form(indicators, levels, code="bm-excel", cutoff_day=15)


@pytest.fixture
def editor(tree):
    return account_factories.member(tree.g1, "editor", username="g1_editor")


def _url(name, unit, form, period=PERIOD):
    return reverse(f"indicators:{name}", args=[unit.pk, form.code, period])


def _download(client, unit, form, period=PERIOD):
    response = client.get(_url("excel_download", unit, form, period))
    return load_workbook(io.BytesIO(response.content))


def _rows(workbook):
    sheet = workbook["Số liệu"]
    header = [c.value for c in sheet[1]]
    return header, {(row[0].value, row[4].value or ""): row for row in sheet.iter_rows(min_row=2)}


def _upload(client, unit, form, workbook, name="bieu-mau.xlsx", period=PERIOD):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return client.post(
        _url("excel_upload", unit, form, period),
        {"file": SimpleUploadedFile(name, buffer.getvalue())},
        follow=True,
    )


def _stored(unit):
    return {
        (v.indicator.code, v.category.code if v.category else ""): (v.value, v.numerator)
        for v in DataValue.objects.filter(unit=unit).select_related("indicator", "category")
    }


def test_download_is_prefilled_with_stored_and_last_period_figures(
    client, tree, form, editor, sex, admin_user
):
    members = Indicator.objects.get(code="doan-vien")
    services.value_save(unit=tree.g1, indicator=members, period=PERIOD, actor=admin_user,
                        value=Decimal(950), category=sex["nu"])  # fmt: skip
    services.value_save(unit=tree.g1, indicator=members, period="2023S2", actor=admin_user,
                        value=Decimal(900), category=sex["nu"])  # fmt: skip
    client.force_login(editor)

    workbook = _download(client, tree.g1, form)

    header, rows = _rows(workbook)
    assert header[:7] == ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Phân tổ", "Mã phân tổ",
                          "Kỳ trước", "Số liệu"]  # fmt: skip
    assert [c.value for c in rows[("doan-vien", "nu")]][3:7] == ["Nữ", "nu", 900, 950]
    assert rows[("hd-so-luong", "")][9].value == "Tự tính từ hoạt động, không nhập"
    info = {row[0].value: row[1].value for row in workbook["Thông tin"].iter_rows(max_row=5)}
    assert (info["Mã đơn vị"], info["Mã biểu mẫu"], info["Kỳ báo cáo"]) == (
        tree.g1.pk,
        "bm-excel",
        PERIOD,
    )


def test_round_trip_saves_every_figure_through_the_service(client, tree, form, editor):
    client.force_login(editor)
    workbook = _download(client, tree.g1, form)
    _header, rows = _rows(workbook)
    rows[("doan-vien", "nam")][6].value = "1.200"
    rows[("doan-vien", "nu")][6].value = 950
    rows[("ty-le-nu-bch", "")][7].value = 8
    rows[("ty-le-nu-bch", "")][8].value = 13
    rows[("gvn-dvn", "")][6].value = 12
    rows[("hd-so-luong", "")][6].value = 99  # computed: ignored

    response = _upload(client, tree.g1, form, workbook)

    assert _stored(tree.g1) == {
        ("doan-vien", "nam"): (Decimal(1200), None),
        ("doan-vien", "nu"): (Decimal(950), None),
        ("ty-le-nu-bch", ""): (None, Decimal(8)),
        ("gvn-dvn", ""): (Decimal(12), None),
    }
    assert response.redirect_chain[-1][0] == _url("entry_grid", tree.g1, form)


def test_bad_cells_are_listed_per_cell_and_nothing_is_written(client, tree, form, editor):
    client.force_login(editor)
    workbook = _download(client, tree.g1, form)
    _header, rows = _rows(workbook)
    rows[("doan-vien", "nam")][6].value = "một trăm"
    rows[("gvn-dvn", "")][6].value = 12
    rows[("ty-le-nu-bch", "")][7].value = 20
    rows[("ty-le-nu-bch", "")][8].value = 13
    row_of_text = rows[("doan-vien", "nam")][0].row
    row_of_share = rows[("ty-le-nu-bch", "")][0].row

    response = _upload(client, tree.g1, form, workbook)

    errors = [(e.row, e.column) for e in response.context["errors"]]
    assert errors == [(row_of_text, "Số liệu"), (row_of_share, "Tử số (số lượng)")]
    assert "một trăm" in response.content.decode()
    assert DataValue.objects.count() == 0


def test_hard_rule_refuses_the_whole_file(client, tree, form, editor):
    client.force_login(editor)
    workbook = _download(client, tree.g1, form)
    _header, rows = _rows(workbook)
    rows[("cdcs", "nha-nuoc")][6].value = 1
    rows[("cdcs-co-ban-nu-cong", "")][6].value = 5
    rows[("gvn-dvn", "")][6].value = 7

    response = _upload(client, tree.g1, form, workbook)

    messages = [e.message for e in response.context["errors"]]
    assert messages == ["Số CĐCS có Ban nữ công không thể lớn hơn tổng số CĐCS."]
    assert DataValue.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("so-lieu.csv", b"a,b\n1,2\n", "không phải bảng tính Excel .xlsx"),
        ("hong.xlsx", b"PK\x03\x04garbage", "bị hỏng"),
    ],
)
def test_malformed_files_are_refused(client, tree, form, editor, name, data, expected):
    client.force_login(editor)

    response = client.post(
        _url("excel_upload", tree.g1, form), {"file": SimpleUploadedFile(name, data)}
    )

    (error,) = response.context["errors"]
    assert expected in error.message
    assert DataValue.objects.count() == 0


def test_a_file_of_another_unit_or_period_is_refused(client, tree, form, editor):
    client.force_login(editor)
    other_period = _download(client, tree.g1, form, period="2023S2")
    _header, rows = _rows(other_period)
    rows[("gvn-dvn", "")][6].value = 5

    response = _upload(client, tree.g1, form, other_period)

    (error,) = response.context["errors"]
    assert "kỳ 2023S2" in error.message
    assert DataValue.objects.count() == 0


def test_legacy_encoding_in_a_comment_is_refused(client, tree, form, editor):
    client.force_login(editor)
    workbook = _download(client, tree.g1, form)
    _header, rows = _rows(workbook)
    rows[("gvn-dvn", "")][6].value = 5
    rows[("gvn-dvn", "")][9].value = "Tæng kÕt phong trµo thi ®ua cña c«ng ®oµn"

    response = _upload(client, tree.g1, form, workbook)

    (error,) = response.context["errors"]
    assert "TCVN3" in error.message
    assert DataValue.objects.count() == 0


def test_sibling_cannot_download_or_upload(client, tree, form):
    client.force_login(account_factories.member(tree.g2, "editor"))

    download = client.get(_url("excel_download", tree.g1, form))
    upload = client.post(
        _url("excel_upload", tree.g1, form), {"file": SimpleUploadedFile("a.xlsx", b"PK")}
    )

    assert (download.status_code, upload.status_code) == (404, 404)


def test_viewer_cannot_upload(client, tree, form):
    client.force_login(account_factories.member(tree.district, "viewer"))

    response = client.post(
        _url("excel_upload", tree.g1, form), {"file": SimpleUploadedFile("a.xlsx", b"PK")}
    )

    assert response.status_code == 403
