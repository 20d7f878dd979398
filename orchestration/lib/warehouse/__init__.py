"""The DuckDB warehouse contract: schema ``filings`` and its idempotent writers.

Writes are delete-then-insert by key inside one transaction, so re-running a file or a whole
corpus never duplicates rows, and a failure leaves what was there before.
"""

from orchestration.lib.warehouse.connection import connect, replace_rows, table_counts, transaction
from orchestration.lib.warehouse.documents import resolve_unprinted_stock_codes, write_documents
from orchestration.lib.warehouse.lock import WarehouseBusy, connection_lock, exclusive_lock
from orchestration.lib.warehouse.parsed import parsed_texts, write_parse_results
from orchestration.lib.warehouse.sources import write_sources

__all__ = [
    "WarehouseBusy",
    "connect",
    "connection_lock",
    "exclusive_lock",
    "parsed_texts",
    "replace_rows",
    "resolve_unprinted_stock_codes",
    "table_counts",
    "transaction",
    "write_documents",
    "write_parse_results",
    "write_sources",
]
