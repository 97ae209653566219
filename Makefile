# Frontline: `make run` serves the app on http://127.0.0.1:$(PORT); `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app trainer

.PHONY: run serve test lint mutation bench bench-practice bench-capacity bench-progress bench-review bench-hiring bench-items setup-db clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-mutation: pyproject.toml $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e '.[test,mutation]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

setup-db: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) scenarios import
	$(FLASK) demo accounts

run: setup-db
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# Production: gunicorn with deploy/gunicorn.conf.py, after the migrations and the library import
# (no demo accounts). Set FRONTLINE_ENV=production, SECRET_KEY and DATABASE_URL first:
# docs/deploy.md.
serve: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) scenarios import
	$(BIN)/gunicorn --config deploy/gunicorn.conf.py

test: $(VENV)/.installed-test
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# Mutation testing of the modules that decide grades, ranks and deadlines, from scratch (16
# minutes on 2 cores; not in `make test` or CI): the score per module and the survivors.
# mutation/README.md says how to read it; [tool.mutmut] in pyproject.toml is the configuration.
mutation: $(VENV)/.installed-mutation
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python -m mutation.report

# Scoring: politeness against people, content matching and gaming replies against the dev
# sets, the tone rules on writers the fitted model never saw, speed.
bench: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.politeness_corpus
	$(BIN)/python -m benchmarks.content_matching
	$(BIN)/python -m benchmarks.adversarial
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-2
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-3
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-4
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-5
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-6
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-7
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-8
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-9
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-10
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-11
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-12
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-13
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-14
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-15
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-16
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-17
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-18
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-19
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-20
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/adversarial-21
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/excellent
	$(BIN)/python -m benchmarks.adversarial --devset benchmarks/devset/wrong-facts
	$(BIN)/python -m benchmarks.tone_heldout
	$(BIN)/python -m benchmarks.speed

# 16 concurrent trainees against gunicorn, on SQLite and PostgreSQL; then the server time of
# the submit that ends an attempt, for a trainee with 50 and with 5,000 finished attempts.
bench-practice: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.practice_load --database both
	$(BIN)/python -m benchmarks.ending_submit --database both --history 50,5000

# How many active trainees one 2-core server takes: an open-loop ramp (think times of 10 to
# 40 s) until the submit p95 passes 300 ms, on SQLite and PostgreSQL, with one and two gunicorn
# instances behind nginx; first the closed loop of bench-practice. About 25 minutes with 60 s
# steps; STEP_SECONDS=20 makes it about a third.
STEP_SECONDS ?= 60
bench-capacity: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.capacity --database both --instances both \
		--step-seconds $(STEP_SECONDS)

# Dashboard and team view over seeded history.
bench-progress: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.progress_pages

# Review page of a 20-turn transcript, calibration page over 10,000 reviewed turns.
bench-review: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.review_pages

# 50 candidates taking a hiring test at once against gunicorn, on SQLite and PostgreSQL.
bench-hiring: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.hiring_load --database both

# A scenario's item statistics page over 5,000 graded replies.
bench-items: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.item_statistics

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache mutants
