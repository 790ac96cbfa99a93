"""The organization systems and their levels that every installation starts with.

Levels are data: installations add their own (a new charter may rename or add levels), and
``tier`` says where each level sits on the shared national scale for counterpart pairing.
"""

from phoihop.orgs.enums import Tier

DEFAULT_SYSTEMS: list[dict] = [
    {
        "code": "cong-doan",
        "name": "Công đoàn Việt Nam",
        "short_name": "Công đoàn",
        "levels": [
            ("trung-uong", "Tổng Liên đoàn", Tier.CENTRAL),
            ("tinh", "LĐLĐ tỉnh, thành phố", Tier.PROVINCE),
            ("nganh-tw", "Công đoàn ngành Trung ương và tương đương", Tier.PROVINCE),
            ("huyen", "LĐLĐ huyện, quận, thị xã, thành phố thuộc tỉnh", Tier.DISTRICT),
            ("nganh-dia-phuong", "Công đoàn ngành địa phương", Tier.DISTRICT),
            ("kcn", "Công đoàn các khu công nghiệp, khu kinh tế", Tier.DISTRICT),
            ("xa", "Công đoàn xã, phường, đặc khu", Tier.COMMUNE),
            ("co-so", "Công đoàn cơ sở, nghiệp đoàn cơ sở", Tier.GRASSROOTS),
        ],
    },
    {
        "code": "hoi-lhpn",
        "name": "Hội Liên hiệp Phụ nữ Việt Nam",
        "short_name": "Hội LHPN",
        "levels": [
            ("trung-uong", "Trung ương Hội", Tier.CENTRAL),
            ("tinh", "Hội LHPN tỉnh, thành phố", Tier.PROVINCE),
            ("huyen", "Hội LHPN huyện, quận, thị xã", Tier.DISTRICT),
            ("xa", "Hội LHPN xã, phường, đặc khu (cơ sở)", Tier.COMMUNE),
            ("chi-hoi", "Chi hội phụ nữ", Tier.BELOW),
        ],
    },
    {
        "code": "doan-tn",
        "name": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "short_name": "Đoàn TN",
        "levels": [
            ("trung-uong", "Trung ương Đoàn", Tier.CENTRAL),
            ("tinh", "Tỉnh Đoàn, Thành Đoàn", Tier.PROVINCE),
            ("huyen", "Huyện Đoàn, Quận Đoàn", Tier.DISTRICT),
            ("xa", "Đoàn xã, phường", Tier.COMMUNE),
            ("co-so", "Chi đoàn, Đoàn cơ sở", Tier.GRASSROOTS),
        ],
    },
    {
        "code": "hoi-nong-dan",
        "name": "Hội Nông dân Việt Nam",
        "short_name": "Hội Nông dân",
        "levels": [
            ("trung-uong", "Trung ương Hội", Tier.CENTRAL),
            ("tinh", "Hội Nông dân tỉnh, thành phố", Tier.PROVINCE),
            ("huyen", "Hội Nông dân huyện", Tier.DISTRICT),
            ("xa", "Hội Nông dân xã", Tier.COMMUNE),
        ],
    },
    {
        "code": "mttq",
        "name": "Mặt trận Tổ quốc Việt Nam",
        "short_name": "MTTQ",
        "levels": [
            ("trung-uong", "Ủy ban Trung ương MTTQ", Tier.CENTRAL),
            ("tinh", "Ủy ban MTTQ tỉnh, thành phố", Tier.PROVINCE),
            ("huyen", "Ủy ban MTTQ huyện", Tier.DISTRICT),
            ("xa", "Ủy ban MTTQ xã, phường", Tier.COMMUNE),
        ],
    },
    {
        "code": "chinh-quyen",
        "name": "Cơ quan nhà nước",
        "short_name": "Chính quyền",
        "levels": [
            ("trung-uong", "Bộ, ngành Trung ương", Tier.CENTRAL),
            ("tinh", "UBND tỉnh, sở, ngành", Tier.PROVINCE),
            ("huyen", "UBND huyện", Tier.DISTRICT),
            ("xa", "UBND xã, phường", Tier.COMMUNE),
        ],
    },
    {
        "code": "doanh-nghiep",
        "name": "Doanh nghiệp, đơn vị sự nghiệp",
        "short_name": "Doanh nghiệp",
        "levels": [("doanh-nghiep", "Doanh nghiệp, đơn vị", Tier.GRASSROOTS)],
    },
    {
        "code": "nuoc-ngoai",
        "name": "Tổ chức nước ngoài",
        "short_name": "Nước ngoài",
        "levels": [
            ("trung-uong", "Cấp quốc gia", Tier.CENTRAL),
            ("tinh", "Cấp tỉnh", Tier.PROVINCE),
        ],
    },
]


def create_default_systems(system_model, level_model) -> None:
    """Used by the data migration (with historical models) and by tests."""
    for order, spec in enumerate(DEFAULT_SYSTEMS):
        system, _created = system_model.objects.get_or_create(
            code=spec["code"],
            defaults={"name": spec["name"], "short_name": spec["short_name"], "order": order},
        )
        for code, name, tier in spec["levels"]:
            level_model.objects.get_or_create(
                system=system, code=code, defaults={"name": name, "tier": int(tier)}
            )
