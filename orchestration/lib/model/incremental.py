"""Which projects a model run must compute again: those whose input rows, overrides or model code changed.

Every project's model rows are a function of its own rows of the input mart, its reviewed overrides file,
the model code and the stage's settings (the discount rate, the number of Monte Carlo scenarios); no
project reads another's. So a digest of exactly these says when a project's stored rows still hold, and a
run with one filing added computes that filing's projects only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from orchestration.lib.model.inputs import ProjectFacts, override_name, project_facts
from orchestration.lib.versions import LIB, source_digest

# The code a project's model rows and charts come from: the model, the vocabulary it reads metrics by, and
# the report's chart drawing.
MODEL_SOURCES = (LIB / "model", LIB / "vocabulary", LIB / "report")


def model_code_version() -> str:
    """Not cached: the code location of the UI lives on while the model code may be edited."""
    return source_digest(MODEL_SOURCES)


def override_path(project_id: str, overrides_dir: Path | None) -> Path | None:
    """The project's reviewed overrides file, where there is one."""
    if overrides_dir is None:
        return None
    path = overrides_dir / f"{override_name(project_id)}.yaml"
    return path if path.is_file() else None


def project_key(facts: ProjectFacts, overrides_dir: Path | None, code_version: str) -> str:
    """A digest of everything a project's calibrated run reads: its rows, its overrides, the model code."""
    digest = hashlib.sha256(code_version.encode("utf-8") + b"\0")
    digest.update(repr((facts.project_id, facts.name, facts.filing_id, facts.facts.columns)).encode("utf-8"))
    for row in facts.facts.iter_rows():
        digest.update(repr(row).encode("utf-8"))  # repr of a float is exact: any changed value changes it
    override = override_path(facts.project_id, overrides_dir)
    digest.update(b"\0" + (override.read_bytes() if override is not None else b""))
    return digest.hexdigest()


def stage_digest(key: str, settings: str) -> str:
    """A project's key under one stage's settings (the rows of model.returns depend on the discount rate)."""
    return hashlib.sha256(f"{key}\0{settings}".encode()).hexdigest()


def changed_projects(digests: dict[str, str], recorded: dict[str, str]) -> set[str]:
    """The projects whose digest is new or differs from the one their stored rows were written with."""
    return {project_id for project_id, digest in digests.items() if recorded.get(project_id) != digest}


@dataclass(frozen=True, slots=True)
class Plan:
    """One stage's work: every project of the mart, what identifies its run and its stored rows, and the
    projects whose rows must be computed again."""

    projects: list[ProjectFacts]
    keys: dict[str, str]  # project_id -> project_key
    digests: dict[str, str]  # project_id -> stage_digest
    changed: set[str]

    def to_compute(self) -> list[ProjectFacts]:
        return [p for p in self.projects if p.project_id in self.changed]


def plan(inputs: pl.DataFrame, recorded: dict[str, str], settings: str, overrides_dir: Path | None) -> Plan:
    """The projects of ``inputs`` (rows of the input mart) whose digest differs from ``recorded``."""
    projects = project_facts(inputs)
    code = model_code_version()
    keys = {p.project_id: project_key(p, overrides_dir, code) for p in projects}
    digests = {project_id: stage_digest(key, settings) for project_id, key in keys.items()}
    return Plan(projects, keys, digests, changed_projects(digests, recorded))
