# The help centre's commands. Each one creates the Python environment on first use,
# so `make serve` and `make test` are all a new writer or CI needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000

# MkDocs 1.6.1 prints a banner about MkDocs 2.0 on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help serve build test system-packages lock clean build-stock bench new links check status diff record audit search-quality add-language feedback-report l10n-export l10n-import

# Every command runs from the project's folder as `python -m`, so Python finds the help centre's
# own package (helpcentre/) in this checkout, with no install step and no path edits.
HELP := $(BIN)/python -m helpcentre

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# A variable given on make's command line as one shell word, exactly as typed: $(value) keeps make
# from reading a $ in it (TITLE="Pay $5" stays "Pay $5"), and single quotes keep the shell from it.
# Every value a writer gives reaches a command this way (or through $(filter) of fixed words), so
# none can run a command of its own: LANG='de; rm -rf docs' is a language code the tool refuses.
# A test of whether one was given reads it with $(value) too: $(X) would run a $(shell …) in it.
shell-word = '$(subst ','\'',$(value $(1)))'
# And none goes to the tools' environment, where make would read a $(shell …) in it as it exports it.
WRITER_VARIABLES := LANG NAME NOTICE FILE SLUG TITLE SECTION OUT LOG HTML HOST PORT BENCH_ARGS ALL FORCE
$(foreach variable,$(WRITER_VARIABLES),$(if $(filter command line,$(origin $(variable))),$(eval unexport $(variable))))

# `make serve LANG=it` previews one language only; only a LANG given on the command line
# counts, not the LANG locale variable of the environment.
GIVEN_LANG := $(if $(filter command line,$(origin LANG)),$(value LANG))

serve: $(READY)  ## Preview every language on http://127.0.0.1:8000; a save shows in a second, a mistake in the page (LANG=it: Italian only)
	$(HELP) serve --dev-addr $(call shell-word,HOST):$(call shell-word,PORT) $(if $(GIVEN_LANG),--lang $(call shell-word,GIVEN_LANG))

build: $(READY)  ## Build the static site into site/ (one process per language, site/ swapped in at once)
	$(HELP) build --site-dir site

build-stock: $(READY)  ## Build site/ the single-process way (fallback; same pages, slower)
	$(BIN)/python -m mkdocs build --strict --site-dir site

test: $(READY) system-packages node_modules/.ready  ## Run every test (builds the site into a temporary folder)
	$(BIN)/python -m pytest

system-packages:  ## Make sure Debian's Chromium, nginx, Java and Node are installed for the tests
	@scripts/install-system-packages.sh

lock: $(READY)  ## Regenerate requirements.txt (pins + hashes) from requirements.in
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in

bench: $(READY)  ## Measure build, preview and page sizes on synthetic sites; writes BENCHMARKS.md (slow)
	$(BIN)/python -m scripts.bench --from-make $(call shell-word,BENCH_ARGS)

clean:  ## Remove the built site and the environment
	rm -rf site $(VENV)

# The environment, rebuilt whenever requirements.txt or pyproject.toml changes. Every package is
# pinned with its hash, so the install is the same on every machine. Then the engine itself
# (helpcentre/, pyproject.toml), editable: its MkDocs plugin is registered, so plain `mkdocs build`
# and `mkdocs serve` find it, and an edit to its code needs no reinstall. --no-deps and
# --no-build-isolation: nothing comes from outside the lock, not even the build backend.
$(READY): requirements.txt pyproject.toml
	rm -rf $(VENV)
	$(call shell-word,PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

# --- Writing ------------------------------------------------------------------------
new: $(READY)  ## A new English article: make new SLUG=export-contacts TITLE="Export your contacts" [SECTION="Leaving"]
	$(HELP) new $(call shell-word,SLUG) --title $(call shell-word,TITLE) --section $(call shell-word,SECTION)

# --- Links for support agents --------------------------------------------------
links: $(READY)  ## When a new article's section ids are final: publish its addresses for agents (data/published-links.txt; permanent)
	$(HELP) links-publish

# --- Languages -------------------------------------------------------------------------
# Only LANG given on the command line counts (LANG is also the locale variable of the environment).
add-language: $(READY)  ## Add a language: make add-language LANG=de [NAME=Deutsch] [NOTICE="…"]
	@test -n $(call shell-word,GIVEN_LANG) || { echo 'usage: make add-language LANG=de [NAME=Deutsch] [NOTICE="..."]' >&2; exit 2; }
	$(HELP) add-language $(call shell-word,GIVEN_LANG) $(if $(value NAME),--name $(call shell-word,NAME)) $(if $(value NOTICE),--notice $(call shell-word,NOTICE))

# --- Translations (helpcentre/translations/, policy in l10n.yml) --------------------
check: $(READY)  ## Check that the Italian and French pages and data agree with English
	$(HELP) check

status: $(READY)  ## Each translation, article by article: in step, stale (with the English change), missing or pending
	$(HELP) status

diff: $(READY)  ## What changed in English since a translation was recorded: make diff FILE=it/pause-billing.md
	$(HELP) diff $(call shell-word,FILE)

record: $(READY)  ## Record a translation as in step with English: make record FILE=it/pause-billing.md [FORCE=1]; data: FILE=data/notes.yml [LANG=it]
	$(HELP) record $(call shell-word,FILE) $(if $(filter 1 yes true,$(value FORCE)),--force) $(if $(GIVEN_LANG),--lang $(call shell-word,GIVEN_LANG))

# Translators' files (issue 16): one PO file per language for a CAT tool, and back.
l10n-export: $(READY)  ## Missing or stale segments of a language to a PO file: make l10n-export LANG=it [ALL=1] [OUT=file.po]
	@test -n $(call shell-word,GIVEN_LANG) || { echo 'usage: make l10n-export LANG=it [ALL=1] [OUT=file.po]' >&2; exit 2; }
	$(HELP) l10n-export $(call shell-word,GIVEN_LANG) $(if $(filter 1 yes true,$(value ALL)),--all) $(if $(value OUT),--output $(call shell-word,OUT))

l10n-import: $(READY)  ## A translated PO file back into docs/ and data/, recorded and checked: make l10n-import FILE=l10n/help-centre-it.po
	$(HELP) l10n-import $(call shell-word,FILE)

# `make test` runs the check first: an extra prerequisite, so the test rule above stays as it is.
test: check

# --- Reader experience: browser checkers and the Lighthouse audit -------------------
# axe-core, vnu-jar and lighthouse, pinned in package-lock.json; installed when missing.
node_modules/.ready: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

audit: $(READY) node_modules/.ready  ## Lighthouse scores of one article per language, served by nginx
	CHROME_PATH=/usr/bin/chromium $(BIN)/python -m scripts.audit

# --- Search ------------------------------------------------------------------------
search-quality: $(READY) system-packages  ## Type tests/search_phrasings.yml into the real search; hit rates and index sizes into BENCHMARKS.md
	$(BIN)/python -m scripts.search_quality

# --- What readers tell us (issue 17) -------------------------------------------------
feedback-report: $(READY)  ## Votes, what readers missed, searches that missed, results opened: make feedback-report LOG=/var/log/nginx/help-centre-feedback.log [HTML=report.html]
	$(HELP) feedback-report $(if $(value LOG),$(call shell-word,LOG)) $(if $(value HTML),--html $(call shell-word,HTML))
