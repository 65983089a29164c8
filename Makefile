# Commands for working on the template itself. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUTPUT_DIR ?= ..

.DEFAULT_GOAL := help
.PHONY: help venv generate test gates mutants benchmark lint clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-10s %s\n", $$1, $$2}'

# The questionnaire needs only the command's own dependencies; the tests add their tools.
$(VENV)/.command: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --editable .
	touch $@

$(VENV)/.installed: $(VENV)/.command
	$(BIN)/python -m pip install --quiet --editable . --group test
	touch $@

venv: $(VENV)/.installed ## Create .venv with cookiecutter and the test tools

generate: $(VENV)/.command ## Generate a project with the questionnaire into OUTPUT_DIR (default: ..)
	$(BIN)/lambda-starter --output-dir $(OUTPUT_DIR)

test: venv ## Run the whole test suite (bakes projects and runs their own tests)
	$(BIN)/pytest -n auto

gates: venv ## Run every quality gate on every supported combination; print the table
	$(BIN)/python scripts/gates.py

mutants: venv ## Mutation-test the template's logic, hooks and generated code (slow; not in `make test`)
	$(BIN)/python -m pip install --quiet --group mutation
	$(BIN)/python scripts/mutants.py
	$(BIN)/python scripts/generated_mutants.py

benchmark: venv ## Measure cold start, warm overhead and package size of the generated functions
	$(BIN)/python benchmarks/cold_start.py

lint: venv ## Lint the template's own Python code
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean: ## Remove the virtualenvs and caches
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache mutants
