"""Settings from the environment, the deploy checklist, and the console script."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-key-" + "k" * 60,
    "ALLOWED_HOSTS": "otklik.example.ru",
    "OTKLIK_HTTPS": "1",
    "DJANGO_SETTINGS_MODULE": "otklik.settings",
}


def otklik(*args, env=None, tmp_path):
    environment = {**os.environ, "OTKLIK_DATA_DIR": str(tmp_path)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)  # pytest's test settings
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set while browser tests run
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "otklik.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_checklist_is_clean_under_production_settings(tmp_path):
    result = otklik(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_django_commands_pass_through_the_console_script(tmp_path):
    result = otklik("showmigrations", "journeys", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0001_initial" in result.stdout


def test_a_bad_boolean_is_a_clear_error(tmp_path):
    result = otklik("check", env={"DEBUG": "maybe"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_without_secret_key_one_is_generated_and_kept(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"OTKLIK_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "otklik.settings"})
    code = (
        "import django; django.setup(); "
        "from django.conf import settings; print(settings.SECRET_KEY)"
    )
    run = [sys.executable, "-c", code]
    first = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout
    second = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout
    assert first == second and len(first.strip()) > 50
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("", "django.db.backends.sqlite3"),
        ("postgres://u:p@db.local:5432/otklik", "django.db.backends.postgresql"),
    ],
)
def test_database_url_chooses_the_database(tmp_path, url, engine):
    assert database_setting(tmp_path, url, "['ENGINE']") == engine


def database_setting(tmp_path, url: str, item: str) -> str:
    """``settings.DATABASES['default']<item>`` under the product's settings and this URL."""
    env = {
        **os.environ,
        "OTKLIK_DATA_DIR": str(tmp_path),
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "otklik.settings",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(settings.DATABASES['default']{item})"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ("", "-c work_mem=16MB"),
        ("?options=-c%20statement_timeout%3D5000", "-c statement_timeout=5000 -c work_mem=16MB"),
        ("?options=-c%20work_mem%3D64MB", "-c work_mem=64MB"),
    ],
)
def test_postgresql_connections_ask_for_work_mem_unless_the_url_does(tmp_path, query, options):
    url = "postgres://u:p@db.local:5432/otklik" + query
    assert database_setting(tmp_path, url, "['OPTIONS']['options']") == options


def test_the_stylesheet_is_served_by_the_application(client):
    response = client.get("/static/otklik/otklik.css")
    assert response.status_code == 200
    assert b".journey-map" in b"".join(response.streaming_content)


def test_collectstatic_builds_the_manifest_production_needs(tmp_path):
    result = otklik("collectstatic", "--noinput", env=PRODUCTION_ENV, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "otklik/otklik.css" in manifest


@pytest.mark.parametrize(
    ("language", "expected"), [("ru", "Проверить (--dry-run)"), ("en", "Check (--dry-run)")]
)
def test_command_help_in_russian_and_english(tmp_path, language, expected):
    result = otklik("import", "--help", env={"OTKLIK_LANGUAGE": language}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
