from orchestration.lib.quality.completeness import forecast_gaps


def _line(item, amounts, total=None, project="603220/智算中心项目"):
    rows = [{"project_id": project, "line_item": item, "period": f"Y{year}", "amount_wan": amount}
            for year, amount in amounts.items()]
    if total is not None:
        rows.append({"project_id": project, "line_item": item, "period": "MODEL_TOTAL", "amount_wan": total})
    return rows


def test_a_whole_forecast_has_no_gap():
    rows = [*_line("revenue", {1: 100.01, 2: 200.02, 3: 300.03}, total=600.06),
            *_line("rd_expense", {2: 5.00, 3: 5.00})]
    assert forecast_gaps(rows) == []


def test_a_year_missing_inside_a_line_is_a_gap():
    rows = _line("net_profit", {1: 1.0, 2: 2.0, 4: 4.0, 5: 5.0})
    assert forecast_gaps(rows) == [{"project_id": "603220/智算中心项目", "line_item": "net_profit", "gap": "no Y3"}]


def test_a_first_year_lost_from_a_line_with_a_total_is_a_gap():
    rows = _line("revenue", {2: 200.02, 3: 300.03}, total=600.06)
    (gap,) = forecast_gaps(rows)
    assert gap["gap"] == "2 years sum to 500.05, the printed total is 600.06"


def test_a_line_that_starts_late_is_not_a_gap():
    assert forecast_gaps(_line("rd_expense", {4: 1.0, 5: 1.0, 6: 1.0})) == []


def test_rounding_of_the_printed_years_is_not_a_gap():
    # Three values printed to the cent may sum 0.02 away from their printed total.
    assert forecast_gaps(_line("revenue", {1: 33.33, 2: 33.33, 3: 33.33}, total=100.01)) == []
