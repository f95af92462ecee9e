# Seloste: `make site` then `make test` on a fresh clone. See README.md.
PY      := .venv/bin/python
VENV    := .venv/.installed
NODE    := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast lint serve check release bench mutate catalogs lock clean

site: $(VENV)
	$(PY) -m generator build

LINTED := generator bench mutate conftest.py

# The linter, the formatter's check and the type checker (strict, on generator/).
lint: $(VENV)
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)
	$(PY) -m mypy

# Everything: lint, then every test (builds, kill tests, Chromium); the slowest are listed at the end.
test: lint $(NODE)
	$(PY) -m pytest --durations=25

# The loop to run on every save: lint and the in-process tests and doctests (no build, no browser).
FAST := generator tests/test_layers.py tests/test_load.py tests/test_load_scalars.py tests/test_format.py \
	tests/test_render.py tests/test_check_rules.py tests/test_compare.py tests/test_timeline.py tests/test_ledger.py \
	tests/test_job_summary.py tests/test_adequacy.py tests/test_migrate_write.py tests/test_fuzzy_translations.py \
	tests/test_mutate_tool.py tests/test_changes.py tests/test_clinic.py tests/test_shapes.py
test-fast: lint
	$(PY) -m pytest -q $(FAST)

serve: $(VENV)
	$(PY) -m generator serve

check: $(VENV)
	$(PY) -m generator check

release: $(VENV)
	$(PY) -m generator release

bench: $(VENV)
	$(PY) -m bench

# Mutation testing of every module of generator/ against the tests (not part of
# `make test`; hours for all): the kill rate per module with its 95% interval,
# every survivor, mutate/results.json and the README's table. Some modules, a
# fixed share of their mutants: `make mutate MODULES="markup ledger" SAMPLE=0.2`
# (a stem or a path under generator/); `JOBS=2` tests two mutants at once. The
# browser tests need node_modules (`make test` installs it). The last results:
# `$(PY) -m mutate --report`.
mutate: $(VENV)
	nice -n 10 $(PY) -m mutate --readme $(if $(SAMPLE),--sample $(SAMPLE)) $(if $(JOBS),--jobs $(JOBS)) $(MODULES)

# Extract the fixed strings of the templates and merge them into every
# locale's catalog; translators then edit locales/*/LC_MESSAGES/messages.po.
# `# NOTE:` comments above a string reach translators as `#.` comments. The
# files are wrapped as GNU gettext wraps them (msgcat, 79 columns), which is
# also what Weblate writes, so neither rewraps a catalog Seloste wrote: pybabel
# does not wrap (its own wrapping differs from GNU's), msgcat does.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
CATALOGS := locales/messages.pot $(wildcard locales/*/LC_MESSAGES/messages.po)
catalogs: $(VENV)
	.venv/bin/pybabel extract -F babel.cfg --no-location --sort-output --no-wrap -c NOTE: --strip-comments \
	  --project=Seloste --version=$(VERSION) --copyright-holder="the Seloste authors" \
	  --header-comment="$$(printf '# Translations template for Seloste, the privacy notice generator.\n# Copyright (C) YEAR the Seloste authors\n# This file is distributed under the same license as the Seloste project.\n#')" \
	  -o locales/messages.pot generator
	sed -i 's/^"Report-Msgid-Bugs-To: EMAIL@ADDRESS\\n"$$/"Report-Msgid-Bugs-To: \\n"/' locales/messages.pot
	.venv/bin/pybabel update -i locales/messages.pot -d locales --no-fuzzy-matching --ignore-obsolete --no-wrap
	for catalog in $(CATALOGS); do msgcat --width=79 -o $$catalog $$catalog || exit 1; done
	.venv/bin/pybabel compile -d locales --statistics -f
	rm -f locales/*/LC_MESSAGES/messages.mo

# Re-pin every dependency after editing requirements.in.
lock: $(VENV)
	.venv/bin/pip install -q -r requirements.in
	( echo '# Pinned by `make lock` from requirements.in. Install with: pip install -r requirements.lock'; \
	  .venv/bin/pip freeze --exclude-editable | grep -v '^seloste' ) > requirements.lock

$(VENV): requirements.lock pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	touch $@

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf site site.* .site.* .venv node_modules .pytest_cache
