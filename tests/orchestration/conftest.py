import math
import shutil
from pathlib import Path

from orchestration.lib import warehouse
from orchestration.settings import Settings

# A landing folder with every kind of bad input next to the real filings.
BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20,
    "invalid_encoding.txt": "r\xe9ponse \xe0 la lettre \xa9 ".encode("latin-1") * 30,
    "truncated.pdf": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty",
    "portal_only.html": "<html><body><nav>行情中心 数据中心</nav><footer>版权所有 联系我们</footer></body></html>".encode(),
}
EXPECTED_REASONS = {
    "empty.txt": "empty file",
    "binary.txt": "binary file",
    "invalid_encoding.txt": "invalid encoding",
    "truncated.pdf": "truncated or corrupt",
    "portal_only.html": "no filing text",
}
DUPLICATE = ("zz_copy_of_003.txt", "003_aee50a10d511e859.txt")


def settings_for(landing: Path, warehouse: Path) -> Settings:
    return Settings(data_dir=warehouse.parent, filings_dir=landing, warehouse=warehouse, ui_host="127.0.0.1", ui_port=0)


def landing_with_bad_inputs(landing: Path, real_filings: Path) -> Path:
    """The real filings, one file of each bad kind, and a copy of a real filing under another name."""
    landing.mkdir()
    for source in real_filings.glob("*.txt"):
        shutil.copy(source, landing / source.name)
    for name, data in BAD_INPUTS.items():
        (landing / name).write_bytes(data)
    shutil.copy(real_filings / DUPLICATE[1], landing / DUPLICATE[0])
    return landing


# Columns that say when or in which run a row was written, not what it holds.
RUN_COLUMNS = {"filings.parse_runs": "exclude (seconds, run_id)", "filings.documents": "exclude (ingested_at)"}


def warehouse_tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of the facts, marts and model tables, in order, without the columns that name the run."""
    with warehouse.connect(path, read_only=True) as conn:
        names = [f"{schema}.{table}" for schema, table in conn.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('filings', 'marts', 'model') and table_name <> 'pipeline_state' order by all"
        ).fetchall()]
        return {
            name: [_comparable(row) for row in conn.execute(
                f"select * {RUN_COLUMNS.get(name, '')} from {name} order by all"
            ).fetchall()]
            for name in names
        }


def _comparable(row: tuple) -> tuple:
    # NaN is unequal to itself: two identical rows holding one would never compare equal.
    return tuple("NaN" if isinstance(value, float) and math.isnan(value) else value for value in row)
