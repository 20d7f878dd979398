"""Each warehouse gets its own dbt profile, so runs on two warehouses never cross."""

from orchestration.dbt_project import write_dbt_profile


def test_two_warehouses_sharing_a_data_folder_get_two_profiles(tmp_path):
    # regression: one shared profiles.yml was overwritten by a concurrent run, and dbt wrote into the other warehouse
    first = write_dbt_profile(tmp_path / "a.duckdb", tmp_path / "profiles")
    second = write_dbt_profile(tmp_path / "b.duckdb", tmp_path / "profiles")

    assert first != second
    assert str(tmp_path / "a.duckdb") in (first / "profiles.yml").read_text(encoding="utf-8")
    assert str(tmp_path / "b.duckdb") in (second / "profiles.yml").read_text(encoding="utf-8")
    assert write_dbt_profile(tmp_path / "a.duckdb", tmp_path / "profiles") == first
