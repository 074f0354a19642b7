# Two commands do everything on a fresh machine (see README):
#   make site   install what is needed, convert seeds/ into docs/, build site/
#   make test   install what is needed (with the headless browser), run all tests
# Set-up: .venv gets the hashed lock (runtime + test extras) and this package,
# installed editable (the `newsarchive` command and the MkDocs plugin).
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements-test.lock | cksum | cut -d' ' -f1)
# This checkout's sources come first, whichever checkout .venv was installed from.
export PYTHONPATH := $(CURDIR)/scripts
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test convert serve golden bench browser setup lock

setup: $(STAMP)

$(STAMP): pyproject.toml requirements-test.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

convert: $(STAMP)
	$(VENV)/bin/newsarchive convert --src seeds --out docs

site: convert
	$(VENV)/bin/newsarchive build

# --dirty: after a save only the changed page, the index pages whose lists
# changed and the search shards it touches are rebuilt (issue 10); `make site`
# is the strict full build.
serve: convert
	$(VENV)/bin/newsarchive serve --dirty --no-strict

browser:
	bash scripts/install-browser.sh

test: $(STAMP) browser
	$(PY) -m pytest

# Regenerate the lock files after a change of requirements.txt / requirements-test.txt /
# requirements-zensical.txt.
lock:
	test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet uv==0.13.8
	$(VENV)/bin/uv pip compile pyproject.toml --refresh --quiet --generate-hashes --python-version 3.11.5 -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --refresh --quiet --generate-hashes --python-version 3.11.5 --extra test --extra zensical -o requirements-test.lock

# Regenerate the golden files (tests/golden/) after a deliberate change of output.
golden: $(STAMP)
	$(PY) tests/regenerate_golden.py

bench: $(STAMP)
	$(PY) scripts/bench_convert.py
	$(PY) scripts/bench_site.py
	$(PY) scripts/bench_search.py
