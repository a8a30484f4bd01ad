# ukg — two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
UKG    := $(VENV)/bin/ukg
PYTEST := $(VENV)/bin/pytest
STAMP  := $(VENV)/.installed

.PHONY: install launcher run build serve stop browser test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Compile the Java launcher and fetch Neo4j's jars from Maven Central (done on first start too).
launcher:
	mvn -q -B -f launcher/pom.xml package -DskipTests

## Set up, start embedded Neo4j, build the graph from ../shared/corpus, serve the API (Ctrl-C stops the API).
run: install
	$(UKG) neo4j start
	$(UKG) build
	$(UKG) serve

build: install
	$(UKG) build

serve: install
	$(UKG) serve

## Stop the embedded Neo4j.
stop:
	-$(UKG) neo4j stop

## Set up and run every test: the import contracts (pyproject.toml, [tool.importlinter]), then pytest.
## tests/conftest.py starts a throwaway Neo4j on a free port with its own data folder and stops it at
## the end, pass or fail.
test: install browser
	$(VENV)/bin/lint-imports
	$(PYTEST) -q

## Headless Chromium and a CJK font for tests/browser/ (apt-get, as root, only when missing).
## Without them the browser tests are skipped with the reason.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; \
	  else \
	    echo "browser: chromium or a CJK font is missing and cannot be installed here (needs root and apt-get);" \
	         "the browser tests will be skipped"; \
	  fi; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: install
	$(VENV)/bin/python bench/run_all.py

clean:
	rm -rf $(VENV) .ukg launcher/target
