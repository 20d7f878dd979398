"""`zhisuan`: run the whole pipeline headlessly, open the UI, build the docs, or fetch filings from cninfo."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import warnings
from pathlib import Path

from orchestration import fetch_command
from orchestration.settings import REPO_ROOT, load_settings

_LOADS_DEFINITIONS = {"run", "ui", "docs"}


def main(argv: list[str] | None = None) -> int:
    # Dagster flags the single-run backfill policy as beta; a user of the CLI cannot act on that warning.
    warnings.filterwarnings("ignore", module=r"dagster\..*")
    parser = argparse.ArgumentParser(prog="zhisuan", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="materialize the whole asset graph in process and print a summary")
    run.add_argument("--filings", type=Path, help="landing folder of filings (default: the generated sample corpus)")
    run.add_argument("--warehouse", type=Path, help="DuckDB file to write (default: data/warehouse.duckdb)")
    ui = commands.add_parser("ui", help="start the Dagster webserver and daemon on 127.0.0.1")
    ui.add_argument("--port", type=int, help="port (default: ZHISUAN_UI_PORT or 3000)")
    commands.add_parser("docs", help="generate the dbt docs site and the Great Expectations Data Docs")
    fetch_command.add_parser(commands)
    args = parser.parse_args(argv)
    _export_overrides(args)
    if args.command in _LOADS_DEFINITIONS:
        from orchestration.dbt_project import prepare_manifest

        # A command's work, never an import's: the dbt assets are defined from an up-to-date manifest.
        prepare_manifest()
    return {"run": _run, "ui": _ui, "docs": _docs, "fetch": fetch_command.run}[args.command](args)


def _export_overrides(args: argparse.Namespace) -> None:
    """Flags become the environment the settings module (and dbt's profile) read, so there is one source."""
    if getattr(args, "filings", None):
        os.environ["ZHISUAN_FILINGS_DIR"] = str(args.filings.expanduser().resolve())
    if getattr(args, "warehouse", None):
        os.environ["ZHISUAN_WAREHOUSE"] = str(args.warehouse.expanduser().resolve())
    os.environ.setdefault("ZHISUAN_WAREHOUSE", str(load_settings().warehouse))
    if getattr(args, "port", None):
        os.environ["ZHISUAN_UI_PORT"] = str(args.port)


def _run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings.filings_dir is None:
        from orchestration.lib.corpus import ensure_sample_corpus

        ensure_sample_corpus(settings.sample_corpus_dir)
        print(f"Using the generated sample corpus in {settings.landing_dir}")
    if not settings.landing_dir.is_dir():
        print(f"error: landing folder {settings.landing_dir} does not exist", file=sys.stderr)
        return 2
    from orchestration.runner import run_pipeline

    return run_pipeline(settings)


def _ui(args: argparse.Namespace) -> int:
    settings = load_settings()
    dagster_home = settings.data_dir / "dagster_home"
    dagster_home.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"DAGSTER_HOME": str(dagster_home)}
    command = [
        str(Path(sys.executable).with_name("dagster")), "dev",
        "-w", str(REPO_ROOT / "workspace.yaml"), "-h", settings.ui_host, "-p", str(settings.ui_port),
    ]
    print(f"Dagster UI on http://{settings.ui_host}:{settings.ui_port} (Ctrl-C to stop)")
    return subprocess.call(command, env=env, cwd=REPO_ROOT)


def _docs(args: argparse.Namespace) -> int:
    from orchestration.dbt_project import DBT_EXECUTABLE, dbt_project, write_dbt_profile

    settings = load_settings()
    target = Path(dbt_project.project_dir)
    profiles = write_dbt_profile(settings.warehouse, settings.data_dir / "dbt_profiles")
    status = subprocess.call(
        [DBT_EXECUTABLE, "docs", "generate", "--project-dir", str(target), "--profiles-dir", str(profiles)],
        cwd=target,
    )
    if status == 0:
        print(f"dbt docs: {target / 'target' / 'index.html'} (serve with: dbt docs serve --host 127.0.0.1)")
    from expectations.context import build_docs

    # The site shows the suites and the validation results of the last run (the asset checks link to it).
    print(f"GX Data Docs: {build_docs(settings.data_dir / 'gx')}")
    return status


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    raise SystemExit(main())
