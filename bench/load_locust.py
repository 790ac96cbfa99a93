"""Locust scenario of bench/load.py: officials at a report deadline (run by load.py, headless).

Reads ``LOAD_CONFIG`` (JSON written by load.py: users, tokens, the import file) and writes
``LOAD_RESULT`` at the end: per-request percentiles, failures, every activity title a 302
confirmed written, and the import job's outcome.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from pathlib import Path

from locust import HttpUser, between, events, task

CONFIG = json.loads(Path(os.environ["LOAD_CONFIG"]).read_text())
ACCOUNTS = itertools.cycle(CONFIG["users"])
WRITTEN: list[str] = []
IMPORT: dict = {"running": False}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LEAD = re.compile(r'name="lead_unit" value="(\d+)" checked')
KIND = re.compile(r'<select name="kind"[^>]*>.*?<option value="(\d+)"', re.S)


def _during_import(name: str) -> str:
    return f"{name} [during import]" if IMPORT["running"] else name


class Official(HttpUser):
    """Browses, filters, reads the API and enters activities; 49 of them."""

    weight = 49
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.account = next(ACCOUNTS)
        self.count = 0
        page = self.client.get("/accounts/login/", name="page: login form")
        self.client.post(
            "/accounts/login/",
            {
                "username": self.account["username"],
                "password": CONFIG["password"],
                "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
            },
            name="write: login",
        )

    @task(4)
    def activity_list(self) -> None:
        self.client.get("/activities/", name=_during_import("page: activity list"))

    @task(3)
    def activity_filter(self) -> None:
        self.client.get(
            "/activities/?q=hoi+nghi&start=01/01/2025&end=31/12/2026",
            headers={"HX-Request": "true"},
            name=_during_import("page: activity filter (htmx)"),
        )

    @task(2)
    def program_list(self) -> None:
        self.client.get("/programs/?state=in_effect", name=_during_import("page: program list"))

    @task(1)
    def tree(self) -> None:
        self.client.get("/units/", name=_during_import("page: unit tree"))

    @task(1)
    def calendar(self) -> None:
        self.client.get("/calendar/list/", name=_during_import("page: calendar list"))

    @task(3)
    def api_reads(self) -> None:
        headers = {"Authorization": f"Bearer {self.account['token']}"}
        self.client.get(
            "/api/v1/activities", headers=headers, name=_during_import("api: activities")
        )
        self.client.get(
            "/api/v1/activities/totals?start=2025-01-01",
            headers=headers,
            name=_during_import("api: activity totals"),
        )

    @task(2)
    def enter_activity(self) -> None:
        form = self.client.get("/activities/new/", name=_during_import("page: activity form"))
        self.count += 1
        title = f"{CONFIG['prefix']} {self.account['username']} {self.count}"
        with self.client.post(
            "/activities/new/",
            {
                "csrfmiddlewaretoken": CSRF.search(form.text).group(1),
                "title": title,
                "kind": KIND.search(form.text).group(1),
                "starts_on": "05/12/2026",
                "lead_unit": LEAD.search(form.text).group(1),
                "participants": "40",
                "participants_women": "25",
                "not_a_duplicate": "1",
            },
            name=_during_import("write: activity create"),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                WRITTEN.append(title)
                response.success()
            else:
                response.failure(f"not saved: {response.status_code}")


class Importer(HttpUser):
    """Uploads the 5,000-row activity file once and follows the job until it finishes."""

    weight = 1
    fixed_count = 1
    wait_time = between(1, 2)

    def on_start(self) -> None:
        self.account = CONFIG["importer"]
        self.done = False
        page = self.client.get("/accounts/login/", name="page: login form")
        self.client.post(
            "/accounts/login/",
            {
                "username": self.account["username"],
                "password": CONFIG["password"],
                "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
            },
            name="write: login",
        )

    @task
    def import_once(self) -> None:
        if self.done:
            time.sleep(1)
            return
        self.done = True
        time.sleep(CONFIG["import_delay"])
        page = self.client.get("/activities/excel/import/", name="page: import form")
        data = Path(CONFIG["import_file"]).read_bytes()
        started = time.monotonic()
        response = self.client.post(
            "/activities/excel/import/",
            data={"csrfmiddlewaretoken": CSRF.search(page.text).group(1)},
            files={"file": ("hoat-dong-5000.xlsx", data)},
            name="write: import upload",
            allow_redirects=False,
        )
        job_url = response.headers.get("Location", "")
        IMPORT.update(running=True, job_url=job_url, upload_status=response.status_code)
        while job_url and time.monotonic() - started < CONFIG["import_timeout"]:
            status = self.client.get(
                job_url, headers={"HX-Request": "true"}, name="page: import job poll"
            )
            if "hx-trigger" not in status.text:
                break
            time.sleep(2)
        IMPORT.update(running=False, seconds=round(time.monotonic() - started, 1))


@events.test_stop.add_listener
def _write_result(environment, **_kwargs) -> None:
    stats = {}
    for (name, method), entry in environment.stats.entries.items():
        stats[f"{method} {name}"] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": round(entry.total_rps, 2),
            "p50": entry.get_response_time_percentile(0.5),
            "p95": entry.get_response_time_percentile(0.95),
            "p99": entry.get_response_time_percentile(0.99),
        }
    total = environment.stats.total
    result = {
        "stats": stats,
        "total": {
            "requests": total.num_requests,
            "failures": total.num_failures,
            "rps": round(total.total_rps, 2),
        },
        "errors": [
            {"name": e.name, "error": str(e.error), "count": e.occurrences}
            for e in environment.stats.errors.values()
        ],
        "written": WRITTEN,
        "import": IMPORT,
    }
    Path(os.environ["LOAD_RESULT"]).write_text(json.dumps(result, ensure_ascii=False, indent=1))
