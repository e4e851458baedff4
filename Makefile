# Developer checks; `make check` before pushing, `make test-fast` while coding.
# Every target first creates .venv with the README's install step when it is missing.

CODE := bot handlers storage tests bench
# present once the install step has run with the test extras
VENV := .venv/bin/pytest

.PHONY: check lint format types test test-fast bench

check: lint types test

lint: $(VENV)
	.venv/bin/ruff check $(CODE)
	.venv/bin/ruff format --check $(CODE)

format: $(VENV)
	.venv/bin/ruff format $(CODE)
	.venv/bin/ruff check --fix $(CODE)

# mypy --strict on bot handlers storage, and on tests with the relaxations in pyproject.toml
types: $(VENV)
	.venv/bin/mypy

# unit, service and flow tests on SQLite only (the PostgreSQL cases have "postgres" in their id)
test-fast: $(VENV)
	.venv/bin/python -m pytest tests/unit tests/services tests/flows -k "not postgres"

# the whole suite, exactly as the README runs it (PostgreSQL too when TEST_POSTGRES_URL is set)
test: $(VENV)
	.venv/bin/python -m pytest

# the benchmark suite (issue 11): one table of figures against their goals, on a temporary
# SQLite file; `make bench ARGS="--quick"` or ARGS="--database postgresql+asyncpg://…"
bench: $(VENV)
	.venv/bin/python -m bench $(ARGS)

$(VENV):
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'
