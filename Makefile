# PlanWatch developer commands. `make run` and `make test` are the README's two commands.
# The interpreter the virtualenv is made from: any Python 3.11. Debian's /usr/bin/python3.11 is
# built with profile-guided and link-time optimisation; pyenv's default build (the python3 first on
# PATH on this kind of machine) is neither, and runs the test suite about a fifth slower (201 s of
# CPU against 252 s for the PostgreSQL run, measured back to back). Taken only where it can make a
# virtualenv (Debian ships venv's ensurepip apart, in python3.11-venv). `make clean` to switch.
PYTHON ?= $(shell /usr/bin/python3.11 -c 'import ensurepip' 2>/dev/null && echo /usr/bin/python3.11 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
ARTICLE := fixtures/articles/wuhan-2020-12-22-cjn.txt
DEV_ENV := DJANGO_DEBUG=1
PORT ?= 8000

# `make bench SIZE=1000000`: the same with a million commitments, in a database of its own so that
# the 100,000 one is kept; departments grow with the square root of the size (bench/demo.py).
SIZE ?= 100000
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/planwatch_bench$(if $(filter 100000,$(SIZE)),,_$(SIZE))
BENCH_DATA := --commitments $(SIZE) --updates $(shell echo $$((3 * $(SIZE)))) --seed 1

.PHONY: run setup test check bench bench-import bench-match bench-genre clean

run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

setup: $(VENV)/.runtime-installed .env
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py import_article $(ARTICLE)

# Development settings for every manage.py command, read by planwatch/settings.py under the real
# environment's variables. Git-ignored; written once with a key of its own, never overwritten.
.env:
	umask 077; printf '%s\n' '# Development settings (make run); production sets DJANGO_ENV_FILE=none.' \
		'DJANGO_DEBUG=1' \
		"DJANGO_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@

# One pytest worker per core (pytest-xdist), each test file whole on one worker: a module's
# fixtures (a server, a database of its own, rows its tests share) are built once, not again each
# time a worker comes back to the file. Bytecode is kept (__pycache__, git-ignored) even where
# the environment sets PYTHONDONTWRITEBYTECODE: otherwise every worker and every manage.py the
# tests start compiles the project again, and pytest rewrites every test module's asserts
# again, about 3 s per worker.
test: $(VENV)/.dev-installed
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto --dist loadfile

check: $(VENV)/.dev-installed
	$(DEV_ENV) $(BIN)/python manage.py check
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# Needs PostgreSQL and Debian's wrk; BENCH_ARGS passes options on (e.g. BENCH_ARGS="--pages" for
# each page in turn and the importer, BENCH_ARGS="--hold 60"). KEEP_DATA=1 measures the data
# already there (migrated to the code measured) instead of generating it again.
bench: $(VENV)/.dev-installed
	psql "$(dir $(BENCH_DATABASE_URL))postgres" -qtc "SELECT 1 FROM pg_database WHERE datname = '$(notdir $(BENCH_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(BENCH_DATABASE_URL))postgres" -qc "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL)) ENCODING 'UTF8' TEMPLATE template0"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(DEV_ENV) $(BIN)/python manage.py migrate --no-input -v0
	$(if $(KEEP_DATA),,DATABASE_URL=$(BENCH_DATABASE_URL) $(DEV_ENV) $(BIN)/python manage.py generate_demo_data --clear $(BENCH_DATA))
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/run.py $(BENCH_ARGS)

# The importer alone, on a fresh SQLite database: the seed article and generated ones.
BENCH_IMPORT_DB := /tmp/planwatch-bench-import.sqlite3
bench-import: $(VENV)/.dev-installed
	rm -f $(BENCH_IMPORT_DB)
	DATABASE_URL=sqlite:///$(BENCH_IMPORT_DB) $(DEV_ENV) $(BIN)/python manage.py migrate --no-input -v0
	DATABASE_URL=sqlite:///$(BENCH_IMPORT_DB) $(BIN)/python bench/run.py --imports-only $(BENCH_ARGS)

# The evidence matcher: precision@1 and recall@3 on the labelled documents (fresh SQLite database);
# BENCH_MATCH_ARGS="--corpus DIR" scores another folder of labelled documents;
# BENCH_MATCH_ARGS="--scale" times a 10,000-character document against DATABASE_URL's commitments.
bench-match: $(VENV)/.dev-installed
	$(BIN)/python bench/matching.py $(BENCH_MATCH_ARGS)

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

# The parser's accuracy on the hand-labelled genre corpus (tests/parsing/genre): checks passed / total.
bench-genre: $(VENV)/.dev-installed
	$(BIN)/python bench/genre_accuracy.py $(BENCH_ARGS)
