import dagster as dg

# A run tagged so reads, parses and builds everything again, whatever the warehouse says is unchanged.
FULL_REFRESH_TAG = "zhisuan/full_refresh"


def is_full_refresh(context: dg.AssetExecutionContext) -> bool:
    return context.run.tags.get(FULL_REFRESH_TAG) == "true"


per_filing_stages = dg.AssetSelection.groups("ingest", "parse")
downstream_stages = dg.AssetSelection.groups("staging", "intermediate", "marts", "quality", "model", "report")

# New or changed filings: ingest and parse only their own partitions.
ingest_filings_job = dg.define_asset_job(
    "ingest_filings",
    selection=per_filing_stages,
    description="Ingest and parse the filings of the requested partitions (one per landed file).",
)

# Everything that reads across filings: the dbt layers, quality findings, the project models, the report.
refresh_downstream_job = dg.define_asset_job(
    "refresh_downstream",
    selection=downstream_stages,
    description="Rebuild the marts, quality findings, project models and report from all parsed filings.",
)

# The whole graph in one run, as `zhisuan run` does it.
full_refresh_job = dg.define_asset_job(
    "full_refresh",
    selection=per_filing_stages | downstream_stages,
    description="Ingest and parse every landed filing in a single run, then rebuild everything downstream.",
)

# New announcements of the watchlist into the landing folder; the landing sensor ingests them.
fetch_filings_job = dg.define_asset_job(
    "fetch_filings",
    selection=dg.AssetSelection.groups("fetch"),
    description="Fetch new announcements of the watchlist from the configured source into the landing folder.",
)
