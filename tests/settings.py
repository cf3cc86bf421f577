"""Settings for the test suite: the real settings, with test-only conveniences.

``DATABASE_URL`` still chooses the database, so the same suite runs on SQLite and
PostgreSQL.
"""

import os
import tempfile

os.environ.setdefault("OTKLIK_HTTPS", "0")  # the test client speaks plain HTTP
os.environ.setdefault("SECRET_KEY", "tests-only-" + "x" * 50)
os.environ.setdefault("OTKLIK_DATA_DIR", tempfile.mkdtemp(prefix="otklik-tests-"))

from otklik.settings import *  # noqa: E402,F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise serves from it)
WHITENOISE_USE_FINDERS = True  # serve the stylesheet without collectstatic
OTKLIK_HUEY_IMMEDIATE = True  # background jobs run at once inside the test

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's in-memory default: an in-memory test database is one
    # connection shared by every thread, so two requests the live server handles at once
    # (a browser resending a queued answer) would share one transaction's state.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
