"""Fail closed: views and API modules reach data only through selectors and services."""

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.unit]

ROOT = Path(__file__).resolve().parents[2] / "phoihop"
MANAGER_ACCESS = re.compile(r"\b[A-Z]\w*\.objects\b")


def view_modules() -> list[Path]:
    return sorted([*ROOT.glob("*/views*.py"), *ROOT.glob("api/*.py")])


def test_view_and_api_modules_exist():
    names = {p.relative_to(ROOT).as_posix() for p in view_modules()}

    assert {"orgs/views.py", "accounts/views.py", "api/orgs.py"} <= names


@pytest.mark.parametrize("module", view_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_views_do_not_query_models_directly(module):
    offending = [
        f"{module.name}:{number}: {line.strip()}"
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1)
        if MANAGER_ACCESS.search(line)
    ]

    assert offending == []


DOMAIN_IMPORT = re.compile(r"^\s*(?:from|import)\s+phoihop\.(?!core\b)(\w+)", re.MULTILINE)


def test_core_imports_no_domain_app():
    offending = [
        f"{module.relative_to(ROOT).as_posix()}: phoihop.{match.group(1)}"
        for module in sorted((ROOT / "core").rglob("*.py"))
        for match in DOMAIN_IMPORT.finditer(module.read_text(encoding="utf-8"))
    ]

    assert offending == []
