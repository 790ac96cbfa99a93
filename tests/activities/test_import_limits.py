"""The activity import refuses malicious workbooks in the worker, viewers, and a user's third
unfinished file (issue 9, item 4)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from phoihop.activities import imports
from phoihop.activities.models import Activity
from phoihop.activities.models_imports import ActivityImportJob
from tests.core.test_spreadsheet_limits import wide_rows
from tests.core.test_spreadsheet_limits import xlsx as crafted_xlsx
from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_activity_import_job_refuses_a_sheet_of_16384_columns_and_writes_nothing(
    hanoi_union_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.activity_import_start(
            actor=hanoi_union_officer,
            data=crafted_xlsx(wide_rows(1_500), dimension="A1:XFD1500"),
            filename="hoat-dong.xlsx",
            dry_run=False,
        )

    job.refresh_from_db()
    assert (job.status, job.errors, Activity.objects.count()) == (
        "failed",
        [
            {
                "row": 0,
                "column": "",
                "message": "Tệp quá lớn để đọc khi giải nén (có thể do định dạng cả trang tính "
                "hoặc một ô chứa quá nhiều chữ): hãy chép riêng các dòng dữ liệu sang tệp mẫu "
                "rồi nhập lại.",
            }
        ],
        0,
    )


def test_activity_import_is_refused_to_a_viewer(client, hanoi_union):
    viewer = account_factories.member(hanoi_union, "viewer", username="hn_viewer")
    client.force_login(viewer)

    response = client.post(
        reverse("activities_excel:activity_import"),
        {"file": SimpleUploadedFile("hoat-dong.xlsx", b"PK\x03\x04")},
    )

    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        imports.activity_import_start(actor=viewer, data=b"", filename="a.xlsx", dry_run=True)
    assert ActivityImportJob.objects.count() == 0


@override_settings(MAX_IMPORT_JOBS_PER_USER=2)
def test_activity_import_refuses_a_third_unfinished_job_of_the_same_user(hanoi_union_officer):
    for _ in range(2):
        imports.activity_import_job_create(
            actor=hanoi_union_officer, data=b"", filename="a.xlsx", dry_run=True
        )

    with pytest.raises(imports.DomainError) as refused:
        imports.activity_import_start(
            actor=hanoi_union_officer, data=b"", filename="a.xlsx", dry_run=True
        )

    assert str(refused.value) == (
        "Bạn đang có 2 tệp chờ hoặc đang được kiểm tra: hãy đợi các tệp đó xong rồi gửi tiếp."
    )
    assert ActivityImportJob.objects.count() == 2
