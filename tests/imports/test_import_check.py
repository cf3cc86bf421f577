"""The issue's check: a cp1251 `;` file with bad rows; commit refuses; clean file; again."""

import pytest
from django.utils import translation

from otklik.feedback.ingest import render_error
from otklik.feedback.models import Interaction
from otklik.imports import services
from otklik.imports.models import RunStatus

from .helpers import INTERACTION_HEADER, INTERACTION_MAPPING, make_source, write_csv

pytestmark = pytest.mark.django_db

CLEAN = [
    [
        "A-1",
        "podolsk",
        "телефон",
        "24.11.2026 10:30",
        "24.11.2026 10:32",
        "24.11.2026 11:00",
        "2",
        "нет",
        "да",
    ],
    ["A-2", "ЦЗН Химки", "Чат", "24.11.26", "", "", "0", "0", "0"],
    ["A-3", "", "e-mail", "2026-11-25 09:00", "25.11.2026 12:00", "", "1", "+", "-"],
]
BAD = [
    ["B-1", "podolsk", "телефон", "31.02.2026", "", "", "1", "нет", "нет"],
    ["B-2", "nowhere", "телефон", "24.11.2026", "", "", "1", "нет", "нет"],
    ["B-3", "podolsk", "голубь", "24.11.2026 10:00", "24.11.2026 09:00", "", "много", "ага", "нет"],
]


def test_check_scenario(tmp_path):
    source = make_source(mapping=INTERACTION_MAPPING)
    before = Interaction.objects.count()
    bad_file = write_csv(tmp_path / "bad.csv", [INTERACTION_HEADER, *CLEAN, *BAD])

    # The dry run names each bad row (msgids: Russian comes from the catalogue).
    run = services.dry_run(source, bad_file)
    assert run.status == RunStatus.DRY_RUN
    assert (run.rows_total, run.rows_ok, run.rows_bad) == (6, 3, 3)
    assert run.would_create == 3
    assert {error["row"] for error in run.errors} == {5, 6, 7}
    with translation.override("en"):
        texts = [render_error(error) for error in run.errors]
    assert any(t.startswith("Row 5:") and "«31.02.2026» in «Открыто»" in t for t in texts), texts
    assert any(t.startswith("Row 6:") and "«nowhere»" in t for t in texts), texts
    row7 = [t for t in texts if t.startswith("Row 7:")]
    assert len(row7) == 4, row7  # channel, time order, replies, escalated
    assert any("«Первый ответ»" in t for t in row7)
    assert Interaction.objects.count() == before  # a dry run writes no facts

    # A commit with bad rows changes nothing.
    run = services.commit(source, bad_file)
    assert run.status == RunStatus.FAILED
    assert run.rows_bad == 3 and run.created_count == 0
    assert Interaction.objects.count() == before

    # A clean file imports.
    clean_file = write_csv(tmp_path / "clean.csv", [INTERACTION_HEADER, *CLEAN])
    run = services.commit(source, clean_file)
    assert run.status == RunStatus.COMMITTED, services.render_problem(run)
    assert run.created_count == 3
    assert Interaction.objects.count() == before + 3
    first = Interaction.objects.get(source="КЦ", external_id="A-1")
    assert first.centre.code == "podolsk" and first.channel == "phone"
    assert first.replies == 2 and first.resolved_first_contact and not first.escalated
    assert Interaction.objects.get(external_id="A-2").centre.code == "khimki"
    assert Interaction.objects.get(external_id="A-3").centre is None  # the region's

    # The same file again adds nothing.
    again = services.commit(source, clean_file)
    assert again.status == RunStatus.COMMITTED
    assert again.created_count == 0
    assert Interaction.objects.count() == before + 3
    assert services.dry_run(source, clean_file).would_create == 0


def test_rows_without_id_are_keyed_by_content(tmp_path):
    mapping = {k: v for k, v in INTERACTION_MAPPING.items() if k != "external_id"}
    source = make_source(mapping=mapping)
    header = [mapping[k] for k in mapping]
    row = CLEAN[0][1:]
    path = write_csv(tmp_path / "noid.csv", [header, row, row, CLEAN[1][1:]])
    before = Interaction.objects.count()
    assert services.commit(source, path).created_count == 3  # two identical rows are two
    assert services.commit(source, path).created_count == 0
    assert Interaction.objects.count() == before + 3


def test_missing_required_column_is_a_file_problem(tmp_path):
    source = make_source(mapping={**INTERACTION_MAPPING, "opened_at": "Нет такой"})
    path = write_csv(tmp_path / "f.csv", [INTERACTION_HEADER, CLEAN[0]])
    run = services.dry_run(source, path)
    assert run.status == RunStatus.FAILED
    with translation.override("en"):
        assert "«Нет такой»" in services.render_problem(run)


def test_centre_source_refuses_other_centres(tmp_path):
    source = make_source(mapping=INTERACTION_MAPPING, centre="podolsk")
    path = write_csv(tmp_path / "f.csv", [INTERACTION_HEADER, CLEAN[0], CLEAN[1], CLEAN[2]])
    run = services.dry_run(source, path)
    assert [e["row"] for e in run.errors] == [3]
    assert run.errors[0]["field"] == "centre"
    before = Interaction.objects.count()
    good = write_csv(tmp_path / "g.csv", [INTERACTION_HEADER, CLEAN[0], CLEAN[2]])
    assert services.commit(source, good).created_count == 2
    assert Interaction.objects.filter(pk__gt=0).count() == before + 2
    assert Interaction.objects.get(external_id="A-3").centre.code == "podolsk"
