"""Every assumption carries a source; reviewed overrides need a reason and must hit a real target."""

import pytest

from orchestration.lib.model.assumptions import Source, apply_overrides
from orchestration.lib.model.synthetic import synthetic_project


def test_a_source_needs_a_fact_or_a_reason():
    with pytest.raises(ValueError, match="fact_id or an override reason"):
        Source()


def test_an_override_pins_a_value_and_keeps_its_reason(tmp_path):
    path = tmp_path / "synthetic.yaml"
    path.write_text(
        "- target: gpu_servers.utilisation\n"
        "  value: 0.9\n"
        "  unit: share\n"
        "  reason: the issuer's reply to question 3 caps utilisation at 90%\n",
        encoding="utf-8",
    )

    result = apply_overrides(synthetic_project(), path)

    (product,) = result.products
    assert product.utilisation.value == 0.9
    assert product.utilisation.source.label == "override: the issuer's reply to question 3 caps utilisation at 90%"


def test_an_override_without_a_reason_is_refused(tmp_path):
    path = tmp_path / "synthetic.yaml"
    path.write_text("- target: cabinet\n  value: 0.8\n", encoding="utf-8")

    with pytest.raises(ValueError, match="has no reason"):
        apply_overrides(synthetic_project(), path)


def test_an_override_of_an_unknown_line_is_refused(tmp_path):
    path = tmp_path / "synthetic.yaml"
    path.write_text("- target: power\n  value: 1\n  reason: typo\n", encoding="utf-8")

    with pytest.raises(KeyError, match="matches no assumption"):
        apply_overrides(synthetic_project(), path)


def test_rows_list_every_assumption_with_its_source():
    rows = synthetic_project().rows()

    cabinet = [r for r in rows if r["name"] == "cabinet"]
    assert cabinet == [
        {"project": "synthetic", "group": "cost", "name": "cabinet", "year": None, "value": 0.75,
         "unit": "万元/台/月", "source": "override: generated synthetic project"}
    ]
