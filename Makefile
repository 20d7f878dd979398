# zhisuan: every target installs what it needs first, so each works on a fresh clone.
UV ?= $(shell command -v uv 2>/dev/null || echo .venv-tools/bin/uv)
PYTHON := .venv/bin/python

.PHONY: install manifest browser cjk-fonts run test accuracy bench fuzz ui report docs lint clean

$(UV):
	python3 -m venv .venv-tools
	.venv-tools/bin/pip install --quiet "uv==0.13.8"

# Bytecode is compiled once, here: where Python may not write it (PYTHONDONTWRITEBYTECODE, a read-only install)
# every process of every run would otherwise compile Dagster, dbt and GX from source again (~10 s of CPU a run).
# The project's own modules too; one edited since is compiled again in memory, as Python always does.
.venv/.synced: pyproject.toml uv.lock Makefile | $(UV)
	$(UV) sync --frozen --compile-bytecode
	$(PYTHON) -m compileall -q orchestration expectations benchmarks
	touch $@

install: .venv/.synced

manifest: install
	$(PYTHON) -c "from orchestration.dbt_project import prepare_manifest; prepare_manifest()"

# Debian's Chromium for the report's browser test, without recommended packages: no system CJK font comes
# with it (the report ships its own), so installing it changes no other test's reading of the PDFs.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; }

# Debian's CJK fonts, for the test that reads the same PDFs with no fonts, with the machine's fonts and with a
# CJK font and asserts the same text and facts: it needs a CJK font on the machine to prove the last reading.
# Without apt-get (not Debian) the test skips and says why; where apt-get could have installed it, it fails.
CJK_FONT_DIR := /usr/share/fonts/opentype/noto
cjk-fonts:
	@ls $(CJK_FONT_DIR)/NotoSansCJK* >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || \
		{ apt-get update -q && apt-get install -y -q --no-install-recommends fonts-noto-cjk; } || \
		echo "fonts-noto-cjk could not be installed: the host-font test needs a CJK font (or ZHISUAN_CJK_FONTS)"

run: manifest
	.venv/bin/zhisuan run $(if $(FILINGS),--filings $(FILINGS)) $(if $(WAREHOUSE),--warehouse $(WAREHOUSE))

test: manifest browser cjk-fonts
	$(PYTHON) -m pytest

accuracy: install
	$(PYTHON) -m benchmarks.accuracy $(if $(MISSES),--misses $(MISSES))

# Not part of `make test`: about 5 minutes on a quiet 2-core machine (the cold run is most of it), plus
# scale_speed's whole runs on 10 and 100 generated filings.
# BENCH_SCALES="10 100 1000" adds a whole run on 1,000 generated filings to the scaling rows.
bench: manifest
	$(PYTHON) -m benchmarks.parse_speed
	$(PYTHON) -m benchmarks.run_speed
	$(PYTHON) -m benchmarks.model_speed
	$(PYTHON) -m benchmarks.pdf_speed
	$(PYTHON) -m benchmarks.scale_speed

# A long fuzz of the reader and the parser (the test suite runs 2,000 documents; this runs FUZZ_COUNT).
FUZZ_COUNT ?= 20000
fuzz: install
	$(PYTHON) -m orchestration.lib.corpus.mutate --count $(FUZZ_COUNT) $(or $(FILINGS),../shared/filings)/*.txt

ui: manifest
	.venv/bin/zhisuan ui $(if $(FILINGS),--filings $(FILINGS)) $(if $(WAREHOUSE),--warehouse $(WAREHOUSE))

report: install
	.venv/bin/zhisuan report $(if $(WAREHOUSE),--warehouse $(WAREHOUSE))

docs: manifest
	.venv/bin/zhisuan docs $(if $(WAREHOUSE),--warehouse $(WAREHOUSE))

lint: install
	.venv/bin/ruff check orchestration tests benchmarks expectations

clean:
	rm -rf data dbt_project/target dbt_project/logs .pytest_cache
