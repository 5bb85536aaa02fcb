# Dyad: `make run` codes the bundled examples, `make test` runs the test suite.
# Both bootstrap .venv from nothing, installing the hash-pinned requirements.lock.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DYAD := $(VENV)/bin/dyad
STORE ?= dyad.duckdb
SHARED ?= ../shared

.PHONY: install run test eval bench clean lock

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

run: install
	$(DYAD) code examples/ --store $(STORE) --date 2019-03-04
	$(DYAD) events --store $(STORE)

test: install
	$(PY) -m pytest

eval: install
	$(PY) -m dyad.evaluation.run_all --shared $(SHARED)

bench: install
	$(PY) benchmarks/throughput.py --corpus $(SHARED)/corpora/reuters21578/articles.jsonl

lock:
	$(PY) tools/lock.py

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache
