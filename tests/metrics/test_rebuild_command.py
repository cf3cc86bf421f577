import pytest
from django.core.management import CommandError, call_command

from otklik.metrics.models import SurveyDay, SurveyRegionDay


def test_rebuild_puts_back_lost_rollups(db, capsys):
    before = sorted(SurveyDay.objects.values_list("day", "touchpoint_id", "responses"))
    SurveyDay.objects.all().delete()
    SurveyRegionDay.objects.all().delete()
    call_command("metrics", "rebuild", "--family", "surveys")
    assert sorted(SurveyDay.objects.values_list("day", "touchpoint_id", "responses")) == before
    assert "surveys" in capsys.readouterr().out


def test_rebuild_refuses_a_reversed_range(db):
    with pytest.raises(CommandError):
        call_command("metrics", "rebuild", "--since", "2026-02-01", "--until", "2026-01-01")
    with pytest.raises(CommandError):
        call_command("metrics", "rebuild", "--since", "yesterday")
