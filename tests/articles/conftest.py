"""Fixtures of the article import tests: the Bến Tre unions and one of their officers."""

import pytest

from tests.factories import orgs as factories
from tests.factories.accounts import member


@pytest.fixture
def ben_tre(union_root, women_root):
    area = factories.area("Tỉnh Bến Tre", code="83", short_name="Bến Tre")
    union = factories.unit(
        "Liên đoàn Lao động tỉnh Bến Tre",
        short_name="LĐLĐ tỉnh Bến Tre",
        parent=union_root,
        area=area,
    )
    women = factories.unit(
        "Hội Liên hiệp Phụ nữ tỉnh Bến Tre",
        short_name="Hội LHPN tỉnh Bến Tre",
        system_code="hoi-lhpn",
        parent=women_root,
        area=area,
    )
    return union, women


@pytest.fixture
def officer(ben_tre):
    return member(ben_tre[0], "approver", username="ldld_bentre")
