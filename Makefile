# okoce-bot: `make run` starts the bot, `make test` checks everything.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CATALOGS := $(wildcard locales/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)
CHROMIUM := /usr/bin/chromium

.PHONY: setup browser run chat test lint typecheck i18n bench clean

setup: $(INSTALLED) $(COMPILED) browser

# Debian's chromium for the showcase's browser tests (Playwright drives it; it never
# downloads a browser). Installed when missing and this machine can (root with apt-get,
# as CI is); elsewhere those tests skip and say why.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing Debian's chromium for the browser tests"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
				|| echo "could not install chromium: the browser tests will skip (and fail under CI)"; \
		else \
			echo "no $(CHROMIUM) and no root to install it: the browser tests will skip"; \
		fi; \
	fi

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(INSTALLED)
	$(BIN)/pybabel compile --domain messages --input-file $< --output-file $@ --locale $*

run: setup
	$(BIN)/okoce-bot run

chat: setup
	$(BIN)/okoce-bot chat

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest

# Extract messages, merge them into both catalogs, mirror Indonesian, compile.
i18n: $(INSTALLED)
	$(BIN)/pybabel extract --mapping-file babel.cfg --keywords _ --keywords N_ --keywords gettext \
		--no-location --sort-output --project okoce-bot --output-file locales/messages.pot .
	$(BIN)/pybabel update --domain messages --input-file locales/messages.pot --output-dir locales \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/python -m bot.catalogs locales
	$(BIN)/pybabel compile --domain messages --directory locales --statistics

bench: setup
	$(BIN)/python -m bench.engine

clean:
	rm -rf $(VENV) var .mypy_cache .pytest_cache .ruff_cache locales/*/LC_MESSAGES/*.mo
