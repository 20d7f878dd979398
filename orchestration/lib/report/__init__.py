"""The static HTML report of a warehouse: an overview, a page per project, findings, facts and the filings'
lines every number links to. Pure: reads the warehouse with SQL, writes files, needs no network to view."""

from orchestration.lib.report.site import build_report

__all__ = ["build_report"]
