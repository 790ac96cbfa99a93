"""The document registry's writes: numbers checked by the citation parser, audited changes,
and documents proposed from a pasted "Căn cứ …" paragraph."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation

from phoihop.accounts.permissions import SYSTEM
from phoihop.core.audit import entries_for
from phoihop.core.exceptions import DomainError
from phoihop.documents import services
from phoihop.documents.citations import CitationError, parse_number
from phoihop.documents.enums import DocType
from phoihop.documents.models import LegalDocument
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LAO_CAI = (
    "Căn cứ Nghị quyết 57/NQ-CP ngày 01/12/2009 của Chính phủ ban hành chương trình hành động "
    "của Chính phủ, thực hiện Nghị quyết số 11-NQ/TW ngày 27/4/2007 của Bộ Chính trị khóa X; "
    "Chỉ thị số 19-CT/TU ngày 31/8/2007 của Tỉnh ủy Lào Cai về công tác phụ nữ."
)


def document_editor():
    """An editor of a province's union: documents are registered by editors of some unit."""
    return account_factories.member(
        org_factories.unit("Liên đoàn Lao động tỉnh Lào Cai"), "editor", username="lan"
    )


def nq57(**fields) -> LegalDocument:
    values = {
        "doc_type": DocType.NGHI_QUYET,
        "number": "57/NQ-CP",
        "issuer": "Chính phủ",
        "issued_on": dt.date(2009, 12, 1),
        "summary": "Ban hành Chương trình hành động của Chính phủ đến năm 2020",
    }
    return services.document_create(actor=SYSTEM, **(values | fields))


def test_str_follows_the_way_documents_are_cited():
    dated = nq57()
    undated = services.document_create(actor=SYSTEM, doc_type=DocType.DE_AN, number="938")
    other = services.document_create(actor=SYSTEM, doc_type=DocType.KHAC, number="12/TB-LĐLĐ")

    assert [str(dated), str(undated), str(other)] == [
        "Nghị quyết 57/NQ-CP ngày 01/12/2009",
        "Đề án 938",
        "12/TB-LĐLĐ",
    ]


def test_create_keeps_the_number_as_written_and_normalises_the_key():
    officer = document_editor()

    document = services.document_create(
        actor=officer,
        doc_type=DocType.QUYET_DINH,
        number=" Số: 933/QĐ- TLĐ",
        issuer="Đoàn Chủ tịch  Tổng Liên đoàn",
        issued_on=dt.date(2024, 5, 14),
    )

    assert (document.number, document.number_key, document.issuer, document.created_by) == (
        "933/QĐ-TLĐ",
        "933/QĐ-TLĐ",
        "Đoàn Chủ tịch Tổng Liên đoàn",
        officer,
    )
    assert document.search_text == " 933 qd tld 933qdtld quyet dinh doan chu tich tong lien doan "


def test_create_is_audited_with_the_registered_fields():
    officer = document_editor()

    document = services.document_create(
        actor=officer, doc_type=DocType.CHI_THI, number="21-CT/TW", issued_on=dt.date(2018, 1, 20)
    )

    entry = entries_for(document).get()
    assert (entry.action, entry.actor, entry.data) == (
        "phoihop.legaldocument.created",
        officer,
        {"doc_type": "Chỉ thị", "number": "21-CT/TW", "issued_on": "2018-01-20"},
    )


def test_bare_numbers_are_allowed():
    document = services.document_create(actor=SYSTEM, doc_type=DocType.DE_AN, number="938")

    assert (document.number, document.number_key) == ("938", "938")


@pytest.mark.parametrize(
    "raw", ["57/XYZ", "ab/NQ-CP", "21-CT/", "5/1850/NĐ-CP", "57/NQ#CP", "21-XX/TW"]
)
def test_a_number_the_parser_rejects_is_refused_with_its_message(raw):
    with pytest.raises(CitationError) as parser:
        parse_number(raw)

    with pytest.raises(DomainError) as refused:
        services.document_create(actor=SYSTEM, doc_type=DocType.NGHI_QUYET, number=raw)

    assert (refused.value.message, refused.value.field) == (str(parser.value), "number")
    assert LegalDocument.objects.count() == 0


def test_the_same_number_twice_is_refused_but_a_new_year_may_reuse_it():
    nq57()
    next_year = nq57(issued_on=dt.date(2010, 3, 2))

    with pytest.raises(DomainError) as refused, translation.override("en"):
        nq57(number="57/nq-cp")

    assert str(refused.value) == "Nghị quyết 57/NQ-CP ngày 01/12/2009 is already in the registry."
    assert next_year.number_key == "57/NQ-CP"


def test_undated_duplicates_are_refused_too():
    services.document_create(actor=SYSTEM, doc_type=DocType.DE_AN, number="938")

    with pytest.raises(DomainError):
        services.document_create(actor=SYSTEM, doc_type=DocType.DE_AN, number="938")

    assert LegalDocument.objects.count() == 1


def test_the_database_enforces_the_named_unique_constraint():
    document = nq57()

    with pytest.raises(IntegrityError), transaction.atomic():
        LegalDocument.objects.create(
            doc_type=document.doc_type,
            number="57/NQ-CP",
            number_key=document.number_key,
            issued_on=document.issued_on,
        )

    assert [c.name for c in LegalDocument._meta.constraints] == [
        "documents_legaldocument_unique_number",
        "documents_legaldocument_valid_range",
    ]


def test_validity_must_not_end_before_it_starts():
    with pytest.raises(DomainError) as refused:
        nq57(valid_from=dt.date(2010, 1, 1), valid_to=dt.date(2009, 1, 1))

    assert refused.value.field == "valid_to"


def test_update_records_only_the_changed_fields():
    officer = document_editor()
    document = nq57()

    services.document_update(
        document=document,
        actor=officer,
        number="57/NQ-CP",
        issuer="Chính phủ",
        summary="Chương trình hành động thực hiện Nghị quyết 11-NQ/TW",
    )

    entry = entries_for(document).first()
    assert (entry.action, entry.data) == (
        "phoihop.legaldocument.updated",
        {
            "summary": {
                "old": "Ban hành Chương trình hành động của Chính phủ đến năm 2020",
                "new": "Chương trình hành động thực hiện Nghị quyết 11-NQ/TW",
            }
        },
    )
    assert " 11 nq tw" in LegalDocument.objects.get().search_text


def test_update_without_changes_writes_nothing():
    document = nq57()

    services.document_update(document=document, actor=SYSTEM, issuer="Chính phủ", file=None)

    assert entries_for(document).count() == 1


def test_update_to_a_taken_number_is_refused():
    nq57()
    other = nq57(number="58/NQ-CP")

    with pytest.raises(DomainError):
        services.document_update(document=other, actor=SYSTEM, number="57/NQ-CP")

    assert LegalDocument.objects.get(pk=other.pk).number == "58/NQ-CP"


def test_a_file_is_stored_by_year_and_audited_by_name():
    document = nq57()

    services.document_update(
        document=document,
        actor=SYSTEM,
        file=SimpleUploadedFile("nq57.pdf", b"%PDF-1.4", content_type="application/pdf"),
    )

    document.refresh_from_db()
    changed = entries_for(document).first().data
    assert re.fullmatch(r"documents/\d{4}/nq57\w*\.pdf", document.file.name)
    assert changed == {"file": {"old": None, "new": document.file.name}}


def test_a_file_of_another_kind_is_refused():
    with pytest.raises(DomainError) as refused:
        nq57(file=SimpleUploadedFile("run.exe", b"MZ"))

    assert refused.value.field == "file"


def test_a_file_above_the_upload_limit_is_refused(settings):
    settings.MAX_UPLOAD_SIZE = 10

    with pytest.raises(DomainError) as refused:
        nq57(file=SimpleUploadedFile("big.pdf", b"x" * 11))

    assert refused.value.field == "file"
    assert LegalDocument.objects.count() == 0


# --------------------------------------------------------------------------- from citations


def test_the_lao_cai_paragraph_proposes_three_documents_with_dates_and_issuers():
    proposals = services.documents_from_citations(text=LAO_CAI, actor=SYSTEM)

    assert [
        (p.doc_type, p.citation.number, p.citation.issued_on, p.citation.issuer, p.existing)
        for p in proposals
    ] == [
        ("Nghị quyết", "57/NQ-CP", dt.date(2009, 12, 1), "Chính phủ", None),
        ("Nghị quyết", "11-NQ/TW", dt.date(2007, 4, 27), "Bộ Chính trị khóa X", None),
        ("Chỉ thị", "19-CT/TU", dt.date(2007, 8, 31), "Tỉnh ủy Lào Cai", None),
    ]


def test_proposals_find_registered_documents_by_number_type_and_date():
    registered = nq57(number="57/nq-cp")
    services.document_create(
        actor=SYSTEM, doc_type=DocType.CHI_THI, number="19-CT/TU", issued_on=dt.date(2012, 1, 5)
    )

    proposals = services.documents_from_citations(text=LAO_CAI, actor=SYSTEM)

    # 19-CT/TU of 2012 is another term's directive: the 2007 one is still new.
    assert [p.existing for p in proposals] == [registered, None, None]


def test_an_undated_registered_document_matches_a_dated_citation():
    undated = services.document_create(actor=SYSTEM, doc_type=DocType.CHI_THI, number="19-CT/TU")

    proposals = services.documents_from_citations(text=LAO_CAI, actor=SYSTEM)

    assert proposals[2].existing == undated


def test_resolve_registers_the_new_documents_only():
    officer = document_editor()
    registered = nq57()
    proposals = services.documents_from_citations(text=LAO_CAI, actor=officer)

    documents = services.documents_resolve(proposals=proposals, actor=officer)

    assert [str(d) for d in documents] == [
        "Nghị quyết 57/NQ-CP ngày 01/12/2009",
        "Nghị quyết 11-NQ/TW ngày 27/04/2007",
        "Chỉ thị 19-CT/TU ngày 31/08/2007",
    ]
    assert documents[0] == registered
    assert [(d.issuer, d.created_by) for d in documents[1:]] == [
        ("Bộ Chính trị khóa X", officer),
        ("Tỉnh ủy Lào Cai", officer),
    ]
    assert LegalDocument.objects.count() == 3


def test_resolve_is_all_or_nothing():
    proposals = services.documents_from_citations(
        text="Căn cứ Chỉ thị số 19-CT/TU ngày 31/8/2007; Kế hoạch số 12/XX ngày 02/3/2020",
        actor=SYSTEM,
    )

    with pytest.raises(DomainError):
        services.documents_resolve(proposals=proposals, actor=SYSTEM)

    assert [p.problem is None for p in proposals] == [True, False]
    assert LegalDocument.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nghị quyết", "Nghị quyết"),
        ("Chương trình hành động", "Chương trình"),
        ("Thoả thuận", "Thỏa thuận"),
        ("Bộ luật", "Luật"),
        ("Nghị quyết liên tịch", "Nghị quyết"),
        ("Tờ trình", "Khác"),
        (None, "Khác"),
    ],
)
def test_cited_type_words_map_to_registry_types(name, expected):
    assert services.doc_type_for(name) == expected


# --------------------------------------------------------------------------- permissions


def test_only_editors_and_superusers_may_add_documents(hanoi_union, hanoi_union_officer):
    viewer = account_factories.member(hanoi_union, "viewer", username="viewer")
    nobody = account_factories.user("nobody")
    admin = account_factories.user("admin", is_superuser=True)

    may_add = {
        u.username: (
            u.has_perm("documents.add_legaldocument"),
            u.has_perm("documents.view_legaldocument"),
        )
        for u in [hanoi_union_officer, viewer, nobody, admin]
    }

    assert may_add == {
        "hanoi_union_officer": (True, True),
        "viewer": (False, True),
        "nobody": (False, True),
        "admin": (True, True),
    }
