"""Every page a user opens reads in Vietnamese: no untranslated English msgid, no ISO date,
no dotted or snake_case code, no empty select label "---------" (issue 12, item 9).

The walk covers every page of the menu and the detail, edit and history pages of a unit, a
program, an activity and a document that have a change log with merges, transitions and roles.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
import pytest
from django.urls import reverse

from phoihop.accounts import services as account_services
from phoihop.activities import services as activity_services
from phoihop.activities.models import ActivityKind
from phoihop.documents import services as document_services
from phoihop.documents.enums import DocType
from phoihop.orgs import services as org_services
from phoihop.programs import services as program_services
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CATALOG = Path(__file__).resolve().parents[2] / "phoihop" / "locale" / "vi" / "LC_MESSAGES"
ISO_DATE = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b")
DOTTED_CODE = re.compile(r"\bphoihop\.[a-z_]+(\.[a-z_]+)*\b")
SNAKE_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
# Strings users type or that are names, not interface text.
ALLOWED_SNAKE = {"picker_name"}


def english_msgids() -> set[str]:
    """Interface sentences of the catalog (two words or more, no placeholders) whose
    Vietnamese differs from the English: finding one on a page means it was not translated."""
    text = (CATALOG / "django.po").read_text(encoding="utf-8")
    found = set()
    for block in text.split("\n\n"):
        msgid = (
            "".join(re.findall(r'^msgid "(.*)"$|^"(.*)"$', block, re.M)[0])
            if "msgid" in block
            else ""
        )
        ids = re.findall(r'msgid "(.*)"\n(?:"(.*)"\n)*msgstr', block)
        if not ids:
            continue
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgstr")[0].split("msgid_plural")[0]))
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[1]))
        if "%" in msgid or "{" in msgid or len(msgid.split()) < 2 or msgid == msgstr:
            continue
        found.add(msgid.replace('\\"', '"'))
    return found


def visible_text(html: str) -> str:
    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    body = tree.find("body")
    return " ".join((body if body is not None else tree).text_content().split())


@pytest.fixture
def world(union_root, women_root, hanoi_union, hanoi_women, hanoi_area):
    admin = account_factories.user("quantri", is_superuser=True, is_staff=True)
    old = org_factories.unit(
        "Liên đoàn Lao động tỉnh Tiền Giang", parent=union_root, valid_from=dt.date(2000, 1, 1)
    )
    new = org_factories.unit(
        "Liên đoàn Lao động tỉnh Đồng Tháp", parent=union_root, valid_from=dt.date(2000, 1, 1)
    )
    org_services.units_merge(sources=[old], target=new, on=dt.date(2025, 7, 1), actor=admin)
    account_services.membership_grant(
        unit=hanoi_union,
        user=account_factories.user("canbo"),
        role="unit_admin",
        include_subunits=True,
        actor=admin,
    )
    program = program_services.program_create(
        actor=admin,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        title="Chương trình phối hợp chăm lo nữ công nhân",
        start_year=2023,
        end_year=2028,
    )
    program_services.program_sign(program=program, signed_on=dt.date(2023, 3, 16), actor=admin)
    program_services.program_activate(program=program, actor=admin)
    activity = activity_services.activity_create(
        actor=admin,
        title="Tọa đàm bình đẳng giới",
        kind=ActivityKind.objects.first(),
        starts_on=dt.date(2024, 3, 6),
        organizers=[(hanoi_union, "lead"), (hanoi_women, "partner")],
        participants=120,
        participants_women=90,
    )
    activity_services.activity_update(activity=activity, actor=admin, participants=150)
    document = document_services.document_create(
        actor=admin,
        doc_type=DocType.NGHI_QUYET,
        number="57/NQ-CP",
        issuer="Chính phủ",
        issued_on=dt.date(2009, 12, 1),
        summary="Chương trình hành động của Chính phủ",
    )
    return {
        "admin": admin,
        "old": old,
        "new": new,
        "program": program,
        "activity": activity,
        "document": document,
    }


def pages(world) -> list[str]:
    program, activity, unit = world["program"], world["activity"], world["old"]
    return [
        reverse("home:home"),
        reverse("orgs:tree"),
        reverse("orgs:unit_search") + "?q=tien+giang",
        reverse("orgs:unit_detail", args=[unit.pk]),
        reverse("orgs:unit_detail", args=[world["new"].pk]),
        reverse("orgs:unit_edit", args=[world["new"].pk]),
        reverse("orgs:unit_members", args=[program.parties.first().unit_id]),
        reverse("orgs:unit_reorganize", args=[world["new"].pk]),
        reverse("orgs:unit_import"),
        reverse("programs:program_list"),
        reverse("programs:program_create"),
        reverse("programs:program_detail", args=[program.pk]),
        reverse("programs:program_edit", args=[program.pk]),
        reverse("activities:activity_list"),
        reverse("activities:activity_create"),
        reverse("activities:activity_detail", args=[activity.pk]),
        reverse("activities:activity_edit", args=[activity.pk]),
        reverse("activities_excel:activity_import"),
        reverse("agenda:month"),
        reverse("agenda:list"),
        reverse("agenda:feed"),
        reverse("documents:document_list"),
        reverse("documents:document_create"),
        reverse("documents:document_detail", args=[world["document"].pk]),
        reverse("articles:article_new"),
        reverse("accounts:password_change"),
        "/khong-co-trang-nay/",
    ]


def test_every_page_reads_in_vietnamese(client, world):
    client.force_login(world["admin"])
    msgids = english_msgids()
    problems = []
    for url in pages(world):
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        text = visible_text(response.content.decode())
        problems += [f"{url}: untranslated “{m}”" for m in msgids if m in text]
        problems += [f"{url}: ISO date {m.group()}" for m in ISO_DATE.finditer(text)]
        problems += [f"{url}: code {m.group()}" for m in DOTTED_CODE.finditer(text)]
        problems += [
            f"{url}: code {m.group()}"
            for m in SNAKE_CODE.finditer(text)
            if m.group() not in ALLOWED_SNAKE
        ]
        if "---------" in response.content.decode():
            problems.append(f"{url}: empty choice shown as ---------")
    assert problems == [], "\n".join(problems)
