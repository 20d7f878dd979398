"""`zhisuan findings`: what a reviewer should read, most severe first, each with the lines it stands on."""

from __future__ import annotations

import argparse
import sys

from orchestration.lib import warehouse
from orchestration.settings import load_settings

_FINDINGS_SQL = """
    select kind, severity, description, description_zh, source_files, line_nos, raw_texts, line_texts, contexts
    from quality.findings
    where (? is null or kind = ?) and (? is null or severity = ?)
    order by severity_score desc, kind, finding_id
"""


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    findings = commands.add_parser("findings", help="findings most severe first, each quoting its printed lines")
    findings.add_argument("--kind", help="only this kind: conflict, ambiguous_label, column_total, invalid_date …")
    findings.add_argument("--severity", choices=("high", "medium", "low"), help="only this severity")
    findings.add_argument("--zh", action="store_true", help="describe each finding in Chinese")
    findings.add_argument("--limit", type=int, default=20, help="findings shown (default: 20)")
    return findings


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if not settings.warehouse.exists():
        print(f"error: no warehouse at {settings.warehouse}; run `zhisuan run` first", file=sys.stderr)
        return 2
    with warehouse.connect(settings.warehouse, read_only=True) as conn:
        if not conn.execute(
            "select count(*) from information_schema.tables where table_schema = 'quality' and table_name = 'findings'"
        ).fetchone()[0]:
            print("error: the warehouse has no findings yet; run `zhisuan run` first", file=sys.stderr)
            return 2
        rows = conn.execute(_FINDINGS_SQL, [args.kind, args.kind, args.severity, args.severity]).fetchall()
    for number, row in enumerate(rows[: args.limit], start=1):
        print(_finding_text(number, row, args.zh))
    print(f"{len(rows):,} findings" + (f" ({len(rows) - args.limit:,} not shown: raise --limit)" if len(rows) > args.limit else ""))
    return 0


def _finding_text(number: int, row: tuple, chinese: bool) -> str:
    kind, severity, description, description_zh, files, lines, raw_texts, line_texts, contexts = row
    head = f"{number}. [{severity} {kind}] {(description_zh if chinese and description_zh else description)}"
    quoted = [
        f"   {file}:{line}  {raw}  | {context + ' | ' if context else ''}{text}"
        for file, line, raw, text, context in zip(files, lines, raw_texts, line_texts, contexts, strict=True)
    ]
    return "\n".join([head, *dict.fromkeys(quoted)])
