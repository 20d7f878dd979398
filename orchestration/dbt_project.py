"""The dbt project handle, kept apart from the dbt assets so the manifest can be prepared before they load."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.lib.versions import source_digest
from orchestration.lib.vocabulary.seeds import write_seeds
from orchestration.settings import DBT_PROJECT_DIR

# The dbt installed beside this interpreter, whether or not the virtualenv is on PATH.
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)

# The marts read the vocabulary (metrics, groups, units, entity and period kinds) from these seeds.
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"


# What `dbt build` reads besides the warehouse: its models, macros, seeds, tests and project file.
DBT_SOURCES = tuple(DBT_PROJECT_DIR / name for name in ("models", "macros", "seeds", "tests", "dbt_project.yml"))

# dbt builds independent models side by side: DuckDB runs them on one connection, so threads never contend
# for its write lock, and a build of ~140 nodes spends most of its time waiting on dbt itself, not the CPU.
DBT_THREADS = 4


def write_dbt_profile(warehouse: Path, directory: Path) -> Path:
    """A profiles.yml that points dbt at this warehouse file; returns its directory.

    The checked-in profile reads ZHISUAN_WAREHOUSE for hand-run dbt; runs driven by zhisuan take the
    warehouse from their settings instead. Each warehouse gets its own profile directory under
    `directory`: two runs on two warehouses sharing one data folder would otherwise overwrite each
    other's profile and send dbt to the wrong file.

    A new warehouse's first build parses the whole project: dbt keeps a parse only while the profile's rendered
    credentials (path and database) are unchanged, and rightly so, as dbt-duckdb names the catalog after the
    file (`real.duckdb` is "real") and compiles that name into every relation of the parse.
    """
    directory = directory / hashlib.sha256(str(warehouse).encode("utf-8")).hexdigest()[:16]
    directory.mkdir(parents=True, exist_ok=True)
    profile = (
        "zhisuan:\n  target: duckdb\n  outputs:\n    duckdb:\n      type: duckdb\n"
        f"      path: {json.dumps(str(warehouse))}\n      threads: {DBT_THREADS}\n"
    )
    (directory / "profiles.yml").write_text(profile, encoding="utf-8")
    return directory


def dbt_project_version() -> str:
    """A digest of the dbt project's sources: unit tests and seeds only need building again when it changes."""
    return source_digest(DBT_SOURCES)


def manifest_is_stale() -> bool:
    """True when the manifest is missing or older than any model, macro, seed or project file."""
    manifest = Path(dbt_project.manifest_path)
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [
        DBT_PROJECT_DIR / "dbt_project.yml",
        *(path for folder in ("models", "macros", "seeds") for path in DBT_PROJECT_DIR.glob(f"{folder}/**/*")),
    ]
    return any(path.stat().st_mtime > built for path in sources if path.is_file())


def prepare_manifest() -> None:
    """Bring the vocabulary seeds up to date, then run `dbt parse` when the manifest is stale, so the dbt
    assets can be defined. A step of `make` and of the commands that load the definitions, never of an
    import."""
    write_seeds(SEEDS_DIR)
    if manifest_is_stale():
        directory = str(DBT_PROJECT_DIR)
        command = [DBT_EXECUTABLE, "parse", "--quiet", "--project-dir", directory, "--profiles-dir", directory]
        subprocess.run(command, check=True, cwd=directory)
