"""Checks on filings.documents: every landed file is accounted for, and parsed filings say who filed them."""

import dagster as dg

from orchestration.assets.ingest import DOCUMENTS_KEY
from orchestration.assets.preview import markdown_preview
from orchestration.resources import LandingFolder, Warehouse


@dg.asset_check(
    asset=DOCUMENTS_KEY,
    blocking=True,
    description="Every failed or duplicate document says why, so no landed file is silently lost.",
)
def failures_carry_a_reason(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as conn:
        unexplained = conn.execute(
            "select source_file, status from filings.documents where status <> 'parsed' and error is null"
        ).pl()
    return dg.AssetCheckResult(
        passed=unexplained.is_empty(),
        metadata={"rows_without_reason": unexplained.height, "sample": markdown_preview(unexplained)},
    )


@dg.asset_check(
    asset=DOCUMENTS_KEY,
    description=(
        "Every file in the landing folder has a documents row, and every other entry (a symlink out of the "
        "folder, a subfolder, a temporary file) is listed with its reason. A warning, not a failure: a file "
        "that landed after this run started is picked up by the sensor's next run."
    ),
)
def every_landed_file_is_accounted_for(landing: LandingFolder, warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as conn:
        recorded = {row[0] for row in conn.execute("select source_file from filings.documents").fetchall()}
    missing = sorted(set(landing.file_names()) - recorded)
    skipped = landing.skipped()  # entries that are not filings (links out, folders, temporary files): each says why
    return dg.AssetCheckResult(
        passed=not missing,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "not_yet_ingested": len(missing), "files": dg.MetadataValue.json(missing[:50]),
            "entries_skipped": len(skipped), "skipped": dg.MetadataValue.json(skipped),
        },
    )


@dg.asset_check(
    asset=DOCUMENTS_KEY,
    description="Parsed filings name their issuer and stock code (a warning: some documents print neither).",
)
def parsed_filings_name_their_issuer(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as conn:
        anonymous = conn.execute(
            "select source_file, company_name, stock_code from filings.documents "
            "where status = 'parsed' and (company_name is null or stock_code is null) order by source_file"
        ).pl()
    return dg.AssetCheckResult(
        passed=anonymous.is_empty(),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"filings_without_issuer": anonymous.height, "sample": markdown_preview(anonymous)},
    )
