"""Only users who see the program download it, from the page and from the API."""

import pytest
from django.urls import reverse

from tests.reporting.conftest import docx_lines

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_party_officer_downloads_the_program_docx(client, signed_program, hanoi_women_officer):
    client.force_login(hanoi_women_officer)

    response = client.get(reverse("reporting:program_document", args=[signed_program.pk]))

    assert response["Content-Disposition"] == (
        f'attachment; filename="chuong-trinh-{signed_program.pk}.docx"'
    )
    assert "Số: 01/CTrPH-LĐLĐ-HLHPN" in docx_lines(response.content)


def test_outsider_gets_404_from_page_and_api(client, signed_program, danang_union_officer):
    client.force_login(danang_union_officer)

    page = client.get(reverse("reporting:program_document", args=[signed_program.pk]))
    api = client.get(f"/api/v1/programs/{signed_program.pk}/document?format=docx")

    assert (page.status_code, api.status_code) == (404, 404)


def test_api_serves_the_same_document_as_the_page(client, signed_program, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    api = client.get(f"/api/v1/programs/{signed_program.pk}/document?format=docx")
    page = client.get(reverse("reporting:program_document", args=[signed_program.pk]))

    assert docx_lines(api.content) == docx_lines(page.content)


def test_unknown_format_is_refused_in_vietnamese(client, signed_program, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    page = client.get(
        reverse("reporting:program_document", args=[signed_program.pk]) + "?format=exe"
    )
    api = client.get(f"/api/v1/programs/{signed_program.pk}/document?format=exe")

    assert (page.status_code, api.status_code) == (400, 422)
    assert page.content.decode() == "Định dạng văn bản không hợp lệ: chọn docx hoặc pdf."


def test_program_document_is_in_the_openapi(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert sorted(paths["/api/v1/programs/{program_id}/document"]) == ["get"]


def test_program_page_links_both_formats(client, signed_program, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    html = client.get(signed_program.get_absolute_url()).content.decode()

    url = reverse("reporting:program_document", args=[signed_program.pk])
    assert (f'href="{url}?format=docx"' in html, f'href="{url}?format=pdf"' in html) == (True, True)
