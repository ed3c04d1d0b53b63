"""Settings for the Dialogue Recommendations Tracker.

This is the only module that reads the environment. Defaults serve development on an
SQLite file under ``var/``; environment variables named like the settings switch on
production. Bad configuration raises ``ImproperlyConfigured`` with one plain sentence,
which ``manage.py`` and ``wsgi.py`` print as one line before exiting.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_URL = f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}"
DEV_ONLY_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105


def env_bool(name: str, *, default: bool) -> bool:
    """Return the environment variable as a boolean: 1/true/yes/on or 0/false/no/off."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}.")


def env_list(name: str, *, default: list[str]) -> list[str]:
    """Return a comma-separated environment variable as a list of non-empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, *, default: int) -> int:
    """Return the environment variable as an integer."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def missing(name: str) -> str:
    """Stop start-up: a setting production cannot do without is not set."""
    raise ImproperlyConfigured(
        f"{name} is not set: production settings (DEBUG off) need it in the environment."
    )


def database_from_url(url: str) -> dict:
    """Return Django's database settings for a DATABASE_URL, or stop with one clear line."""
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for one user mistake
        raise ImproperlyConfigured(
            f"DATABASE_URL is malformed ({exc}); expected e.g. postgres://user@host:5432/name "
            f"or sqlite:///path/to/file.sqlite3."
        ) from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must point at PostgreSQL or SQLite, not {engine or url!r}."
        )
    if engine.endswith("sqlite3"):
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
        if not config.get("NAME"):
            raise ImproperlyConfigured("DATABASE_URL names no SQLite file.")
    elif not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL names no PostgreSQL database.")
    else:
        # Short OLTP queries: JIT compilation costs more than it saves (measured on the facet counts).
        options = config.setdefault("OPTIONS", {})
        options["options"] = (options.get("options", "") + " -c jit=off").strip()
        # Parameters bound on the server, and a statement run twice on a connection is prepared:
        # PostgreSQL then skips parsing and planning it again, and psycopg skips quoting values
        # into the SQL. A page's queries keep the same shapes, so this cut the recommendation
        # page's time by a third. DATABASE_SERVER_SIDE_BINDING=0 turns it off (e.g. behind
        # PgBouncer in transaction mode, which cannot keep prepared statements).
        if env_bool("DATABASE_SERVER_SIDE_BINDING", default=True):
            options.setdefault("server_side_binding", True)
            options.setdefault("prepare_threshold", 2)
    return config


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY") or (DEV_ONLY_KEY if DEBUG else missing("SECRET_KEY"))
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL") or DEFAULT_SQLITE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_filters",
    "django_countries",
    "axes",
    "ninja",
    "actors",
    "dialogues",
    "recommendations",
    "recurrence",
    "api",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Admin logins are throttled: after AXES_FAILURE_LIMIT failures for one username from one
# address, further attempts are refused for AXES_COOLOFF_TIME hours. Attempts are kept in the
# database, so every app server sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("BEHIND_TLS_PROXY", default=False) else 0

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "django.template.context_processors.csp",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")
# The reader's measured quality, written by `manage.py reader_quality` and shown on /data/about/.
READER_QUALITY_FILE = Path(os.environ.get("READER_QUALITY_FILE") or BASE_DIR / "var" / "reader_quality.json")

# Figures, facet counts and whole public pages are cached under the public data's version
# (recommendations/caching.py), so nothing cached outlives a change. Two levels: each worker's
# memory ("default", at most CACHE_MAX_ENTRIES entries; a page is ~10-60 KB), then files in
# CACHE_DIR that every worker on the machine shares and that outlive restarts ("shared", at most
# SHARED_CACHE_MAX_ENTRIES). Keys also carry a digest of the code, so a new release starts afresh.
# PUBLIC_PAGE_CACHE_SECONDS=0 renders every public page afresh.
CACHE_DIR = Path(os.environ.get("CACHE_DIR") or BASE_DIR / "var" / "cache")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", default=2000)},
    },
    "shared": {
        "BACKEND": "portal.cache.SharedFileCache",
        "LOCATION": CACHE_DIR,
        "OPTIONS": {"MAX_ENTRIES": env_int("SHARED_CACHE_MAX_ENTRIES", default=5000)},
    },
    # The read API's request counts per client address (api/http.py), apart from the pages so that
    # many clients never push cached pages out; shared by the machine's workers like "shared".
    "api-rate": {
        "BACKEND": "portal.cache.SharedFileCache",
        "LOCATION": CACHE_DIR / "api-rate",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
# Off by default in development, where templates change under a running server.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", default=0 if DEBUG else 3600)

# The read API (/api/): at most API_RATE_LIMIT requests a minute from one client address (0: no
# limit). The address is the connection's, or behind the TLS proxy the last one it added to
# X-Forwarded-For: a client cannot pick its own by sending the header.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", default=120)
NINJA_NUM_PROXIES = 1 if env_bool("BEHIND_TLS_PROXY", default=False) else 0

# Content-Security-Policy: nothing inline, nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Security headers. Production is on unless DEBUG; SECURE_SSL_REDIRECT=0 serves plain
# http on loopback for benchmarks and browser tests.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool(
    "BEHIND_TLS_PROXY", default=False) else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

MAILERS = {
    "default": {
        "BACKEND": os.environ.get("EMAIL_BACKEND")
        or ("django.core.mail.backends.console.EmailBackend" if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", default=25),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", default=False),
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tracker@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Recommendations without a status update for this many days "need an update".
STATUS_STALE_AFTER_DAYS = env_int("STATUS_STALE_AFTER_DAYS", default=180)
# The seed documents and the reference data the portal starts from.
FIXTURES_DIR = BASE_DIR / "fixtures"
