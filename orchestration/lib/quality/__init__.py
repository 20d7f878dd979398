"""Data quality as pure functions: arithmetic reconciliation of printed tables, conflicting printings of
one fact, impossible dates. No Dagster here: the checks and the findings asset call these."""

from orchestration.lib.quality.conflicts import find_conflicts, find_invalid_dates
from orchestration.lib.quality.findings import KINDS, FactRef, Finding
from orchestration.lib.quality.reconcile import reconcile

__all__ = ["KINDS", "FactRef", "Finding", "find_conflicts", "find_invalid_dates", "reconcile"]
