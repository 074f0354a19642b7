# Two commands do everything on a fresh machine (see README):
#   make site   install what is needed, convert seeds/ into docs/, build site/
#   make test   install what is needed (with the headless browser), run all tests
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)

.PHONY: site test convert serve golden bench browser setup

setup: $(STAMP)

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

convert: $(STAMP)
	$(PY) scripts/convert.py --src seeds --out docs

site: convert
	$(VENV)/bin/mkdocs build --strict

serve: convert
	$(VENV)/bin/mkdocs serve

browser:
	bash scripts/install-browser.sh

test: $(STAMP) browser
	$(PY) -m pytest

# Regenerate the golden files (tests/golden/) after a deliberate change of output.
golden: $(STAMP)
	$(PY) tests/regenerate_golden.py

bench: $(STAMP)
	$(PY) scripts/bench_convert.py
	$(PY) scripts/bench_site.py
	$(PY) scripts/bench_search.py
