"""The financial model: re-run a disclosed project forecast, calibrate its conventions, stress it.

Pure Python (numpy, polars, SALib); no Dagster import.
"""
