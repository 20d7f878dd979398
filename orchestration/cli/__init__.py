"""`zhisuan`: run the whole pipeline, open the UI, write the report, look up facts, build the docs, or fetch
filings from cninfo."""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import sys
import warnings
from pathlib import Path

from orchestration.cli import fetch, findings
from orchestration.cli.supervise import EXIT_INTERRUPTED, supervise
from orchestration.settings import REPO_ROOT, load_settings, prepare_dagster_home

# `run` prepares the manifest itself, once it knows a run is needed: an unchanged warehouse needs no dbt.
_LOADS_DEFINITIONS = {"ui", "docs"}

# Exit status of `zhisuan run` when another run holds the warehouse (EX_TEMPFAIL: try again later).
EXIT_WAREHOUSE_BUSY = 75


def main(argv: list[str] | None = None) -> int:
    # Dagster flags the single-run backfill policy as beta; a user of the CLI cannot act on that warning.
    warnings.filterwarnings("ignore", module=r"dagster\..*")
    parser = argparse.ArgumentParser(prog="zhisuan", description=__doc__)
    parser.add_argument("--version", action="version", version=f"zhisuan {importlib.metadata.version('zhisuan')}")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="materialize the whole asset graph in process and print a summary")
    run.add_argument("--filings", type=Path, help="landing folder of filings (default: the generated sample corpus)")
    run.add_argument("--warehouse", type=Path, help="DuckDB file to write (default: data/warehouse.duckdb)")
    run.add_argument("--wait", action="store_true", help="wait for another run on the same warehouse to finish")
    run.add_argument(
        "--full-refresh", action="store_true",
        help="read and parse every file and build every dbt node again, even where nothing changed",
    )
    ui = commands.add_parser("ui", help="start the Dagster webserver and daemon on 127.0.0.1")
    ui.add_argument("--port", type=int, help="port (default: ZHISUAN_UI_PORT or 3000)")
    _add_folders(ui)
    _add_warehouse(commands.add_parser("report", help="write the HTML report of the warehouse (opens offline)"))
    facts = commands.add_parser("facts", help="facts with the file and line they were printed on")
    _add_warehouse(facts)
    facts.add_argument("--company", help="short name (part of it) or stock code")
    facts.add_argument("--metric", help="metric id, e.g. revenue (see docs/metrics.md)")
    facts.add_argument("--period", help="period code, e.g. FY2024 (see docs/periods.md)")
    facts.add_argument("--entity", help="entity (part of it): a segment, project, customer")
    facts.add_argument("--csv", action="store_true", help="every matching fact as CSV on stdout")
    facts.add_argument("--limit", type=int, default=50, help="rows shown in the table (default: 50)")
    _add_warehouse(commands.add_parser("docs", help="generate the dbt docs (static page) and GX Data Docs"))
    _add_warehouse(findings.add_parser(commands))
    fetch.add_parser(commands)
    args = parser.parse_args(argv)
    try:
        _export_overrides(args)
        if args.command in _LOADS_DEFINITIONS:
            from orchestration.dbt_project import prepare_manifest

            # A command's work, never an import's: the dbt assets are defined from an up-to-date manifest.
            prepare_manifest()
        handlers = {
            "run": _run, "ui": _ui, "report": _report, "facts": _facts, "docs": _docs, "fetch": fetch.run,
            "findings": findings.run,
        }
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("zhisuan: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        status = _expected_failure(error)
        if status is None:
            raise  # a bug: its traceback is what a maintainer needs
        print(f"zhisuan: {error}", file=sys.stderr)
        return status


def _expected_failure(error: Exception) -> int | None:
    """The exit status of a failure a user can act on (busy warehouse, bad setting, missing or locked file)."""
    import duckdb

    from orchestration.lib.warehouse import WarehouseBusy

    if isinstance(error, WarehouseBusy):
        return EXIT_WAREHOUSE_BUSY
    if isinstance(error, OSError | duckdb.Error | ValueError):
        return 1
    return None


def _add_warehouse(command: argparse.ArgumentParser) -> None:
    command.add_argument("--warehouse", type=Path, help="DuckDB file (default: data/warehouse.duckdb)")


def _add_folders(command: argparse.ArgumentParser) -> None:
    command.add_argument("--filings", type=Path, help="landing folder of filings (default: the sample corpus)")
    _add_warehouse(command)


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
    from orchestration.cli.run import run_pipeline

    return run_pipeline(settings, wait=args.wait, full_refresh=args.full_refresh)


def _ui(args: argparse.Namespace) -> int:
    settings = load_settings()
    # The instance `zhisuan run` writes to, so the UI shows the runs made from the terminal.
    env = os.environ | {"DAGSTER_HOME": str(prepare_dagster_home(settings))}
    command = [
        str(Path(sys.executable).with_name("dagster")), "dev",
        "-w", str(REPO_ROOT / "workspace.yaml"), "-h", settings.ui_host, "-p", str(settings.ui_port),
    ]
    print(f"Dagster UI on http://{settings.ui_host}:{settings.ui_port} (Ctrl-C to stop)")
    return supervise(command, env=env, cwd=REPO_ROOT)


def _report(args: argparse.Namespace) -> int:
    from orchestration.cli.commands import report

    return report(load_settings())


def _facts(args: argparse.Namespace) -> int:
    from orchestration.cli.commands import facts

    return facts(load_settings(), args)


def _docs(args: argparse.Namespace) -> int:
    from orchestration.cli.commands import docs

    return docs(load_settings())


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    raise SystemExit(main())
