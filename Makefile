# The help centre's commands. Each one creates the Python environment on first use,
# so `make serve` and `make test` are all a new writer or CI needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready-$(shell cksum < requirements.txt | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000

# MkDocs 1.6.1 prints a banner about MkDocs 2.0 on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help serve build test browser lock clean

help:  ## List the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

serve: $(READY)  ## Preview the site on http://127.0.0.1:8000 with live reload
	$(BIN)/python scripts/serve.py --dev-addr $(HOST):$(PORT)

build: $(READY)  ## Build the static site into site/
	$(BIN)/mkdocs build --strict --site-dir site

test: $(READY) browser node_modules/.ready  ## Run every test (builds the site into a temporary folder)
	$(BIN)/python -m pytest

browser:  ## Make sure Debian's Chromium is installed for the browser tests
	@command -v chromium >/dev/null || scripts/install-chromium.sh

lock: $(READY)  ## Regenerate requirements.txt (pins + hashes) from requirements.in
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in

clean:  ## Remove the built site and the environment
	rm -rf site $(VENV)

# The environment, rebuilt whenever requirements.txt changes. Every package is
# pinned with its hash, so the install is the same on every machine.
$(READY): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

# --- Reader experience (issue 4): browser checkers and the Lighthouse audit -------
# axe-core, vnu-jar and lighthouse, pinned in package-lock.json; installed when missing.
.PHONY: audit
node_modules/.ready: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

audit: $(READY) node_modules/.ready  ## Lighthouse scores of one article per language, served by nginx
	CHROME_PATH=/usr/bin/chromium $(BIN)/python scripts/audit.py
