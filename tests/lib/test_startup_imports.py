"""Heavy libraries load where they are used, not when the definitions (and so every step process) load.

SALib (with pandas and scipy.stats), scipy and fontTools cost seconds to import; the library modules
the Dagster definitions import must not pull them in.
"""

import subprocess
import sys

DEFINITION_LIBRARIES = (
    "orchestration.lib.model.pipeline",
    "orchestration.lib.report",
    "orchestration.lib.report.model_charts",
    "orchestration.lib.parsing.facts",
    "orchestration.lib.ingest",
)
HEAVY = ("SALib", "scipy", "pandas", "fontTools", "matplotlib", "great_expectations", "pdfplumber")


def test_the_libraries_the_definitions_import_load_no_heavy_library():
    probe = "; ".join(
        [*(f"import {module}" for module in DEFINITION_LIBRARIES),
         "import sys", f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"]
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []  # SALib, pandas, scipy and fontTools were loaded here before
