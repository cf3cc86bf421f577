import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from otklik.feedback.models import Interaction
from otklik.imports import services
from otklik.imports.models import ImportRun, ImportSource, RunStatus

from .helpers import INTERACTION_HEADER, INTERACTION_MAPPING, make_source, write_csv
from .test_import_check import BAD, CLEAN

pytestmark = pytest.mark.django_db


def csv_bytes(rows) -> bytes:
    return ("\r\n".join(";".join(r) for r in rows) + "\r\n").encode("cp1251")


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("analyst", 200),
        ("regadmin", 200),
        ("director", 403),
        ("specialist", 403),
        ("teamlead", 403),
        ("specialist2", 403),
    ],
)
def test_region_source_access(client_for, username, status):
    source = make_source(mapping=INTERACTION_MAPPING)
    response = client_for(username).get(reverse("import_source", args=[source.pk]))
    assert response.status_code == status


def test_list_and_outside_scope(client_for):
    source = make_source(mapping=INTERACTION_MAPPING, centre="khimki")
    assert client_for("specialist").get(reverse("import_list")).status_code == 403
    director = client_for("director")  # of Podolsk
    assert director.get(reverse("import_list")).status_code == 200
    assert director.get(reverse("import_source", args=[source.pk])).status_code == 404
    assert client_for("analyst").get(reverse("import_source", args=[source.pk])).status_code == 200


def test_director_creates_a_source_for_own_centre_only(client_for):
    from otklik.org.models import Unit

    client = client_for("director")
    podolsk, khimki = Unit.objects.get(code="podolsk"), Unit.objects.get(code="khimki")
    data = {"name": "Журнал", "kind": "interactions", "encoding": "auto", "delimiter": "auto"}
    refused = client.post(reverse("import_source_create"), {**data, "unit": khimki.pk})
    assert refused.status_code == 200 and not ImportSource.objects.filter(name="Журнал").exists()
    response = client.post(reverse("import_source_create"), {**data, "unit": podolsk.pk})
    source = ImportSource.objects.get(name="Журнал")
    assert response.status_code == 302 and source.centre == podolsk
    assert client_for("specialist").get(reverse("import_source_create")).status_code == 403


def test_upload_map_dry_run_then_import(client_for):
    source = make_source(name="Журнал КЦ")
    client = client_for("analyst")
    upload = SimpleUploadedFile("log.csv", csv_bytes([INTERACTION_HEADER, *CLEAN, *BAD]))
    response = client.post(reverse("import_source", args=[source.pk]), {"file": upload})
    run = ImportRun.objects.get(source=source)
    assert response.url == reverse("import_run_mapping", args=[run.pk])
    page = client.get(response.url)
    assert "Первый ответ" in page.content.decode()  # the file's headers as choices
    form = page.context["form"]
    data = {name: INTERACTION_MAPPING.get(field, "") for name, field in form.names.items()}
    response = client.post(reverse("import_run_mapping", args=[run.pk]), data)
    assert response.url == reverse("import_run", args=[run.pk])
    source.refresh_from_db()
    assert source.mapping == INTERACTION_MAPPING  # remembered
    run.refresh_from_db()
    assert run.status == RunStatus.DRY_RUN and run.rows_bad == 3
    page = client.get(reverse("import_run", args=[run.pk]))
    html = page.content.decode()
    assert not page.context["can_commit"]
    assert {row for row, _text in page.context["errors"]} == {5, 6, 7}
    assert all(text.startswith(f"Строка {row}:") for row, text in page.context["errors"])
    assert "«31.02.2026»" in html
    before = Interaction.objects.count()
    client.post(reverse("import_run_commit", args=[run.pk]))
    assert Interaction.objects.count() == before
    run.refresh_from_db()
    assert run.status == RunStatus.DRY_RUN

    # A clean file: the saved mapping is offered, the check passes, Import commits.
    upload = SimpleUploadedFile("clean.csv", csv_bytes([INTERACTION_HEADER, *CLEAN]))
    client.post(reverse("import_source", args=[source.pk]), {"file": upload})
    run = ImportRun.objects.filter(source=source).order_by("-pk").first()
    page = client.get(reverse("import_run_mapping", args=[run.pk]))
    form = page.context["form"]
    data = {name: form.fields[name].initial for name in form.names}
    client.post(reverse("import_run_mapping", args=[run.pk]), data)
    page = client.get(reverse("import_run", args=[run.pk]))
    assert page.context["can_commit"] and page.context["sample"]["rows"]
    response = client.post(reverse("import_run_commit", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.COMMITTED and run.created_count == 3
    assert Interaction.objects.count() == before + 3
    assert not run.stored_name  # the upload is deleted after the commit
    assert client_for("director").get(reverse("import_run", args=[run.pk])).status_code == 403


def test_progress_page_refreshes_while_running(client_for):
    source = make_source(mapping=INTERACTION_MAPPING)
    run = ImportRun.objects.create(
        source=source,
        file_name="big.csv",
        sha256="0" * 64,
        status=RunStatus.IMPORTING,
        rows_total=500000,
        rows_done=1000,
    )
    services._Reporter(run, None)("import", 250000, 500000)
    page = client_for("analyst").get(reverse("import_run", args=[run.pk]))
    assert page["Refresh"] == "2"
    html = page.content.decode()
    assert '<progress id="import-progress" max="500000" value="250000">' in html
    run.status = RunStatus.COMMITTED
    run.save()
    page = client_for("analyst").get(reverse("import_run", args=[run.pk]))
    assert "Refresh" not in page and "<progress" not in page.content.decode()


def run_cli(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


def test_cli(tmp_path):
    import json

    bad = write_csv(tmp_path / "bad.csv", [INTERACTION_HEADER, *CLEAN, *BAD])
    mapping = json.dumps(INTERACTION_MAPPING, ensure_ascii=False)
    before = Interaction.objects.count()
    code, out, err = run_cli(
        "Контакт-центр",
        str(bad),
        "--kind",
        "interactions",
        "--region",
        "region-50",
        "--mapping",
        mapping,
        "--dry-run",
    )
    assert code == 1, err  # bad rows: exit code 1, in a dry run too
    assert "Строка 5:" in err and "Строка 6:" in err and "Строка 7:" in err
    code, out, err = run_cli("Контакт-центр", str(bad))
    assert code == 1 and "Строка 5:" in err
    assert Interaction.objects.count() == before
    clean = write_csv(tmp_path / "clean.csv", [INTERACTION_HEADER, *CLEAN])
    code, out, err = run_cli("Контакт-центр", str(clean))
    assert code == 0 and "3" in out
    assert "\r" in err  # the progress bar
    assert Interaction.objects.count() == before + 3
    code, out, err = run_cli("Контакт-центр", str(clean), "--no-progress")
    assert code == 0 and err == ""
    assert Interaction.objects.count() == before + 3


def test_cli_help_and_entry_point():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "from otklik.cli import main; main(['otklik', 'import', '--help'])"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
    )
    assert result.returncode == 0, result.stderr
    assert "--dry-run" in result.stdout and "--mapping" in result.stdout
