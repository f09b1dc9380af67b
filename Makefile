# Two commands on a fresh machine with Python 3.11+:  make serve  /  make test
# Both create .venv on first use and install exactly the versions in requirements.lock
# (with their hashes), so every machine runs the same bytes. `make lock` refreshes the lock.
VENV   ?= .venv
PYTHON ?= python3
BIN     = $(VENV)/bin
export NO_MKDOCS_2_WARNING = 1

.PHONY: serve test build check lock lock-upgrade clean

$(BIN)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

serve: $(BIN)/.installed  ## build the site in every language and serve it on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(BIN)/.installed  ## lint, then every test (browser tests need Debian's chromium)
	$(BIN)/ruff check scripts tests bench
	$(BIN)/ruff format --check scripts tests bench
	$(BIN)/pytest

build: $(BIN)/.installed  ## the strict site build into site/
	$(BIN)/mkdocs build --strict

check: $(BIN)/.installed  ## validate the playbooks and check every locale
	$(BIN)/crkb validate
	$(BIN)/crkb check

LOCK = $(BIN)/uv pip compile pyproject.toml requirements-build.in --extra test --extra bench \
	  --universal --python-version 3.11 --generate-hashes \
	  --index-url https://pypi.org/simple --custom-compile-command "make lock" -o requirements.lock

lock: $(BIN)/.installed  ## after editing pyproject.toml: lock what it adds, keep every other pin
	$(BIN)/python -m pip install --quiet uv
	$(LOCK)

lock-upgrade: $(BIN)/.installed  ## move every pin to the newest version pyproject.toml allows (then make test)
	$(BIN)/python -m pip install --quiet uv
	$(LOCK) --upgrade

clean:
	rm -rf $(VENV) site .cache
