"""`kpiextract catalogue match/list`, and the catalogue's ids reaching the records of the samples."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kpiextract.api import extract
from kpiextract.cli import app

SAMPLES = Path(__file__).parent.parent / "samples"


def test_match_prints_the_entry_and_its_score() -> None:
    name = "% of CIN cases closed with no re-referral within 12 months"
    result = CliRunner().invoke(app, ["catalogue", "match", name])
    assert result.exit_code == 0
    assert "csc-cin-closed-no-rereferral-12m" in result.stdout and "score" in result.stdout


def test_no_match_exits_one_and_shows_no_guess() -> None:
    result = CliRunner().invoke(app, ["catalogue", "match", "number of parish council bus shelters repainted"])
    assert result.exit_code == 1
    assert "no match" in result.stdout


def test_a_user_folder_adds_an_alias(tmp_path: Path) -> None:
    (tmp_path / "catalogue.toml").write_text(
        '[[indicator]]\nid = "local-bus-shelters"\nname = "Bus shelters repainted"\nunit = "count"\n'
        'topic = "highways"\naliases = ["number of parish council bus shelters repainted"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["catalogue", "match", "number of parish council bus shelters repainted",
                                      "--patterns", str(tmp_path)])
    assert result.exit_code == 0, result.stdout
    assert "local-bus-shelters" in result.stdout


def test_list_shows_entries() -> None:
    result = CliRunner().invoke(app, ["catalogue", "list"])
    assert result.exit_code == 0
    assert "send-ehcp-20-weeks" in result.stdout


def test_parse_fills_canonical_ids_and_computed_status() -> None:
    records = extract(SAMPLES / "buckinghamshire-portfolio-scorecard-2023-05.txt").records
    ids = {r.canonical_id for r in records}
    assert {"send-ehcp-20-weeks", "csc-icpc-15-days", "cl-eet-19-21", "edu-ks4-attainment8"} <= ids
    icpc = next(r for r in records if r.canonical_id == "csc-icpc-15-days")
    # 67% against a target of 82% (higher is better): missed, and worse than England's 79%
    assert (icpc.target_status, icpc.vs_england, icpc.rag, icpc.rag_disagrees) == ("missed", "worse", "red", False)
