"""What says a project's stored model rows still hold: its rows, its overrides, the model code, the settings."""

import polars as pl

from orchestration.lib.model.incremental import changed_projects, plan, project_key, stage_digest
from orchestration.lib.model.inputs import override_name, project_facts
from tests.lib.model.small_project import PROJECT_ID, small_project_inputs


def _key(inputs: pl.DataFrame, overrides_dir=None, code: str = "code-1") -> str:
    (facts,) = project_facts(inputs)
    return project_key(facts, overrides_dir, code)


def test_the_same_rows_give_the_same_key_in_any_order():
    inputs = small_project_inputs()

    assert _key(inputs) == _key(inputs.reverse())


def test_a_changed_value_overrides_file_or_model_code_changes_the_key(tmp_path):
    inputs = small_project_inputs()
    moved = inputs.with_columns(
        pl.when(pl.col("fact_id") == "p5-5").then(1500.01).otherwise(pl.col("value")).alias("value"))
    override = tmp_path / f"{override_name(PROJECT_ID)}.yaml"
    override.write_text("income_tax_rate: {value: 0.15, reason: reviewed}\n", encoding="utf-8")

    keys = {_key(inputs), _key(moved), _key(inputs, tmp_path), _key(inputs, code="code-2")}

    assert len(keys) == 4
    assert _key(inputs, tmp_path / "elsewhere") == _key(inputs)  # no overrides file: nothing to read


def test_a_stage_recomputes_a_project_when_its_settings_change():
    key = _key(small_project_inputs())

    assert stage_digest(key, "discount_rate=0.08") != stage_digest(key, "discount_rate=0.1")


def test_only_new_and_changed_projects_are_planned():
    recorded = plan(small_project_inputs(), {}, "s", None).digests

    assert plan(small_project_inputs(), recorded, "s", None).changed == set()
    assert plan(small_project_inputs(), recorded, "t", None).changed == {PROJECT_ID}
    assert changed_projects({"a": "1", "b": "2"}, {"a": "1", "b": "3", "gone": "4"}) == {"b"}
