import dagster as dg

# One partition per landed file, keyed by its base name: a changed file re-materializes its own partition.
filings_partitions = dg.DynamicPartitionsDefinition(name="filings")
