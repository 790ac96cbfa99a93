# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# The demo runs as users see the product (DEBUG off: Vietnamese error pages, not Django's
# debug page); --insecure lets runserver serve the static files all the same.
DEMO_ENV := PHOIHOP_DEBUG=0 PHOIHOP_SECURE_COOKIES=0

.PHONY: demo test venv lint format pytest bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

demo: venv
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py load_admin_areas
	$(DEMO_ENV) $(PY) manage.py seed_demo_data
	$(DEMO_ENV) $(PY) manage.py runserver --insecure 127.0.0.1:8000

lint: venv
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

pytest: venv
	$(PY) -m pytest

test: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

bench: venv
	$(PY) bench/orgs.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
