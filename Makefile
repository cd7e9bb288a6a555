# Two commands: `make site` and `make test`. Both build .venv from requirements.lock when it is missing or stale.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Python keeps the modules it compiled under .venv/pycache rather than beside the sources: the working tree stays
# clean, and no command compiles aztimeline's modules again on every start (an environment that turns bytecode off
# is overridden here for that reason).
export PYTHONPYCACHEPREFIX := $(CURDIR)/$(VENV)/pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: site test bench lint schemas clean

# --no-compile: Python compiles a module when it is first imported; compiling every installed file up front (most
# of them never imported) took a quarter of the install.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile --no-deps --no-build-isolation -e .
	@touch $(STAMP)

site: $(STAMP)
	$(BIN)/aztimeline validate
	$(BIN)/aztimeline build --output site

# The suite runs on every core (pytest-xdist); the sites the tests read are built once per run and shared.
# --dist worksteal hands each worker a contiguous run of tests and rebalances at the end, so the two workers rarely
# run Chromium at once (about 10 s faster than the default round-robin on 2 cores; see docs/benchmarks.md).
TEST_WORKERS ?= auto
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

schemas: $(STAMP)
	$(BIN)/aztimeline schema --output schemas --force

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis
