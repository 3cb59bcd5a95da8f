# PlanWatch developer commands. `make run` and `make test` are the README's two commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARTICLE := fixtures/articles/wuhan-2020-12-22-cjn.txt
DEV_ENV := DJANGO_DEBUG=1

.PHONY: run setup test check clean

run: setup
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

setup: $(VENV)/.runtime-installed
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py import_article $(ARTICLE)

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

check: $(VENV)/.dev-installed
	$(DEV_ENV) $(BIN)/python manage.py check
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
