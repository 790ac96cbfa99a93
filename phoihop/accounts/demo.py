"""Demo users with different scopes, to show what each role sees."""

from __future__ import annotations

from dataclasses import dataclass

from phoihop.accounts import services
from phoihop.accounts.enums import Role
from phoihop.accounts.models import User
from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs.models import OrgUnit

DEMO_PASSWORD = "phoihop-demo"  # noqa: S105 - printed for the demo on purpose


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    unit_code: str
    role: str
    include_subunits: bool
    note: str


DEMO_USERS = [
    DemoUser(
        "ldld.dongthap",
        "Nguyễn Văn Minh",
        "cong-doan-82-2025",
        Role.UNIT_ADMIN,
        True,
        "LĐLĐ tỉnh Đồng Tháp (sau sáp nhập), thấy cả lịch sử Tiền Giang",
    ),
    DemoUser(
        "ldld.hanoi",
        "Trần Thị Nga",
        "cong-doan-01",
        Role.EDITOR,
        True,
        "LĐLĐ thành phố Hà Nội và các cấp dưới",
    ),
    DemoUser(
        "hoilhpn.hanoi",
        "Trần Lan Hương",
        "hoi-lhpn-01",
        Role.EDITOR,
        True,
        "Hội LHPN thành phố Hà Nội và các cấp dưới",
    ),
    DemoUser(
        "hoilhpn.tiengiang",
        "Nguyễn Thị Kim Phượng",
        "hoi-lhpn-82",
        Role.APPROVER,
        True,
        "Hội LHPN tỉnh Tiền Giang (đã sáp nhập 01/7/2025)",
    ),
    DemoUser(
        "ldld.danang",
        "Lê Văn Hải",
        "cong-doan-48-2025",
        Role.VIEWER,
        False,
        "Chỉ LĐLĐ thành phố Đà Nẵng, không gồm cấp dưới",
    ),
]


def demo_users_create() -> list[tuple[DemoUser, User]]:
    created = []
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            "admin", "admin@phoihop.local", DEMO_PASSWORD, full_name="Quản trị hệ thống"
        )
    for spec in DEMO_USERS:
        user, _ = User.objects.get_or_create(
            username=spec.username, defaults={"full_name": spec.full_name}
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        unit = OrgUnit.objects.filter(code=spec.unit_code).first()
        if unit is None:  # only some provinces were loaded
            continue
        if not user.memberships.filter(unit=unit, role=spec.role).exists():
            services.membership_grant(
                user=user,
                unit=unit,
                role=spec.role,
                include_subunits=spec.include_subunits,
                actor=SYSTEM,
            )
        created.append((spec, user))
    return created
