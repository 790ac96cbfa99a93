"""Content-Security-Policy without inline script, templates that need none, and the API docs
served from our own static files (issue 9, item 11)."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2] / "phoihop"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
HANDLER = re.compile(r"\s(on[a-z]+|hx-on[:\w-]*)\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


def policy(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {words[0]: words[1:] for words in directives if words}


def test_pages_send_a_policy_that_allows_no_inline_script_or_style(client):
    response = client.get(reverse("accounts:login"))

    csp = policy(response)
    assert (csp["script-src"], csp["style-src"], csp["object-src"], csp["default-src"]) == (
        ["'self'"],
        ["'self'"],
        ["'none'"],
        ["'self'"],
    )


@pytest.mark.parametrize(
    "template", sorted(ROOT.rglob("templates/**/*.html")), ids=lambda p: p.name
)
def test_templates_have_no_inline_script_handler_or_style(template):
    text = template.read_text(encoding="utf-8")

    found = INLINE_SCRIPT.findall(text) + HANDLER.findall(text) + STYLE_ATTRIBUTE.findall(text)

    assert found == []


def test_api_docs_load_swagger_from_our_static_files(client):
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources == [
        "/static/ninja/swagger-ui.css",
        "/static/ninja/favicon.svg",
        "/static/ninja/favicon.png",
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
    ]
    assert [bool(finders.find(s.removeprefix("/static/"))) for s in sources] == [True] * 5
    assert INLINE_SCRIPT.findall(html) == []


def test_openapi_declares_the_error_responses_of_every_operation(client):
    schema = client.get("/api/v1/openapi.json").json()

    missing = {
        f"{method.upper()} {path}": sorted(
            {"401", "403", "404", "409", "422"} - set(op["responses"])
        )
        for path, operations in schema["paths"].items()
        for method, op in operations.items()
    }

    assert {label: codes for label, codes in missing.items() if codes} == {}
    assert len(missing) >= 19
