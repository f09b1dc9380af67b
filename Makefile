# Two commands on a fresh machine with Python 3.10+:  make serve  /  make test
# Both create .venv and install the project into it on first use.
VENV   ?= .venv
PYTHON ?= python3
BIN     = $(VENV)/bin
export NO_MKDOCS_2_WARNING = 1

.PHONY: serve test build check clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

serve: $(BIN)/.installed  ## build the five-language site and serve it on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(BIN)/.installed  ## lint, then every test (browser tests need Debian's chromium)
	$(BIN)/ruff check scripts tests bench
	$(BIN)/pytest

build: $(BIN)/.installed  ## the strict site build into site/
	$(BIN)/mkdocs build --strict

check: $(BIN)/.installed  ## validate the playbooks and check every locale
	$(BIN)/crkb validate
	$(BIN)/crkb check

clean:
	rm -rf $(VENV) site
