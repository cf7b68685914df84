# Two commands for a newcomer: `make demo` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test soak lint eval train bench run shell format clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/concierge demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The fuzz test (tests/test_fuzz.py) at ten times its CI size and the fault campaign
# (tests/campaign) at eight times; FUZZ_SEED and CAMPAIGN_SEED pick other runs.
soak: $(STAMP)
	FUZZ_UPDATES=$(or $(FUZZ_UPDATES),100000) $(BIN)/python -m pytest -q -s -p no:randomly tests/test_fuzz.py
	CAMPAIGN_SCALE=$(or $(CAMPAIGN_SCALE),8) $(BIN)/python -m pytest -q -s -p no:randomly tests/campaign

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/mypy --strict bot intents

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Leave-one-writer-out on intents/corpus/ and the untouched sets in tests/intents/measure/;
# `make eval EVAL=file.jsonl` scores a file with the shipped model instead.
eval: $(STAMP)
	$(BIN)/python -m intents.evaluate $(EVAL)

# The request model from intents/corpus/ -> intents/data/model.json (scikit-learn, [train]).
train: $(STAMP)
	$(BIN)/python -m intents.train

bench: $(STAMP)
	$(BIN)/python -m bench

run: $(STAMP)
	$(BIN)/concierge run

shell: $(STAMP)
	$(BIN)/concierge shell

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
