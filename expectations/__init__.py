"""Great Expectations 1.x suites for the warehouse, written as code, and the file context that runs them.

``SUITES`` names each suite, the table it validates and whether a failure must block downstream assets
(the inputs of the financial model). Suites are built lazily: importing GX takes seconds, and the
Dagster definitions must load without it.
"""

from expectations.registry import SUITES, SuiteSpec

__all__ = ["SUITES", "SuiteSpec"]
