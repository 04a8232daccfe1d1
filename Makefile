# bilm_transfer: `make ncbi` runs the main job, `make test` the test suite; both install first.
.PHONY: install ncbi test test-slow lint format clean

VENV := .venv
STAMP := $(VENV)/.installed

install: $(STAMP)

$(STAMP): requirements.txt requirements-nodeps.txt constraints.txt setup.cfg scripts/install.sh
	scripts/install.sh
	touch $(STAMP)

# BiLM pretraining -> transfer -> tagger -> evaluation on the bundled NCBI-disease data (paper protocol).
ncbi: install
	scripts/run_ncbi.sh runs/ncbi

test: install
	$(VENV)/bin/python -m pytest -n 2 -q tests

test-slow: install
	$(VENV)/bin/python -m pytest -q -m slow tests

lint: install
	$(VENV)/bin/ruff check bilm_transfer tests scripts
	$(VENV)/bin/ruff format --check bilm_transfer

format: install
	$(VENV)/bin/ruff format bilm_transfer
	$(VENV)/bin/ruff check --fix bilm_transfer tests scripts

clean:
	rm -rf $(VENV) runs .pytest_cache .hypothesis
