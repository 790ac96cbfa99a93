"""The documents API: read by any logged-in user, written by editors, /parse writes nothing."""

import json

import pytest

from phoihop.documents.models import LegalDocument

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/api/v1/documents"

LAO_CAI = (
    "Căn cứ Nghị quyết 57/NQ-CP ngày 01/12/2009 của Chính phủ ban hành chương trình hành động "
    "của Chính phủ, thực hiện Nghị quyết số 11-NQ/TW ngày 27/4/2007 của Bộ Chính trị khóa X; "
    "Chỉ thị số 19-CT/TU ngày 31/8/2007 của Tỉnh ủy Lào Cai về công tác phụ nữ."
)


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_anonymous_requests_are_refused(client, nq57):
    assert client.get(URL).status_code == 401


def test_list_searches_and_filters(client, nq57, ct21, viewer):
    client.force_login(viewer)

    results = {
        key: [d["number"] for d in client.get(URL, params).json()["items"]]
        for key, params in {
            "all": {},
            "number": {"q": "21 CT TW"},
            "words": {"q": "cong tac phu nu"},
            "type": {"doc_type": "Nghị quyết"},
        }.items()
    }

    assert results == {
        "all": ["21-CT/TW", "57/NQ-CP"],
        "number": ["21-CT/TW"],
        "words": ["21-CT/TW"],
        "type": ["57/NQ-CP"],
    }


def test_detail(client, nq57, viewer):
    client.force_login(viewer)

    response = client.get(f"{URL}/{nq57.pk}")

    assert response.json() == {
        "id": nq57.pk,
        "doc_type": "Nghị quyết",
        "number": "57/NQ-CP",
        "issuer": "Chính phủ",
        "issuer_unit_id": None,
        "issued_on": "2009-12-01",
        "summary": "Chương trình hành động của Chính phủ",
        "valid_from": None,
        "valid_to": None,
        "has_file": False,
        "title": "Nghị quyết 57/NQ-CP ngày 01/12/2009",
    }
    assert client.get(f"{URL}/999").status_code == 404


def test_an_editor_registers_a_document(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = post(
        client,
        URL,
        {
            "doc_type": "Kế hoạch",
            "number": "45/KH-LĐLĐ",
            "issued_on": "2024-03-02",
            "issuer_unit_id": hanoi_union.pk,
        },
    )

    document = LegalDocument.objects.get()
    assert response.status_code == 201
    assert (response.json()["title"], document.issuer_unit, document.created_by) == (
        "Kế hoạch 45/KH-LĐLĐ ngày 02/03/2024",
        hanoi_union,
        hanoi_union_officer,
    )


def test_a_viewer_may_not_register(client, viewer):
    client.force_login(viewer)

    response = post(client, URL, {"doc_type": "Đề án", "number": "938"})

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Bạn không có quyền thêm văn bản."},
    )
    assert LegalDocument.objects.count() == 0


def test_a_rejected_number_is_a_400_with_the_parser_message(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = post(client, URL, {"doc_type": "Kế hoạch", "number": "45/XYZ"})

    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "Ký hiệu loại văn bản “XYZ” không có trong bảng viết tắt của Nghị định "
            "30/2020/NĐ-CP: 45/XYZ"
        },
    )


def test_an_invisible_issuer_unit_is_404(client, danang_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = post(
        client,
        URL,
        {"doc_type": "Kế hoạch", "number": "45/KH-LĐLĐ", "issuer_unit_id": danang_union.pk},
    )

    assert response.status_code == 404
    assert LegalDocument.objects.count() == 0


def test_parse_proposes_documents_without_writing(client, nq57, viewer):
    client.force_login(viewer)

    response = post(client, f"{URL}/parse", {"text": LAO_CAI})

    assert response.json() == [
        {
            "number": "57/NQ-CP",
            "doc_type": "Nghị quyết",
            "issued_on": "2009-12-01",
            "issuer": "Chính phủ",
            "existing_id": nq57.pk,
            "problem": None,
        },
        {
            "number": "11-NQ/TW",
            "doc_type": "Nghị quyết",
            "issued_on": "2007-04-27",
            "issuer": "Bộ Chính trị khóa X",
            "existing_id": None,
            "problem": None,
        },
        {
            "number": "19-CT/TU",
            "doc_type": "Chỉ thị",
            "issued_on": "2007-08-31",
            "issuer": "Tỉnh ủy Lào Cai",
            "existing_id": None,
            "problem": None,
        },
    ]
    assert LegalDocument.objects.count() == 1
