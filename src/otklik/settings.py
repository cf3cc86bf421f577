"""Settings read from the environment, with safe defaults.

The embedded default is a SQLite file under ``OTKLIK_DATA_DIR``; production points
``DATABASE_URL`` at PostgreSQL and sets a real ``SECRET_KEY``. Every variable is listed
in the README's configuration reference.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("OTKLIK_DATA_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """The configured key, or one generated once and kept in the data directory.

    A generated key keeps the embedded mode safe without configuration; production sets
    SECRET_KEY so that every process shares one key.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return key_file.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Behind TLS (production) every cookie is secure and HTTP is redirected; the embedded
# demo on http://127.0.0.1 turns this off with OTKLIK_HTTPS=0.
HTTPS = env_bool("OTKLIK_HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS and env_bool("OTKLIK_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("OTKLIK_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("OTKLIK_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("OTKLIK_SESSION_SECONDS", str(8 * 3600)))
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "auditlog",
    "otklik.org",
    "otklik.metrics",
    "otklik.journeys",
    "otklik.feedback",
    "otklik.outreach",
    "otklik.public",
    "otklik.demo",
    "otklik.imports",
    "otklik.standards",
    "otklik.reports",
    "otklik.dashboards",
    "ninja",
    "otklik.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "otklik.urls"
WSGI_APPLICATION = "otklik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'otklik.sqlite3'}",
        conn_max_age=int(os.environ.get("OTKLIK_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE avoids lock upgrades
    # failing mid-transaction under concurrent writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Memory for each sort or hash of a query: with PostgreSQL's 4 MB a region's weekly
    # survey sums (18 000 rollup rows into 700 groups) were sorted, not hashed (23 → 12 ms).
    # A work_mem given in the URL's own options wins.
    pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    if "work_mem" not in pg_options.get("options", ""):
        pg_options["options"] = f"{pg_options.get('options', '')} -c work_mem=16MB".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Staff logins: lock a username from one address after repeated failures (ASVS 6.3).
AXES_FAILURE_LIMIT = int(os.environ.get("OTKLIK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Russian first; OTKLIK_LANGUAGE=en gives English pages by default and English command help.
LANGUAGE_CODE = os.environ.get("OTKLIK_LANGUAGE", "ru")
if LANGUAGE_CODE not in {"ru", "en"}:
    raise ImproperlyConfigured("OTKLIK_LANGUAGE must be ru or en")
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Nothing is loaded from another host (152-FZ data localisation): 'self' only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# Shared state for rate limits: Redis in production (every process sees one counter),
# this process's memory in the embedded mode.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
# Addresses of reverse proxies whose X-Forwarded-For names the real client.
RATELIMIT_TRUSTED_PROXIES = env_list("OTKLIK_TRUSTED_PROXIES", "unix")

# Public survey links (F2, abuse protection): answers faster than this are held for
# review; a form older than the maximum is answered again from a fresh page.
OTKLIK_SURVEY_MIN_FILL_SECONDS = int(os.environ.get("OTKLIK_SURVEY_MIN_FILL_SECONDS", "3"))
OTKLIK_SURVEY_MAX_FILL_SECONDS = int(os.environ.get("OTKLIK_SURVEY_MAX_FILL_SECONDS", "21600"))
OTKLIK_RATE_PER_LINK = os.environ.get("OTKLIK_RATE_PER_LINK", "120/m")
OTKLIK_RATE_PER_ADDRESS = os.environ.get("OTKLIK_RATE_PER_ADDRESS", "20/m")
# The address citizens reach the site at: printed in QR codes and invitation links.
OTKLIK_PUBLIC_BASE_URL = os.environ.get("OTKLIK_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip(
    "/"
)
# Seconds before the kiosk page starts over for the next person.
OTKLIK_KIOSK_RESET_SECONDS = int(os.environ.get("OTKLIK_KIOSK_RESET_SECONDS", "8"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "otklik@localhost")

# Personal data never reaches the logs: requests are not logged with bodies, and the
# default handlers print only warnings and errors.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OTKLIK_LOG_LEVEL", "WARNING")},
}

# Point-survey invitations (App. 3 §6; F2–F4): SMS and e-mail right after an interaction.
# Sent from DELAY minutes after the interaction until WINDOW hours after it («сразу после
# взаимодействия», App. 3; «в течение 24-48 часов», App. 4), never in the quiet hours (TIME_ZONE).
OTKLIK_INVITATION_DELAY_MINUTES = int(os.environ.get("OTKLIK_INVITATION_DELAY_MINUTES", "0"))
OTKLIK_INVITATION_WINDOW_HOURS = int(os.environ.get("OTKLIK_INVITATION_WINDOW_HOURS", "48"))
OTKLIK_QUIET_HOURS = os.environ.get("OTKLIK_QUIET_HOURS", "21:00-09:00")  # empty: none

# Working hours of the centres (TIME_ZONE), for CV-2's share of interactions outside them.
OTKLIK_WORKING_HOURS = os.environ.get("OTKLIK_WORKING_HOURS", "09:00-18:00")
OTKLIK_WORKING_DAYS = os.environ.get("OTKLIK_WORKING_DAYS", "1-5")  # ISO weekdays, Mon–Fri
# Below this many answers a metric is shown as «мало ответов» and raises no drop alert (X12).
OTKLIK_METRIC_MIN_SAMPLE = int(os.environ.get("OTKLIK_METRIC_MIN_SAMPLE", "30"))
OTKLIK_INVITATION_LINK_DAYS = int(os.environ.get("OTKLIK_INVITATION_LINK_DAYS", "14"))
OTKLIK_INVITATION_BATCH = int(os.environ.get("OTKLIK_INVITATION_BATCH", "500"))
# Survey fatigue (F3): nobody is invited again within this many days of an invitation or answer.
OTKLIK_FATIGUE_DAYS = int(os.environ.get("OTKLIK_FATIGUE_DAYS", "30"))
# Salt of the respondent key; empty: derived from SECRET_KEY. Set once in production and keep
# it: a new salt gives everybody a new key.
OTKLIK_RESPONDENT_SALT = os.environ.get("OTKLIK_RESPONDENT_SALT", "")
# How long after answering a citizen may leave contact details (the consent step).
OTKLIK_CONTACT_OFFER_MINUTES = int(os.environ.get("OTKLIK_CONTACT_OFFER_MINUTES", "60"))
# SMS: the console provider writes DATA_DIR/outbox/sms.log (demo, tests); HttpSmsProvider posts
# JSON to a gateway.
OTKLIK_SMS_PROVIDER = os.environ.get(
    "OTKLIK_SMS_PROVIDER", "otklik.outreach.providers.ConsoleSmsProvider"
)
OTKLIK_SMS_HTTP_URL = os.environ.get("OTKLIK_SMS_HTTP_URL", "")
OTKLIK_SMS_HTTP_TOKEN = os.environ.get("OTKLIK_SMS_HTTP_TOKEN", "")
OTKLIK_SMS_SENDER = os.environ.get("OTKLIK_SMS_SENDER", "")
OTKLIK_SMS_HTTP_TIMEOUT = float(os.environ.get("OTKLIK_SMS_HTTP_TIMEOUT", "10"))

# Background jobs (Huey, otklik.outreach.tasks): a SQLite file under DATA_DIR, Redis when
# REDIS_URL is set. serve/demo run the consumer in-process unless OTKLIK_EMBEDDED_JOBS=0;
# production runs `otklik run_huey` as its own process.
REDIS_URL = os.environ.get("REDIS_URL", "")
OTKLIK_HUEY_IMMEDIATE = env_bool("OTKLIK_HUEY_IMMEDIATE", False)
OTKLIK_HUEY_WORKERS = int(os.environ.get("OTKLIK_HUEY_WORKERS", "2"))
OTKLIK_EMBEDDED_JOBS = env_bool("OTKLIK_EMBEDDED_JOBS", True)
