"""Reading landed filings into text and metadata: pure functions, no orchestration."""

from orchestration.lib.ingest.documents import IngestedDocument, read_filing, read_filing_file

__all__ = ["IngestedDocument", "read_filing", "read_filing_file"]
