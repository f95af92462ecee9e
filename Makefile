# Seloste: `make site` then `make test` on a fresh clone. See README.md.
PY      := .venv/bin/python
VENV    := .venv/.installed
TESTENV := .venv/.installed-test
NODE    := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast lint serve check release bench mutate catalogs docs lock clean

site: $(VENV)
	$(PY) -m generator build

LINTED := generator bench mutate tests conftest.py

# The linter, the formatter's check and the type checker (strict, on generator/).
lint: $(TESTENV)
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)
	$(PY) -m mypy

# The two test lanes (tests/lanes.py decides which test is in which, at collection):
# `make test`: lint, then every test (the fast lane, and the `slow`, `kill` and
#   `browser` tests) on pytest-xdist workers (one more than the cores: a third of the
#   suite waits on Chromium, MkDocs processes and strace), each test module on one
#   worker; the 25 slowest tests listed at the end. What CI runs (.ci/run).
# `make test-fast`: lint, then the in-process tests and the doctests only, on one
#   pytest-xdist worker per core; no test starts a process (a test of this lane that
#   starts one fails); under a minute: the loop to run on every save.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
# Both lanes keep the bytecode Python compiles in .pycache/, whatever the environment
# says: with PYTHONDONTWRITEBYTECODE (some containers set it) every one of the
# suite's processes (the workers, each command a test runs, each build's language
# workers) would compile jsonschema, MkDocs, Jinja and the generator again, a third
# of a command's time. The source folders stay clean.
test test-fast: export PYTHONDONTWRITEBYTECODE :=
test test-fast: export PYTHONPYCACHEPREFIX := $(CURDIR)/.pycache
test: lint $(NODE)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope --durations=25

test-fast: lint
	$(PY) -m pytest -q -n $(shell nproc) -m "not slow and not browser"

serve: $(VENV)
	$(PY) -m generator serve

check: $(VENV)
	$(PY) -m generator check

release: $(VENV)
	$(PY) -m generator release

bench: $(TESTENV)
	$(PY) -m bench

# Mutation testing of every module of generator/ against the tests (not part of
# `make test`; hours for all): the kill rate per module with its 95% interval,
# every survivor, mutate/results.json and the README's table. Some modules, a
# fixed share of their mutants: `make mutate MODULES="markup ledger" SAMPLE=0.2`
# (a stem or a path under generator/); `JOBS=2` tests two mutants at once. The
# browser tests need node_modules (`make test` installs it). The last results:
# `$(PY) -m mutate --report`.
mutate: $(TESTENV)
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

# The format's reference for legal editors, made from the schema and the rules
# (tests/test_reference.py fails when the committed file is not current).
docs: $(VENV)
	$(PY) -m generator.notice.reference > docs/format.md.new && mv docs/format.md.new docs/format.md
	$(PY) tests/announcement_example.py
	$(PY) tests/form_notice_example.py

# Re-pin every dependency after editing requirements.in or requirements-test.in,
# in a scratch environment so that nothing installed by hand slips into a lock.
LOCKENV := .venv-lock
lock:
	rm -rf $(LOCKENV) && python3 -m venv $(LOCKENV)
	$(LOCKENV)/bin/pip install -q --disable-pip-version-check -r requirements.in
	( echo '# Pinned by `make lock` from requirements.in: what `make site` installs.'; \
	  $(LOCKENV)/bin/pip freeze ) > requirements.lock
	$(LOCKENV)/bin/pip install -q --disable-pip-version-check -r requirements-test.in -c requirements.lock
	( echo '# Pinned by `make lock` from requirements-test.in, beside requirements.lock: what `make test` adds.'; \
	  $(LOCKENV)/bin/pip freeze | grep -vxFf requirements.lock ) > requirements-test.lock
	rm -rf $(LOCKENV)

# What building needs, and nothing else: no bytecode compiled ahead (Python
# compiles what a build imports, on first use), and neither setuptools (every
# package is a wheel) nor pip once it has installed them. That keeps the
# environment small (`make bench` measures it).
$(VENV): requirements.lock
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip >/dev/null
	$(PY) -m pip install -q --disable-pip-version-check --no-compile -r requirements.lock
	$(PY) -m pip uninstall -q -y setuptools pip 2>/dev/null
	rm -f $(TESTENV)
	touch $@

# The tests' and linters' tools on top (make test, test-fast, lint, bench,
# mutate), with pip again (ensurepip has it, offline).
$(TESTENV): $(VENV) requirements-test.lock
	$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip >/dev/null
	$(PY) -m pip install -q --disable-pip-version-check --no-compile -r requirements-test.lock -c requirements.lock
	touch $@

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf site site.* .site.* .venv .venv-lock node_modules .pytest_cache .pycache
