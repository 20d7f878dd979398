"""`make bench` splits the run with a filing added into phases from the progress lines `zhisuan run` prints."""

import io
import time

from benchmarks.run_speed import CHECKS_PHASE, phase_times
from orchestration.cli.progress import StepProgress, cpu_seconds


def _progress_line(step: str, wall: float, cpu: float) -> str:
    """The line `zhisuan run` prints for a finished step, by the progress logger itself."""
    stream = io.StringIO()
    progress = StepProgress(stream)
    progress.step_started[step] = (time.monotonic() - wall, cpu_seconds() - cpu)
    progress._print_step(step, failed=False)
    return stream.getvalue()


def test_steps_are_summed_by_phase_and_every_other_step_is_a_check():
    lines = [
        _progress_line("filings__documents", 1.0, 0.25),
        _progress_line("parsed_filings", 4.0, 1.5),
        _progress_line("dbt_models", 30.0, 12.0),
        _progress_line("filings__facts_gx_filings_facts", 6.0, 3.0),
        _progress_line("marts__fct_receivables_gx_fct_receivables", 2.0, 1.0),
        _progress_line("project_models", 5.0, 4.0),
        "Files: 5 parsed, 0 failed, 0 duplicate\n",
    ]
    phases = {name: (round(wall), round(cpu)) for name, (wall, cpu) in phase_times("".join(lines)).items()}
    assert phases == {
        "ingest and parse": (5, 2), "dbt (models and data tests)": (30, 12), CHECKS_PHASE: (8, 4), "model": (5, 4),
    }
