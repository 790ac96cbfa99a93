"""Demo programs built from the five seed articles, plus a national cascade for coverage.

Everything goes through ``programs.services``, ``programs.cascade`` and ``documents.services``,
so the demo has the same audit trail, milestones and phase links as entered data.

What comes from the articles (``/work/shared/seeds``):

1. Tiền Giang (000): "Chương trình phối hợp các hoạt động trong nữ cán bộ, viên chức, công nhân,
   lao động giai đoạn 2022 - 2027", LĐLĐ tỉnh ↔ Hội LHPN tỉnh, signed on 16/03/2023 at the Hội
   nghị triển khai; bases Đề án 938 and 939. The article announces "6 nội dung cơ bản" but lists
   four groups: the first and last group each name two things, so they are split in two (see
   ``TIEN_GIANG_AREAS``). The article names the two chairpersons as present and says "lãnh đạo
   hai đơn vị ký kết"; they are recorded as the signatories. The previous phase 2017–2022 had
   Tỉnh Đoàn as a third party (DOMAIN.md §5.1); its review is taken to be this conference.
2. Hà Nội (001): the city program 2017–2022 on activities among nữ CNVCLĐ, cascaded to the
   districts; quận Thanh Xuân signed on 06/3/2017 with the article's four contents and objective.
3. Lào Cai (002): the LĐLĐ's 2020 plan on công tác Vì sự tiến bộ của phụ nữ và Bình đẳng giới,
   its nine cited documents read from the article's own sentences, in the article's order.
4. Bắc Giang (003): the cooperation agreement with Xay Sổm Bun (Lào) 2022–2025, reviewed in 2023.
5. Công Thương (004): the 2018–2023 program of the branch unions of Hà Nội and Hải Phòng, reviewed
   on 08/9/2023 and renewed for 2023–2028 with the three contents the article names.
6. A national TLĐ ↔ Hội LHPN Việt Nam program 2023–2028 cascaded to the provinces (generated).

Days the articles do not give (when the earlier phases were signed, when Hà Nội held its review)
are plausible placeholders, marked ``# assumed``. A part whose units are missing (only some
provinces loaded) is skipped and named in ``DemoPrograms.skipped``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from phoihop.accounts.permissions import SYSTEM
from phoihop.documents import services as document_services
from phoihop.documents.models import LegalDocument
from phoihop.orgs.enums import Tier
from phoihop.orgs.models import OrgUnit
from phoihop.programs import cascade, services
from phoihop.programs.enums import SIGNED_STATES, PartyRole, ProgramKind, ProgramState
from phoihop.programs.models import Program, ProgramLegalBasis

D = dt.date
LEAD, PARTNER = PartyRole.LEAD, PartyRole.PARTNER


@dataclass
class DemoPrograms:
    programs: int = 0
    derived: int = 0
    signed: int = 0
    in_effect: int = 0
    closed: int = 0
    drafts: int = 0
    legal_documents: int = 0
    skipped: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- article texts

TIEN_GIANG_TITLE = (
    "Chương trình phối hợp các hoạt động trong nữ cán bộ, viên chức, công nhân, lao động "
    "giai đoạn 2022 - 2027"
)
# The article's four groups, the first and the last split in two to make its "6 nội dung".
TIEN_GIANG_AREAS = [
    "Công tác tuyên truyền nữ cán bộ, công chức, viên chức và công nhân, lao động",
    "Công tác vận động nữ cán bộ, công chức, viên chức và công nhân, lao động",
    "Công tác cán bộ nữ",
    "Công tác chỉ đạo thực hiện các phong trào thi đua trong nữ cán bộ, công chức, viên chức "
    "và công nhân, lao động",
    "Nâng cao hiệu quả công tác Công đoàn cơ sở",
    "Nâng cao hiệu quả công tác Hội phụ nữ cơ sở",
]
TIEN_GIANG_METHODS = (
    "Sau hội nghị, các cấp LĐLĐ và Hội LHPN trong tỉnh phối hợp triển khai đến Công đoàn cơ sở "
    "xã, phường, thị trấn và Hội phụ nữ cơ sở; phối hợp tuyên truyền, giáo dục, vận động công "
    "nhân, lao động thực hiện tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước. "
    "Chủ động lồng ghép hoạt động của Hội LHPN với hoạt động nữ công của Công đoàn; tiếp tục "
    "thành lập, nâng cao chất lượng hoạt động Ban nữ công quần chúng trong các doanh nghiệp."
)
TIEN_GIANG_BASES = (
    "Đề án 938, phát huy vai trò của phụ nữ tham gia giải quyết các vấn đề xã hội giai đoạn "
    "2017 - 2027; Đề án 939 về hỗ trợ khởi nghiệp giai đoạn 2017 - 2025"
)
DOCUMENT_SUMMARIES = {
    ("Đề án", "938"): (
        "Phát huy vai trò của phụ nữ tham gia giải quyết các vấn đề xã hội giai đoạn 2017 - 2027"
    ),
    ("Đề án", "939"): "Hỗ trợ phụ nữ khởi nghiệp giai đoạn 2017 - 2025",
}

HANOI_TITLE = (
    "Chương trình phối hợp tổ chức các hoạt động trong nữ công nhân viên chức lao động "
    "giai đoạn {phase}"
)
THANH_XUAN_TITLE = (
    "Chương trình phối hợp tổ chức các hoạt động trong nữ CNVCLĐ quận Thanh Xuân "
    "giai đoạn 2017 - 2022"
)
THANH_XUAN_AREAS = [
    "Phối hợp tuyên truyền, giáo dục vận động nữ CNVCLĐ thực hiện chủ trương, luật pháp, chính "
    "sách; rèn luyện phẩm chất đạo đức; nâng cao trình độ nhận thức",
    "Phối hợp tổ chức phong trào thi đua trong nữ CNVCLĐ và thực hiện chính sách lao động nữ",
    "Phối hợp tổ chức các hoạt động tuyên truyền, vận động hỗ trợ nữ CNVCLĐ nâng cao nhận thức "
    "về bình đẳng giới; xây dựng gia đình no ấm, tiến bộ, hạnh phúc",
    "Phối hợp xây dựng tổ chức Công đoàn, Hội phụ nữ và xây dựng đội ngũ cán bộ nữ",
]
THANH_XUAN_PURPOSE = (
    "Phối hợp xây dựng được đội ngũ nữ CNVCLĐ quận Thanh Xuân có bản lĩnh chính trị, phẩm chất "
    "đạo đức, trình độ, năng lực, đáp ứng yêu cầu sự nghiệp CNH, HĐH, hội nhập quốc tế; động "
    "viên nữ CNVCLĐ phát huy tiềm năng, trí tuệ, lao động sáng tạo, xây dựng gia đình no ấm, "
    "tiến bộ, hạnh phúc, góp phần phát triển kinh tế – xã hội của quận Thanh Xuân."
)

LAO_CAI_TITLE = (
    "Kế hoạch thực hiện một số nhiệm vụ trọng tâm công tác Vì sự tiến bộ của phụ nữ và "
    "Bình đẳng giới năm 2020"
)
LAO_CAI_PURPOSE = (
    "Tiếp tục triển khai thực hiện có hiệu quả các chủ trương, chính sách của Đảng, Nhà nước, "
    "của Tổng Liên đoàn và của tỉnh về công tác Vì sự tiến bộ của phụ nữ; tăng cường các hoạt "
    "động tuyên truyền lồng ghép, gắn với công tác vận động nữ CNVCLĐ nhằm nâng cao năng lực, "
    "trình độ, tạo việc làm ổn định, nâng cao vị thế của nữ CNVCLĐ trong gia đình và xã hội. "
    "Nâng cao nhận thức trong cán bộ công đoàn, đoàn viên, CNVCLĐ về công tác Vì sự tiến bộ của "
    "phụ nữ, bình đẳng giới góp phần bảo vệ tốt hơn quyền và lợi ích hợp pháp chính đáng của nữ "
    "CNVCLĐ."
)
LAO_CAI_METHODS = (
    "Tăng cường phối hợp với chuyên môn, Hội phụ nữ, Ban Vì sự tiến bộ của phụ nữ đồng cấp trong "
    "việc thực hiện Chương trình, kế hoạch hành động của ngành, địa phương."
)
# The article's sentences that cite documents, verbatim: the parser finds nine documents
# (23/KH-LĐLĐ is cited twice) in this order.
LAO_CAI_BASES = (
    "góp phần thực hiện tốt các mục tiêu của Kế hoạch số 23/KH-LĐLĐ ngày 22/4/2016 của Ban "
    "Thường vụ LĐLĐ tỉnh Lào Cai triển khai Chương trình hành động về bình đẳng giới giai đoạn "
    "2016 - 2020. Các cấp Công đoàn đẩy mạnh công tác tuyên truyền, tiếp tục thực hiện hiệu quả "
    "các nội dung chỉ đạo trong Nghị quyết 57/NQ-CP ngày 01/12/2009 của Chính phủ về ban hành "
    "Chương trình hành động của Chính phủ giai đoạn đến năm 2020, thực hiện Nghị quyết số "
    "11-NQ/TW ngày 27/4/2007 của Bộ Chính trị khóa X; Chỉ thị số 19-CT/TU ngày 31/8/2007 của "
    "Tỉnh ủy Lào Cai về công tác phụ nữ thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước; "
    "Hướng dẫn số 10/HD-LĐLĐ ngày 21/3/2018 của Ban Thường vụ LĐLĐ tỉnh Lào Cai tuyên truyền "
    "thực hiện Chỉ thị 21-CT/TW ngày 20/01/2018 của Ban Bí thư Trung ương Đảng về tiếp đẩy mạnh "
    "công tác phụ nữ trong tình hình mới. Tổng kết 10 năm thực hiện Nghị quyết 6b/NQ-BCH về công "
    "tác vận động nữ CNVCLĐ thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước và Chỉ thị "
    "03/CT-TLĐ về tiếp tục đẩy mạnh phong trào thi đua “Giỏi việc nước, đảm việc nhà” trong nữ "
    "CNVCLĐ (2010-2020); Kế hoạch số 23/KH-LĐLĐ ngày 22/4/2016 của Ban Thường vụ Liên đoàn Lao "
    "động tỉnh Lào Cai về triển khai Chương trình hành động về bình đẳng giới giai đoạn "
    "2016-2020. (theo tinh thần Nghị quyết số 12b/NQ-BCH của Ban Chấp hành Tổng Liên đoàn khóa "
    "XI, ngày 12/7/2017 về Ban Nữ công quần chúng)"
)

BAC_GIANG_TITLE = (
    "Thỏa thuận hợp tác giữa Hội LHPN tỉnh Bắc Giang và tỉnh Xay Sổm Bun (Lào) giai đoạn 2022-2025"
)

CONG_THUONG_TITLE = (
    "Chương trình phối hợp công tác giữa Công đoàn ngành Công Thương hai thành phố Hà Nội, "
    "Hải Phòng giai đoạn {phase}"
)
CONG_THUONG_AREAS = [
    "Phối hợp trong công tác chăm lo, bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn viên, "
    "NLĐ",
    "Phối hợp trong công tác tuyên truyền, giáo dục đoàn viên và NLĐ",
    "Phối hợp tổ chức các phong trào thi đua yêu nước",
]
CONG_THUONG_BASES = (
    "Nghị quyết số 02-NQ/TW ngày 12/6/2021 của Bộ Chính trị về “Đổi mới tổ chức và hoạt động "
    "Công đoàn Việt Nam trong tình hình mới”"
)

# Generated (not from an article): the national program and its usual contents.
NATIONAL_TITLE = (
    "Chương trình phối hợp hoạt động giữa Tổng Liên đoàn Lao động Việt Nam và Hội Liên hiệp "
    "Phụ nữ Việt Nam giai đoạn 2023 - 2028"
)
NATIONAL_AREAS = [
    "Phối hợp tuyên truyền, giáo dục nữ đoàn viên, hội viên, nữ CNVCLĐ",
    "Phối hợp chăm lo, bảo vệ quyền, lợi ích hợp pháp, chính đáng của lao động nữ",
    "Phối hợp tổ chức phong trào thi đua “Giỏi việc nước, đảm việc nhà”",
    "Phối hợp thực hiện công tác cán bộ nữ và bình đẳng giới",
    "Phối hợp xây dựng tổ chức Công đoàn, Hội phụ nữ cơ sở vững mạnh",
]
NATIONAL_BASES = (
    "Chỉ thị 21-CT/TW ngày 20/01/2018 của Ban Bí thư; Nghị quyết số 02-NQ/TW ngày 12/6/2021 "
    "của Bộ Chính trị"
)


# --------------------------------------------------------------------------- helpers


def _unit(code: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=code).first()


def _named(name: str, system: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(name=name, system__code=system).first()


def _areas(titles: Sequence[str]) -> list[dict]:
    return [{"title": title} for title in titles]


def _documents(text: str) -> list[LegalDocument]:
    """The documents ``text`` cites, registered when new (with a summary when one is known)."""
    proposals = document_services.documents_from_citations(text=text)
    documents = []
    for proposal in proposals:
        key = (proposal.citation.doc_type, proposal.citation.number)
        summary = DOCUMENT_SUMMARIES.get(key)
        if proposal.existing is None and summary:
            documents.append(
                document_services.document_create(
                    actor=SYSTEM,
                    doc_type=proposal.doc_type,
                    number=proposal.citation.number,
                    summary=summary,
                )
            )
        else:
            documents.extend(
                document_services.documents_resolve(proposals=[proposal], actor=SYSTEM)
            )
    return documents


def _sign_some(
    programs: Sequence[Program],
    *,
    first_day: dt.date,
    step_days: int,
    unsigned: set[int],
    not_activated: set[int],
    period: int = 10,
) -> None:
    """Sign the derived programs whose index mod ``period`` is not in ``unsigned``; activate
    those not in ``not_activated`` either. Deterministic, so the demo is the same every time."""
    for i, program in enumerate(programs):
        if i % period in unsigned:
            continue
        services.program_sign(
            program=program, signed_on=first_day + dt.timedelta(days=step_days * i), actor=SYSTEM
        )
        if i % period not in not_activated:
            services.program_activate(program=program, actor=SYSTEM)


def _derived(program: Program) -> list[Program]:
    return list(program.derived.order_by("pk"))


# --------------------------------------------------------------------------- the five articles


def _tien_giang() -> bool:
    union, women = _unit("cong-doan-82"), _unit("hoi-lhpn-82")
    youth = _named("Tỉnh Đoàn Tiền Giang", "doan-tn")
    if union is None or women is None:
        return False
    previous = None
    if youth is not None:
        previous = services.program_create(
            actor=SYSTEM,
            parties=[
                {"unit": union, "role": LEAD},
                {"unit": women, "role": PARTNER},
                {"unit": youth, "role": PARTNER},
            ],
            title=(
                "Chương trình phối hợp giữa Liên đoàn Lao động, Hội Liên hiệp Phụ nữ và Tỉnh Đoàn "
                "Tiền Giang giai đoạn 2017 - 2022"
            ),
            start_year=2017,
            end_year=2022,
        )
        services.program_sign(program=previous, signed_on=D(2017, 6, 15), actor=SYSTEM)  # assumed
        services.program_activate(program=previous, actor=SYSTEM)
        # "Qua 5 năm triển khai chương trình phối hợp…": reviewed at the 16/3/2023 conference.
        services.program_close(program=previous, actor=SYSTEM, held_on=D(2023, 3, 16))
    program = services.program_create(
        actor=SYSTEM,
        parties=[
            {
                "unit": union,
                "role": LEAD,
                "signatory_name": "Lê Minh Hùng",
                "signatory_title": "Tỉnh ủy viên, Chủ tịch LĐLĐ tỉnh",
            },
            {
                "unit": women,
                "role": PARTNER,
                "signatory_name": "Nguyễn Thị Kim Phượng",
                "signatory_title": "Tỉnh ủy viên, Chủ tịch Hội LHPN tỉnh",
            },
        ],
        content_areas=_areas(TIEN_GIANG_AREAS),
        predecessor=previous,
        title=TIEN_GIANG_TITLE,
        start_year=2022,
        end_year=2027,
        coordination_methods=TIEN_GIANG_METHODS,
    )
    services.program_set_legal_bases(
        program=program, documents=_documents(TIEN_GIANG_BASES), actor=SYSTEM
    )
    services.program_sign(
        program=program,
        signed_on=D(2023, 3, 16),
        actor=SYSTEM,
        signed_place="Hội nghị triển khai Chương trình phối hợp, tỉnh Tiền Giang",
    )
    services.program_activate(program=program, actor=SYSTEM)
    cascade.program_cascade(program=program, tier=Tier.DISTRICT, on=D(2023, 4, 3), actor=SYSTEM)
    _sign_some(
        _derived(program),
        first_day=D(2023, 4, 10),
        step_days=4,
        unsigned={2, 5, 8},
        not_activated={3, 6, 9},
    )
    return True


def _hanoi() -> bool:
    union, women = _unit("cong-doan-01"), _unit("hoi-lhpn-01")
    if union is None or women is None:
        return False
    city = services.program_create(
        actor=SYSTEM,
        parties=[{"unit": union, "role": LEAD}, {"unit": women, "role": PARTNER}],
        title=HANOI_TITLE.format(phase="2017 - 2022"),
        start_year=2017,
        end_year=2022,
    )
    services.program_sign(program=city, signed_on=D(2017, 2, 24), actor=SYSTEM)  # assumed
    services.program_activate(program=city, actor=SYSTEM)
    cascade.program_cascade(program=city, tier=Tier.DISTRICT, on=D(2017, 3, 1), actor=SYSTEM)
    for district in city.derived.filter(parties__unit__name__contains="Thanh Xuân").distinct():
        parties = []
        for party in district.parties.select_related("unit").order_by("order"):
            is_women = party.unit.system.code == "hoi-lhpn"
            parties.append(
                {
                    "unit": party.unit,
                    "role": party.role,
                    "signatory_name": "Trần Lan Hương" if is_women else "Trần Thị Nga",
                    "signatory_title": (
                        "Chủ tịch Hội LHPN quận" if is_women else "Chủ tịch LĐLĐ quận"
                    ),
                }
            )
        services.program_update(
            program=district,
            actor=SYSTEM,
            parties=parties,
            content_areas=_areas(THANH_XUAN_AREAS),
            title=THANH_XUAN_TITLE,
            purpose=THANH_XUAN_PURPOSE,
        )
        services.program_sign(
            program=district,
            signed_on=D(2017, 3, 6),
            actor=SYSTEM,
            signed_place="Hội trường UBND quận Thanh Xuân",
        )
        services.program_activate(program=district, actor=SYSTEM)
        services.program_close(program=district, actor=SYSTEM, held_on=D(2022, 2, 25))  # assumed
    # The city's final review and the new phase, signed at the same conference (assumed day).
    services.program_close(program=city, actor=SYSTEM, held_on=D(2022, 3, 4))
    renewal = services.program_renew(program=city, actor=SYSTEM, start_year=2022, end_year=2027)
    services.program_update(
        program=renewal, actor=SYSTEM, title=HANOI_TITLE.format(phase="2022 - 2027")
    )
    services.program_sign(program=renewal, signed_on=D(2022, 3, 4), actor=SYSTEM)
    services.program_activate(program=renewal, actor=SYSTEM)
    return True


def _lao_cai() -> bool:
    union, women = _unit("cong-doan-10"), _unit("hoi-lhpn-10")
    if union is None or women is None:
        return False
    plan = services.program_create(
        actor=SYSTEM,
        parties=[{"unit": union, "role": LEAD}, {"unit": women, "role": PARTNER}],
        kind=ProgramKind.JOINT_PLAN,
        title=LAO_CAI_TITLE,
        start_year=2020,
        end_year=2020,
        purpose=LAO_CAI_PURPOSE,
        coordination_methods=LAO_CAI_METHODS,
    )
    services.program_set_legal_bases(
        program=plan, documents=_documents(LAO_CAI_BASES), actor=SYSTEM
    )
    services.program_sign(program=plan, signed_on=D(2020, 2, 10), actor=SYSTEM)  # assumed day
    services.program_activate(program=plan, actor=SYSTEM)
    return True


def _bac_giang() -> bool:
    women = _unit("hoi-lhpn-24")
    laos = _named("Hội Liên hiệp Phụ nữ tỉnh Xay Sổm Bun (Lào)", "nuoc-ngoai")
    if women is None or laos is None:
        return False
    agreement = services.program_create(
        actor=SYSTEM,
        parties=[{"unit": women, "role": LEAD}, {"unit": laos, "role": PARTNER}],
        kind=ProgramKind.AGREEMENT,
        title=BAC_GIANG_TITLE,
        start_year=2022,
        end_year=2025,
    )
    services.program_sign(program=agreement, signed_on=D(2022, 4, 20), actor=SYSTEM)  # assumed
    services.program_activate(program=agreement, actor=SYSTEM)
    # The sơ kết of 31/7/2023 (article 003) reported on the agreement's implementation.
    services.program_start_review(program=agreement, actor=SYSTEM, held_on=D(2023, 7, 31))
    services.program_end_review(program=agreement, actor=SYSTEM)
    return True


def _cong_thuong() -> bool:
    hanoi, haiphong = _unit("cd-cong-thuong-01"), _unit("cd-cong-thuong-31")
    if hanoi is None or haiphong is None:
        return False
    first = services.program_create(
        actor=SYSTEM,
        parties=[{"unit": hanoi, "role": LEAD}, {"unit": haiphong, "role": PARTNER}],
        title=CONG_THUONG_TITLE.format(phase="2018 - 2023"),
        start_year=2018,
        end_year=2023,
    )
    services.program_sign(program=first, signed_on=D(2018, 9, 7), actor=SYSTEM)  # assumed
    services.program_activate(program=first, actor=SYSTEM)
    services.program_close(program=first, actor=SYSTEM, held_on=D(2023, 9, 8))
    renewal = services.program_renew(program=first, actor=SYSTEM, start_year=2023, end_year=2028)
    services.program_update(
        program=renewal,
        actor=SYSTEM,
        title=CONG_THUONG_TITLE.format(phase="2023 - 2028"),
        content_areas=_areas(CONG_THUONG_AREAS),
    )
    services.program_set_legal_bases(
        program=renewal, documents=_documents(CONG_THUONG_BASES), actor=SYSTEM
    )
    services.program_sign(
        program=renewal, signed_on=D(2023, 9, 8), actor=SYSTEM, signed_place="Hà Nội"
    )
    services.program_activate(program=renewal, actor=SYSTEM)
    return True


def _national() -> bool:
    union, women = _unit("TLD"), _unit("HLHPNVN")
    if union is None or women is None:
        return False
    program = services.program_create(
        actor=SYSTEM,
        parties=[{"unit": union, "role": LEAD}, {"unit": women, "role": PARTNER}],
        content_areas=_areas(NATIONAL_AREAS),
        title=NATIONAL_TITLE,
        start_year=2023,
        end_year=2028,
    )
    services.program_set_legal_bases(
        program=program, documents=_documents(NATIONAL_BASES), actor=SYSTEM
    )
    services.program_sign(
        program=program,
        signed_on=D(2023, 12, 12),
        actor=SYSTEM,
        number="5346/CTPH-TLĐLĐVN-HLHPNVN",
        signed_place="Hà Nội",
    )
    services.program_activate(program=program, actor=SYSTEM)
    cascade.program_cascade(program=program, tier=Tier.PROVINCE, on=D(2024, 1, 1), actor=SYSTEM)
    _sign_some(
        _derived(program),
        first_day=D(2024, 1, 15),
        step_days=3,
        unsigned={3},
        not_activated={1, 5},
        period=7,
    )
    return True


PARTS = [
    ("Tiền Giang", _tien_giang),
    ("Hà Nội / Thanh Xuân", _hanoi),
    ("Lào Cai", _lao_cai),
    ("Bắc Giang – Xay Sổm Bun", _bac_giang),
    ("Công Thương Hà Nội – Hải Phòng", _cong_thuong),
    ("Tổng Liên đoàn – Hội LHPN Việt Nam", _national),
]


@transaction.atomic
def demo_programs_create() -> DemoPrograms:
    """Build the demo programs (run once, on the demo trees). Parts without their units are
    skipped. Returns the counts."""
    result = DemoPrograms()
    for label, build in PARTS:
        if not build():
            result.skipped.append(label)
    programs = Program.objects.all()
    result.programs = programs.count()
    result.derived = programs.filter(parent__isnull=False).count()
    result.signed = programs.filter(state__in=SIGNED_STATES).count()
    result.in_effect = programs.filter(
        state__in=[ProgramState.IN_EFFECT, ProgramState.UNDER_REVIEW]
    ).count()
    result.closed = programs.filter(
        state__in=[ProgramState.CLOSED, ProgramState.SUPERSEDED]
    ).count()
    result.drafts = programs.filter(state=ProgramState.DRAFT).count()
    result.legal_documents = ProgramLegalBasis.objects.values("document_id").distinct().count()
    return result
