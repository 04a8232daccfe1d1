# bilm_transfer: `make ncbi` runs the main job, `make test` the test suite; both install first.
.PHONY: install ncbi table3 serve test test-slow bench bench-web lint format clean

VENV := .venv
STAMP := $(VENV)/.installed

install: $(STAMP)

$(STAMP): requirements.txt requirements-nodeps.txt requirements-ray.txt constraints.txt setup.cfg scripts/install.sh
	scripts/install.sh
	touch $(STAMP)

# BiLM pretraining -> transfer -> tagger -> evaluation on the bundled NCBI-disease data (paper protocol).
ncbi: install
	scripts/run_ncbi.sh runs/ncbi

# The paper's Table 3 on NCBI-disease (4 variants x 3 seeds; hours on a CPU): docs/results.md.
table3: install
	$(VENV)/bin/python -m experiments.table3 $(TABLE3_ARGS)

# The tagging web page and JSON API with every shipped model: http://127.0.0.1:8000
serve: install
	$(VENV)/bin/bilm-serve

test: install
	$(VENV)/bin/python -m pytest -n 2 -q tests

test-slow: install
	$(VENV)/bin/python -m pytest -q -m slow tests

# Ours vs allennlp-models' crf_tagger at identical size (prints Markdown; see docs/benchmarks.md).
bench: install
	$(VENV)/bin/python benchmarks/speed.py

# Load test of the web API (8 clients x 200 abstracts) against `allennlp predict`.
bench-web: install
	$(VENV)/bin/python benchmarks/web_load.py

lint: install
	$(VENV)/bin/ruff check bilm_transfer bilm_tagging bilm_serving experiments tests scripts benchmarks
	$(VENV)/bin/ruff format --check bilm_transfer bilm_tagging bilm_serving experiments

format: install
	$(VENV)/bin/ruff format bilm_transfer bilm_tagging bilm_serving experiments
	$(VENV)/bin/ruff check --fix bilm_transfer bilm_tagging bilm_serving experiments tests scripts benchmarks

clean:
	rm -rf $(VENV) runs .pytest_cache .hypothesis
