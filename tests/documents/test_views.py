"""Registry pages: every logged-in user reads, editors write, anonymous users log in first."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.accounts.permissions import SYSTEM
from phoihop.core.models import AuditEntry
from phoihop.documents import services
from phoihop.documents.enums import DocType
from phoihop.documents.models import LegalDocument

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LAO_CAI = (
    "Căn cứ Nghị quyết 57/NQ-CP ngày 01/12/2009 của Chính phủ ban hành chương trình hành động "
    "của Chính phủ, thực hiện Nghị quyết số 11-NQ/TW ngày 27/4/2007 của Bộ Chính trị khóa X; "
    "Chỉ thị số 19-CT/TU ngày 31/8/2007 của Tỉnh ủy Lào Cai về công tác phụ nữ."
)


def listed(response) -> list[str]:
    return [d.number for d in response.context["page"].object_list]


def test_anonymous_users_are_sent_to_log_in(client, nq57):
    urls = [
        reverse("documents:document_list"),
        reverse("documents:document_detail", args=[nq57.pk]),
        reverse("documents:document_create"),
        reverse("documents:document_paste"),
    ]

    statuses = [client.get(url).status_code for url in urls]
    location = client.get(urls[0])["Location"]

    assert statuses == [302, 302, 302, 302]
    assert location.startswith(reverse("accounts:login"))


def test_every_logged_in_user_sees_the_registry(client, nq57, ct21, viewer):
    client.force_login(viewer)

    response = client.get(reverse("documents:document_list"))

    assert listed(response) == ["21-CT/TW", "57/NQ-CP"]
    assert response.context["can_add"] is False


def test_search_is_accent_insensitive_and_htmx_gets_the_results_only(
    client, nq57, ct21, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    full = client.get(reverse("documents:document_list"), {"q": "cong tac phu nu"})
    partial = client.get(
        reverse("documents:document_list"), {"q": "57/nq-cp"}, HTTP_HX_REQUEST="true"
    )
    by_type = client.get(reverse("documents:document_list"), {"doc_type": "Chỉ thị"})

    assert (listed(full), listed(partial), listed(by_type)) == (
        ["21-CT/TW"],
        ["57/NQ-CP"],
        ["21-CT/TW"],
    )
    assert b"<html" in full.content
    assert b"<html" not in partial.content


def test_the_list_is_paginated(client, viewer):
    for serial in range(1, 33):
        services.document_create(actor=SYSTEM, doc_type=DocType.DE_AN, number=str(serial))
    client.force_login(viewer)

    second = client.get(reverse("documents:document_list"), {"page": "2"})

    assert (second.context["page"].number, len(listed(second))) == (2, 2)


def test_detail_shows_the_document_and_its_history(client, nq57, hanoi_union_officer):
    services.document_update(document=nq57, actor=hanoi_union_officer, issuer="Thủ tướng")
    client.force_login(hanoi_union_officer)

    response = client.get(nq57.get_absolute_url())

    assert response.status_code == 200
    assert [e.action for e in response.context["audit"]] == [
        "phoihop.legaldocument.updated",
        "phoihop.legaldocument.created",
    ]
    assert response.context["can_edit"] is True
    assert "Nghị quyết 57/NQ-CP ngày 01/12/2009" in response.content.decode()


def test_detail_of_a_missing_document_is_404(client, viewer):
    client.force_login(viewer)

    assert client.get(reverse("documents:document_detail", args=[999])).status_code == 404


def test_an_editor_registers_a_document_with_a_file(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("documents:document_create"),
        {
            "doc_type": "Kế hoạch",
            "number": "45/KH-LĐLĐ",
            "issued_on": "02/03/2024",
            "issuer": "Ban Thường vụ LĐLĐ tỉnh Lào Cai",
            "issuer_unit": hanoi_union.pk,
            "summary": "Thực hiện Chương trình phối hợp năm 2024",
            "file": SimpleUploadedFile("kh45.pdf", b"%PDF-1.4", content_type="application/pdf"),
        },
    )

    document = LegalDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert (str(document), document.issuer_unit, document.created_by) == (
        "Kế hoạch 45/KH-LĐLĐ ngày 02/03/2024",
        hanoi_union,
        hanoi_union_officer,
    )
    download = client.get(reverse("documents:document_download", args=[document.pk]))
    assert (download.status_code, b"".join(download.streaming_content)) == (200, b"%PDF-1.4")


def test_an_invalid_number_is_shown_on_the_form(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("documents:document_create"), {"doc_type": "Kế hoạch", "number": "45/XYZ"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["number"] == [
        "Ký hiệu loại văn bản “XYZ” không có trong bảng viết tắt của Nghị định "
        "30/2020/NĐ-CP: 45/XYZ"
    ]
    assert LegalDocument.objects.count() == 0


def test_a_unit_the_user_cannot_see_is_refused(client, danang_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("documents:document_create"),
        {"doc_type": "Kế hoạch", "number": "45/KH-LĐLĐ", "issuer_unit": danang_union.pk},
    )

    assert list(response.context["form"].errors) == ["issuer_unit"]
    assert LegalDocument.objects.count() == 0


def test_an_editor_edits_a_document(client, nq57, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("documents:document_edit", args=[nq57.pk]),
        {
            "doc_type": "Nghị quyết",
            "number": "57/NQ-CP",
            "issued_on": "01/12/2009",
            "issuer": "Chính phủ",
            "summary": "Chương trình hành động của Chính phủ",
            "valid_from": "01/12/2009",
            "version": nq57.version,
        },
    )

    entry = AuditEntry.objects.filter(action="phoihop.legaldocument.updated").get()
    assert response.status_code == 302
    assert entry.data == {"valid_from": {"old": None, "new": "2009-12-01"}}


def test_a_viewer_cannot_create_or_edit(client, nq57, viewer):
    client.force_login(viewer)

    statuses = [
        client.get(reverse("documents:document_create")).status_code,
        client.post(
            reverse("documents:document_create"), {"doc_type": "Đề án", "number": "938"}
        ).status_code,
        client.get(reverse("documents:document_edit", args=[nq57.pk])).status_code,
        client.post(
            reverse("documents:document_paste"), {"text": LAO_CAI, "action": "create"}
        ).status_code,
    ]

    assert statuses == [403, 403, 403, 403]
    assert LegalDocument.objects.count() == 1


def test_paste_proposes_then_registers_the_ticked_documents(client, nq57, hanoi_union_officer):
    client.force_login(hanoi_union_officer)
    url = reverse("documents:document_paste")

    proposed = client.post(url, {"text": LAO_CAI, "action": "parse"})
    rows = [(p.citation.number, p.existing) for p in proposed.context["proposals"]]
    boxes = re.findall(r'name="selected" value="(\d+)"', proposed.content.decode())
    created = client.post(url, {"text": LAO_CAI, "action": "create", "selected": ["2"]})

    assert rows == [("57/NQ-CP", nq57), ("11-NQ/TW", None), ("19-CT/TU", None)]
    assert boxes == ["1", "2"]
    assert LegalDocument.objects.count() == 2
    assert [str(d) for d in created.context["documents"]] == [
        "Nghị quyết 57/NQ-CP ngày 01/12/2009",
        "Chỉ thị 19-CT/TU ngày 31/08/2007",
    ]
    assert created.context["created"] == 1


def test_a_viewer_may_look_up_a_paragraph_without_checkboxes(client, viewer):
    client.force_login(viewer)

    response = client.post(
        reverse("documents:document_paste"), {"text": LAO_CAI, "action": "parse"}
    )

    assert len(response.context["proposals"]) == 3
    assert 'name="selected"' not in response.content.decode()


def test_editing_without_a_new_upload_keeps_the_file(client, nq57, hanoi_union_officer):
    services.document_update(
        document=nq57, actor=SYSTEM, file=SimpleUploadedFile("nq57.pdf", b"%PDF-1.4")
    )
    client.force_login(hanoi_union_officer)
    stored = LegalDocument.objects.get().file.name

    response = client.post(
        reverse("documents:document_edit", args=[nq57.pk]),
        {
            "doc_type": "Nghị quyết",
            "number": "57/NQ-CP",
            "issued_on": "01/12/2009",
            "version": LegalDocument.objects.get().version,
        },
    )

    entry = AuditEntry.objects.filter(action="phoihop.legaldocument.updated").first()
    assert response.status_code == 302
    assert LegalDocument.objects.get().file.name == stored
    assert set(entry.data) == {"issuer", "summary"}


def test_a_file_of_another_kind_is_refused_by_the_form(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("documents:document_create"),
        {"doc_type": "Đề án", "number": "938", "file": SimpleUploadedFile("run.exe", b"MZ")},
    )

    assert list(response.context["form"].errors) == ["file"]
    assert LegalDocument.objects.count() == 0
