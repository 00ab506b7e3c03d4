# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.PHONY: demo test lab lint typecheck bench gazetteer bytecode clean screenshots

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

# An editable install compiles no bytecode, and PYTHONDONTWRITEBYTECODE (set on some machines)
# stops Python writing it at run time: every fresh `explorer` process would then recompile the
# package (~50 ms). Compile it once here; only changed files are recompiled.
bytecode: $(VENV)/.installed
	@env -u PYTHONDONTWRITEBYTECODE $(PY) -m compileall -q explorer

# Compile the offline gazetteer once into the user's cache directory (a no-op when current).
gazetteer: $(VENV)/.installed bytecode
	$(BIN)/explorer gazetteer build

demo: $(VENV)/.installed gazetteer
	$(BIN)/explorer demo --out out

test: $(VENV)/.installed-test bytecode
	-@bash .ci/ensure-chromium
	$(BIN)/explorer gazetteer build
	$(BIN)/ruff check explorer tests benchmarks
	$(BIN)/ruff format --check explorer tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

lab: $(VENV)/.installed
	$(BIN)/jupyter lab notebooks/

lint: $(VENV)/.installed-test
	$(BIN)/ruff check explorer tests benchmarks
	$(BIN)/ruff format --check explorer tests benchmarks
	$(BIN)/mypy

bench: $(VENV)/.installed gazetteer
	$(PY) benchmarks/run.py

# Refresh docs/screenshots/ (the demo's map, a briefing, the panel in JupyterLab): headless
# Debian chromium with the network blocked; a few minutes, most of it JupyterLab.
screenshots: $(VENV)/.installed-test gazetteer
	-@bash .ci/ensure-chromium
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
