"""The Excel import page: the importer, a dry run, bad files, and the outsider."""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.management.commands import db_worker
from openpyxl import Workbook, load_workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs import import_jobs, imports, services
from phoihop.orgs.imports import HEADERS, RowError
from phoihop.orgs.models import OrgPlacement, OrgUnit, UnitImportJob
from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def upload(*rows, name="don-vi.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def ward_row(code, name, parent="LDLD-HN"):
    return [code, name, "", "", "Công đoàn", "xa", parent, "", "06/03/2017"]


@pytest.fixture
def coded_hanoi_union(hanoi_union):
    return services.unit_update(unit=hanoi_union, actor=SYSTEM, code="LDLD-HN")


def post_and_run(client, django_capture_on_commit_callbacks, payload):
    """Post the upload; the job runs when the request's transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("orgs:unit_import"), payload)


def page_text(client, url) -> str:
    return " ".join(client.get(url).content.decode().split())


def test_unit_import_page_shows_the_form_and_the_template_link(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:unit_import"))

    assert response.status_code == 200
    assert re.findall(r'href="([^"]+)" download', response.content.decode()) == [
        reverse("orgs:unit_import_template")
    ]


def test_unit_import_requires_login(client):
    response = client.get(reverse("orgs:unit_import"))

    assert response.url == f"{reverse('accounts:login')}?next={reverse('orgs:unit_import')}"


def test_unit_import_runs_in_the_background_creates_units_and_shows_the_outcome(
    client, coded_hanoi_union, hanoi_union_officer, django_capture_on_commit_callbacks
):
    client.force_login(hanoi_union_officer)

    response = post_and_run(
        client,
        django_capture_on_commit_callbacks,
        {
            "file": upload(
                ward_row("CDCS-1", "Công đoàn cơ sở Công ty A", parent="CD-BD"),
                ward_row("CD-BD", "Công đoàn phường Ba Đình"),
            )
        },
    )

    job = UnitImportJob.objects.get()
    assert response.url == reverse("orgs:unit_import_job", args=[job.pk])
    assert (job.status, job.created_count, job.errors) == ("done", 2, [])
    assert list(
        OrgPlacement.objects.filter(unit__code__in=["CD-BD", "CDCS-1"])
        .order_by("depth")
        .values_list("unit__code", "parent__code")
    ) == [("CD-BD", "LDLD-HN"), ("CDCS-1", "CD-BD")]
    html = page_text(client, response.url)
    assert re.findall(r"<h2>([^<]+)</h2>", html) == ["Đã nhập 2 đơn vị."]
    assert "hx-trigger" not in html


def test_unit_import_page_polls_an_unfinished_job(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)
    job = UnitImportJob.objects.create(
        created_by=hanoi_union_officer, data=b"", filename="don-vi.xlsx"
    )
    url = reverse("orgs:unit_import_job", args=[job.pk])

    response = client.get(url, HTTP_HX_REQUEST="true")

    html = " ".join(response.content.decode().split())
    assert html.startswith(
        f'<div id="import-progress" hx-get="{url}" hx-trigger="every 2s" hx-swap="outerHTML"'
    )


def test_unit_import_dry_run_lists_the_units_writes_nothing_then_imports_on_confirm(
    client, coded_hanoi_union, hanoi_union_officer, django_capture_on_commit_callbacks
):
    client.force_login(hanoi_union_officer)

    response = post_and_run(
        client,
        django_capture_on_commit_callbacks,
        {"file": upload(ward_row("CD-BD", "Công đoàn phường Ba Đình")), "dry_run": "1"},
    )

    dry_run = UnitImportJob.objects.get()
    assert (dry_run.status, [u["code"] for u in dry_run.preview]) == ("done", ["CD-BD"])
    assert re.findall(r"<h2>([^<]+)</h2>", page_text(client, response.url)) == [
        "Tệp hợp lệ: có thể nhập 1 đơn vị."
    ]
    assert OrgUnit.objects.filter(code="CD-BD").count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("orgs:unit_import_confirm", args=[dry_run.pk]))

    job = UnitImportJob.objects.exclude(pk=dry_run.pk).get()
    assert (job.dry_run, job.status, job.created_count) == (False, "done", 1)
    assert OrgUnit.objects.filter(code="CD-BD").count() == 1


def test_unit_import_shows_row_errors_and_writes_nothing(
    client, coded_hanoi_union, hanoi_union_officer, django_capture_on_commit_callbacks
):
    client.force_login(hanoi_union_officer)

    response = post_and_run(
        client,
        django_capture_on_commit_callbacks,
        {"file": upload(ward_row("CD-BD", "Công đoàn phường Ba Đình"), ward_row("CD-HK", ""))},
    )

    job = UnitImportJob.objects.get()
    assert job.errors == [RowError(3, "Tên đầy đủ", "Chưa điền (cột bắt buộc).").as_dict()]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page_text(client, response.url))
    assert cells == ["3", "Tên đầy đủ", "Chưa điền (cột bắt buộc)."]
    assert OrgUnit.objects.filter(code__startswith="CD-").count() == 0


def test_unit_import_refuses_a_file_that_is_not_excel(
    client, hanoi_union_officer, django_capture_on_commit_callbacks
):
    client.force_login(hanoi_union_officer)

    post_and_run(
        client,
        django_capture_on_commit_callbacks,
        {"file": SimpleUploadedFile("don-vi.xlsx", b"Ma don vi;Ten\n")},
    )

    assert [e["message"] for e in UnitImportJob.objects.get().errors] == [
        "Tệp không phải bảng tính Excel .xlsx. Hãy mở tệp bằng Excel và lưu lại dưới dạng "
        "“Sổ làm việc Excel (.xlsx)”, hoặc dùng tệp mẫu."
    ]


@override_settings(MAX_UPLOAD_SIZE=1024)
def test_unit_import_refuses_an_upload_over_the_limit(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("orgs:unit_import"),
        {"file": SimpleUploadedFile("don-vi.xlsx", b"PK\x03\x04" + b"0" * 2000)},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [(field, [e.code for e in errors[field]]) for field in errors] == [
        ("file", ["too_large"])
    ]
    assert UnitImportJob.objects.count() == 0


def test_unit_import_outsider_cannot_import_under_another_provinces_unit(
    client, coded_hanoi_union, danang_union_officer, django_capture_on_commit_callbacks
):
    client.force_login(danang_union_officer)

    post_and_run(
        client,
        django_capture_on_commit_callbacks,
        {"file": upload(ward_row("CD-BD", "Công đoàn phường Ba Đình"))},
    )

    assert UnitImportJob.objects.get().errors == [
        RowError(
            2,
            "Mã đơn vị cấp trên",
            "Không có quyền thêm đơn vị vào đơn vị có mã “LDLD-HN” (hoặc hệ thống Công đoàn "
            "không có đơn vị nào mang mã này).",
        ).as_dict()
    ]
    assert OrgUnit.objects.filter(code="CD-BD").count() == 0


def test_unit_import_job_is_hidden_from_everyone_but_its_owner(
    client, hanoi_union_officer, danang_union_officer
):
    job = UnitImportJob.objects.create(
        created_by=hanoi_union_officer, data=b"", filename="don-vi.xlsx"
    )
    client.force_login(danang_union_officer)

    response = client.get(reverse("orgs:unit_import_job", args=[job.pk]))

    assert response.status_code == 404


def test_unit_import_is_refused_to_a_viewer(client, coded_hanoi_union):
    viewer = account_factories.member(coded_hanoi_union, "viewer", username="hn_viewer")
    client.force_login(viewer)

    page = client.get(reverse("orgs:unit_import"))
    posted = client.post(
        reverse("orgs:unit_import"), {"file": upload(ward_row("CD-BD", "Công đoàn Ba Đình"))}
    )

    assert (page.status_code, posted.status_code) == (403, 403)
    with pytest.raises(PermissionDenied):
        import_jobs.unit_import_start(actor=viewer, data=b"", filename="a.xlsx", dry_run=False)
    assert UnitImportJob.objects.count() == 0


@override_settings(MAX_IMPORT_JOBS_PER_USER=2)
def test_unit_import_refuses_a_third_unfinished_job_of_the_same_user(
    client, hanoi_union_officer, hanoi_women_officer
):
    for _ in range(2):
        UnitImportJob.objects.create(
            created_by=hanoi_union_officer, data=b"", filename="don-vi.xlsx"
        )
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("orgs:unit_import"), {"file": upload(ward_row("CD-BD", "Công đoàn Ba Đình"))}
    )

    assert response.context["form"].non_field_errors() == [
        "Bạn đang có 2 tệp chờ hoặc đang được kiểm tra: hãy đợi các tệp đó xong rồi gửi tiếp."
    ]
    assert UnitImportJob.objects.count() == 2
    # Someone else still may.
    other = import_jobs.unit_import_start(
        actor=hanoi_women_officer, data=b"", filename="a.xlsx", dry_run=True
    )
    assert other.status == "pending"


def test_unit_import_template_downloads_the_xlsx(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:unit_import_template"))

    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-don-vi.xlsx"'
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADERS


def test_unit_import_template_requires_login(client):
    response = client.get(reverse("orgs:unit_import_template"))

    assert response.url == (
        f"{reverse('accounts:login')}?next={reverse('orgs:unit_import_template')}"
    )


def test_unit_import_is_read_by_the_worker_not_in_the_request(
    client,
    coded_hanoi_union,
    hanoi_union_officer,
    settings,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    # The worker drops connections it finds inside a transaction: this test's own transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(hanoi_union_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("orgs:unit_import"), {"file": upload(ward_row("CD-BD", "Công đoàn Ba Đình"))}
        )
    job = UnitImportJob.objects.get()
    assert (job.status, OrgUnit.objects.filter(code="CD-BD").count()) == ("pending", 0)

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    job.refresh_from_db()
    assert (job.status, OrgUnit.objects.filter(code="CD-BD").count()) == ("done", 1)


def test_unit_import_template_writes_no_formula(client, hanoi_union_officer, monkeypatch):
    monkeypatch.setattr(
        imports, "_EXAMPLE", ["=1+1", "@A1", "+84", "-1", "\t=2", "\r=3", "", "", ""]
    )
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:unit_import_template"))

    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [(c.value, c.data_type) for c in sheet[2][:6]] == [
        ("=1+1", "s"),
        ("@A1", "s"),
        ("+84", "s"),
        ("-1", "s"),
        ("\t=2", "s"),
        ("\r=3", "s"),
    ]
    formulas = [
        c.coordinate
        for s in book.worksheets
        for r in s.iter_rows()
        for c in r
        if c.data_type == "f"
    ]
    assert formulas == []


@override_settings(MAX_IMPORT_JOBS_PER_USER=1)
def test_unit_import_quota_forgets_a_job_lost_hours_ago(hanoi_union_officer):
    with time_machine.travel(dt.datetime(2026, 3, 16, 8, 0, tzinfo=dt.UTC), tick=False) as clock:
        UnitImportJob.objects.create(
            created_by=hanoi_union_officer, data=b"", filename="a.xlsx", status="running"
        )
        clock.shift(dt.timedelta(hours=2))

        job = import_jobs.unit_import_start(
            actor=hanoi_union_officer, data=b"", filename="b.xlsx", dry_run=True
        )

    assert (job.status, UnitImportJob.objects.count()) == ("pending", 2)
