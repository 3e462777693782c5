"""Quartier settings: one module, configured from the environment.

Development defaults are safe (local PostgreSQL socket, mail to files, DEBUG on only when
asked for by `make run`); production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and EMAIL_URL.
"""

import os
import sys
from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Under pytest the suite runs tasks immediately and mail goes to memory.
TESTING = env_bool("QUARTIER_TESTING", "pytest" in sys.modules)

# Production must set SECRET_KEY: without it the app refuses to serve (quartier.wsgi) and
# `manage.py check --deploy` fails (quartier.checks). Commands that need no secret, such as
# makemigrations, still run, with an obviously unusable development key.
SECRET_KEY_IS_DEV = not os.environ.get("SECRET_KEY")
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "dev-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: S105
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A form without its token gets our German page (quartier.views.csrf_failure).
CSRF_FAILURE_VIEW = "quartier.views.csrf_failure"
# The address in mail links. Development serves on PORT (`PORT=8123 make run`, bin/dev), so
# without SITE_URL the links follow it; production sets SITE_URL.
SITE_URL = (
    os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    # Before django_tasks_db: its `db_worker` command is replaced by quartier's, which
    # survives database restarts (the first app listed wins a command's name).
    "quartier",
    "django_tasks",
    "quartier.apps.TasksConfig",  # django_tasks_db, with a German name
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "csp",
    # Our apps, after the core (above), in the order they build on each other.
    "netzwerk",
    "anliegen",
    "raeume",
    "veranstaltungen",
    "projekte",
    "zeitung",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 400 for what cannot be parsed, before the session, CSRF or a view reads it.
    "quartier.middleware.MalformedRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The area of a public page (`/q/<slug>/…`, else the default) and its URLconf, before
    # CommonMiddleware resolves the path.
    "quartier.bereich.QuartierMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # no-store for token routes, the partner area, the back office, logged-in users.
    "quartier.middleware.PrivatePageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "quartier.urls"
# `make bench` only: the same URLs plus the floor view it measures everything against
# (quartier/bench_urls.py). Never set in production.
if env_bool("QUARTIER_BENCH", False):
    ROOT_URLCONF = "quartier.bench_urls"
WSGI_APPLICATION = "quartier.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "quartier.context_processors.portal",
            ],
        },
    },
]

# Default: the local PostgreSQL socket, or the project-local cluster that `make run` started
# where no server was installed (its address is kept in var/database_url).
_LOCAL_CLUSTER = BASE_DIR / "var" / "database_url"
DATABASE_URL = os.environ.get("DATABASE_URL") or (
    _LOCAL_CLUSTER.read_text().strip() if _LOCAL_CLUSTER.exists() else "postgres:///quartier"
)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        # Production keeps a worker's connection for 10 minutes instead of opening one per
        # request (the home page went from 53 to 90 req/s); health checks drop a broken one.
        # Development and tests keep the default of one connection per request.
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0" if DEBUG or TESTING else "600")),
        conn_health_checks=True,
    )
}
# No JIT compilation: PostgreSQL compiles a query with a high estimated cost (the report's
# aggregates over a year of a city's concerns and bookings) before running it, which took
# 300 ms of a 535 ms query and more than half of the city-wide report's 6 s; the portal's
# queries are short, none gains from it. A URL's own `?options=` is kept.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "quartier.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "partner:login"
LOGIN_REDIRECT_URL = "partner:start"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules/bootstrap/dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules/bootstrap-icons/font"),
    ("vendor/htmx", BASE_DIR / "node_modules/htmx.org/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Mail: SMTP in production (EMAIL_URL=smtp://user:pass@host:587/?tls=True, or console:),
# in development each mail is written as a file to var/mail/.
if os.environ.get("EMAIL_URL"):
    EMAIL_CONFIG = dj_email_url.parse(os.environ["EMAIL_URL"])
else:
    EMAIL_CONFIG = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(BASE_DIR / "var" / "mail"),
    }
EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_FILE_PATH = EMAIL_CONFIG.get("EMAIL_FILE_PATH") or str(BASE_DIR / "var" / "mail")
EMAIL_HOST = EMAIL_CONFIG.get("EMAIL_HOST") or os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = EMAIL_CONFIG.get("EMAIL_PORT") or int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = EMAIL_CONFIG.get("EMAIL_HOST_USER") or os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = EMAIL_CONFIG.get("EMAIL_HOST_PASSWORD") or os.environ.get(
    "EMAIL_HOST_PASSWORD", ""
)
EMAIL_USE_TLS = EMAIL_CONFIG.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = EMAIL_CONFIG.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = EMAIL_CONFIG.get("EMAIL_TIMEOUT") or 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Quartier <noreply@quartier.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# How often a failed mail is tried again before it waits for staff (see OutgoingMail).
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "8"))
# Days a sent (or given-up) mail is kept for support questions before it is deleted.
MAIL_KEEP_DAYS = int(os.environ.get("MAIL_KEEP_DAYS", "30"))

# Background tasks: the django.tasks backport with the database backend and `db_worker`.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Rate limits count in the cache, so production needs one that all worker processes share:
# Redis (CACHE_URL=redis://…) for several servers, else files on this machine.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if not (DEBUG or TESTING):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            # Django's default of 300 files would throw away a third of the pages at random
            # as soon as an installation of several areas had 300 pages cached. Above this
            # many files, each write lists the directory: Redis (CACHE_URL) scales further.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        }
    }
if os.environ.get("CACHE_URL", "").startswith("redis"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }

# Public pages for anonymous readers are served from the cache (quartier.cache) for at most
# this long; every write they show makes a new key at once, the limit only bounds what
# changes by time alone (an event that has begun leaves "coming").
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))
# How long a computed section of the report for the city is kept at most (any write to the
# portal's data ends it sooner, quartier.cache.im_bericht); 0 computes it on every request.
BERICHT_CACHE_SECONDS = int(os.environ.get("BERICHT_CACHE_SECONDS", "3600"))

# Security headers. The strict ones apply whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if not (DEBUG or TESTING):
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content Security Policy: everything from our own origin, nothing inline, no third parties.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "quartier": {"level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": True},
    },
}

# Reverse proxies in front of the app (nginx, load balancer): the client address for rate
# limits is read from X-Forwarded-For as these proxies appended it. 0: no proxy.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))
# Log-in attempts per IP and 15 minutes (partner area and back office).
LOGIN_LIMIT = int(os.environ.get("LOGIN_LIMIT", "20"))

# Seconds a person needs at least for a public form (time trap), unless the form has its own.
FORM_MINDESTZEIT = int(os.environ.get("FORM_MINDESTZEIT", "3"))

# The area shown on the home page when an installation serves several areas.
DEFAULT_QUARTIER = os.environ.get("DEFAULT_QUARTIER", "")

if TESTING:
    # Fast hashing for the many users the suite creates; never outside tests.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- anliegen ---
# Files that are never served under MEDIA_URL (residents' photos): streamed by views that
# check release and role (quartier.storage.PrivateStorage). Empty: "private" beside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT", "")
# Months after closing when residents' contact data is anonymised and photos deleted.
ANLIEGEN_AUFBEWAHRUNG_MONATE = int(os.environ.get("ANLIEGEN_AUFBEWAHRUNG_MONATE", "6"))
# Submissions per IP and hour on /anliegen/neu/, and PIN look-ups per IP and 15 minutes.
ANLIEGEN_LIMIT_PRO_STUNDE = int(os.environ.get("ANLIEGEN_LIMIT_PRO_STUNDE", "10"))
ANLIEGEN_PIN_LIMIT = int(os.environ.get("ANLIEGEN_PIN_LIMIT", "10"))
# Seconds a person needs at least to fill in the form (the time-trap against bots).
ANLIEGEN_MINDESTZEIT = int(os.environ.get("ANLIEGEN_MINDESTZEIT", "3"))
# Days after closing that an office's forwarding link still works (then 404).
WEITERLEITUNG_LINK_TAGE = int(os.environ.get("WEITERLEITUNG_LINK_TAGE", "60"))

# --- veranstaltungen ---
# Registrations' personal data (name, e-mail, phone) is deleted this many days after the
# event; only the number of people is kept for the reports.
ANMELDUNGEN_LOESCHEN_NACH_TAGEN = int(os.environ.get("ANMELDUNGEN_LOESCHEN_NACH_TAGEN", "30"))
# Registration without an account: per IP and hour; minimum seconds to fill in the form (time
# trap); how often a day the link of an existing registration is mailed again.
ANMELDUNG_LIMIT_PRO_STUNDE = int(os.environ.get("ANMELDUNG_LIMIT_PRO_STUNDE", "20"))
ANMELDUNG_MINDESTZEIT = int(os.environ.get("ANMELDUNG_MINDESTZEIT", "3"))
ANMELDUNG_LINK_LIMIT = int(os.environ.get("ANMELDUNG_LINK_LIMIT", "3"))
# Residents' and contacts' name, phone and e-mail on bookings are deleted this many days after
# the booking ended; the booking stays for the use figures.
BUCHUNGEN_KONTAKT_LOESCHEN_NACH_TAGEN = int(
    os.environ.get("BUCHUNGEN_KONTAKT_LOESCHEN_NACH_TAGEN", "90")
)
# Fund applications: the applicant's contact data, receipts and own notes are deleted this
# many years after the application was closed (the funding rules' audit duty; the public
# entry stays); a draft never sent is deleted this many days after it was started.
FONDS_KONTAKT_LOESCHEN_NACH_JAHREN = int(os.environ.get("FONDS_KONTAKT_LOESCHEN_NACH_JAHREN", "3"))
FONDS_ENTWURF_LOESCHEN_NACH_TAGEN = int(os.environ.get("FONDS_ENTWURF_LOESCHEN_NACH_TAGEN", "180"))

# --- zeitung ---
# Subscriptions to the newspaper by e-mail: requests per IP and hour on the form, and how
# often a day the confirmation mail of a pending subscription is sent again.
ZEITUNG_ABO_LIMIT_PRO_STUNDE = int(os.environ.get("ZEITUNG_ABO_LIMIT_PRO_STUNDE", "10"))
ZEITUNG_ABO_MAIL_LIMIT = int(os.environ.get("ZEITUNG_ABO_MAIL_LIMIT", "3"))
# Days a subscription may wait for its confirmation; then the address is deleted
# (`manage.py zeitung_aufbewahrung`, daily).
ZEITUNG_ABO_BESTAETIGEN_TAGE = int(os.environ.get("ZEITUNG_ABO_BESTAETIGEN_TAGE", "7"))
