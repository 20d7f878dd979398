"""The model's only input: the rows of marts.fct_project_model_inputs, split into one frame per project.

The mart carries, per project_id, every printed fact the model may read (from the project's one
filing), with ``names_project`` set where the fact's own printed entity is one of the project's names.
The assembly reads a project's own facts by its entity and its tables' other rows by table, so in
each project's frame ``entity`` is the project_id where the fact names the project and null
elsewhere: a fact the mart does not carry, or carries for another project, cannot reach the project.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

INPUTS_TABLE = "marts.fct_project_model_inputs"
COLUMNS = {  # the mart's columns the model reads, with the types of a frame built elsewhere (tests)
    "project_id": pl.String, "project_name": pl.String, "filing_id": pl.String, "fact_id": pl.String,
    "section_id": pl.String, "table_id": pl.String, "line_no": pl.Int64, "value": pl.Float64, "unit": pl.String,
    "row_label": pl.String, "column_label": pl.String, "label_zh": pl.String, "metric": pl.String,
    "period": pl.String, "names_project": pl.Boolean,
}


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    project_id: str
    name: str  # the name dim_projects gives the project (printed most often)
    filing_id: str  # the one filing the project is modelled from
    facts: pl.DataFrame  # the filings.facts columns the assembly reads; entity = project_id where named


def project_facts(inputs: pl.DataFrame) -> list[ProjectFacts]:
    """One frame per project of the mart's rows, projects in project_id order, facts in print order."""
    frame = inputs.select([pl.col(c).cast(t) for c, t in COLUMNS.items()])
    out = []
    for (project_id,), rows in frame.sort("project_id", "line_no", "fact_id").group_by("project_id", maintain_order=True):
        facts = rows.with_columns(
            entity=pl.when(pl.col("names_project")).then(pl.col("project_id")).otherwise(None)
        ).drop("names_project")
        out.append(ProjectFacts(str(project_id), str(rows["project_name"][0]), str(rows["filing_id"][0]), facts))
    return out


def override_name(project_id: str) -> str:
    """The file name stem of a project's overrides in assumptions/: its id, readable on every file system."""
    return project_id.replace("/", "-")
