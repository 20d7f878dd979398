"""Fixtures shared by every test: the real filings beside the checkout and a generated corpus."""

from pathlib import Path

import pytest

# The whole pipeline, once per session, for every test folder that reads what a run leaves behind.
pytest_plugins = ["tests.pipeline"]

REPO_ROOT = Path(__file__).resolve().parents[1]
REAL_FILINGS = REPO_ROOT.parent / "shared" / "filings"

# The four real filings: (file, short name, full name, stock code, exchange, lines in the file)
REAL_ISSUERS = {
    "000_f0b2696fee94cc90.txt": ("智微智能", "深圳市智微智能科技股份有限公司", "001339", "SZSE", 278),
    "001_1cef971acf991f87.txt": ("宏景科技", "宏景科技股份有限公司", "301396", "SZSE", 6976),
    "002_7cdd91bcb8568f2f.txt": ("中贝通信", "中贝通信集团股份有限公司", "603220", "SSE", 4564),
    "003_aee50a10d511e859.txt": ("首都在线", "北京首都在线科技股份有限公司", "300846", "SZSE", 3825),
}


def pytest_configure(config: pytest.Config) -> None:
    # The dbt assets are defined from the manifest: preparing it is the test command's work, never an import's.
    from orchestration.dbt_project import prepare_manifest

    prepare_manifest()


@pytest.fixture(scope="session")
def real_filings() -> Path:
    if not REAL_FILINGS.is_dir():
        pytest.fail(f"the real filings are expected in {REAL_FILINGS} (../shared beside the checkout)")
    return REAL_FILINGS


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated sample corpus (filings/ and ground_truth/), built once per test session."""
    from orchestration.lib.corpus import generate_corpus

    out = tmp_path_factory.mktemp("sample_corpus")
    generate_corpus(out)
    return out
