# Two commands for a fresh machine: `make run` (app on SQLite with demo data) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup worker-test lint messages clean

$(VENV)/.installed: pyproject.toml
	@interpreter=$$(sh scripts/find_python.sh) || exit 1; \
	  echo "Using $$interpreter ($$($$interpreter --version))"; \
	  [ -x $(PY) ] || $$interpreter -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

setup: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v 0 || echo "msgfmt (gettext) not found: using the committed compiled catalogs"

run: setup
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput -v 0
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo --if-empty
	@echo "SocialCRM at http://$(HOST):$(PORT)/  (demo logins are in README.md; password: demo-pass-2026)"
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	CELERY_TASK_ALWAYS_EAGER=1 $(PY) -m pytest -m "not worker"
	@if [ -n "$$REDIS_URL" ]; then $(PY) -m pytest -m worker; \
	  else echo "REDIS_URL unset: real Celery worker tests skipped (.ci/run runs them)"; fi

lint: setup
	$(VENV)/bin/ruff check .

messages: setup
	DEBUG=1 $(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=bench --ignore=tests --ignore=docs
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
