"""The one vocabulary of facts: metrics and their groups, units, entity kinds and period kinds.

Parser, quality checks, GX suites, the model and the synthetic corpus import it from here; the dbt
project reads it from the seeds ``vocabulary.seeds`` writes (``make manifest``); docs/metrics.md and
docs/periods.md explain it for analysts. Nothing else defines a unit list, a metric group or a period
grammar.
"""
