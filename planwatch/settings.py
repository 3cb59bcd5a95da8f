"""PlanWatch settings: one file, every deployment-specific value read from the environment."""

import datetime
import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def read_env_file(path):
    """Put the KEY=VALUE lines of a development `.env` file (written by `make run`) into the
    environment, under every variable the real environment already sets.

    DJANGO_ENV_FILE names another file, or `none` to read none (production, the tests).
    """
    if str(path).lower() == "none" or not Path(path).is_file():
        return
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.removeprefix("export ").partition("=")
        if not equals or not name.strip():
            raise ImproperlyConfigured(f"{path}, line {number}: expected NAME=value.")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        os.environ.setdefault(name.strip(), value)


read_env_file(os.environ.get("DJANGO_ENV_FILE", BASE_DIR / ".env"))


def env_bool(name, default=False):
    """1/true/yes/on or 0/false/no/off (any case); unset or empty is `default`; anything else
    stops the start rather than reading a typo such as `ture` as off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE | FALSE:
        return value in TRUE
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a boolean: use 1 or 0 (or true/false, yes/no, on/off)."
    )


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "planwatch-insecure-development-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "planwatch.apps.AxesConfig",  # "axes", named in Chinese
    "departments",
    "commitments",
    "evidence",
    "pagecache",
    "dashboards",
    # Site-wide commands (backup_data, restore_data); the demo data of the benchmark.
    "planwatch",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "planwatch.middleware.ContentSecurityPolicyMiddleware",
    "planwatch.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "planwatch.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: it turns a lockout raised during login into a 429 response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "planwatch.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

WSGI_APPLICATION = "planwatch.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Seconds a statement may run before PostgreSQL cancels it; 0, the default, for none. gunicorn's
# workers default to 4 (gunicorn.conf.py), and wait for a silent database one second more
# (planwatch.database): a frozen connection is then a 503 within 5 s (docs/operations.md).
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "0"))
DATABASE_ANSWER_TIMEOUT = DATABASE_STATEMENT_TIMEOUT + 1 if DATABASE_STATEMENT_TIMEOUT else None


def postgresql_options(options, statement_timeout):
    """libpq's options: a peer gone from the network is noticed in seconds, not the kernel's
    minutes. Values in DATABASE_URL's query string come first."""
    options = {
        "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 1, "keepalives_count": 3,
        # Sent data unacknowledged for 5 s (and unanswered keepalives) break the connection.
        "tcp_user_timeout": 5000,
        **options,
    }
    if statement_timeout:
        setting = f"-c statement_timeout={round(statement_timeout * 1000)}"
        options["options"] = f"{options.get('options', '')} {setting}".strip()
    return options


if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = postgresql_options(
        DATABASES["default"].get("OPTIONS", {}), DATABASE_STATEMENT_TIMEOUT
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Silenced for SQLite (development, tests), which builds the covering index
# commitment_dept_progress without its INCLUDE columns; PostgreSQL builds it whole.
SILENCED_SYSTEM_CHECKS = ["models.W040"]


def caches_from_url(url):
    """Redis at `url` (redis://, rediss:// or unix://) with this process's memory in front of it
    ("local"), else the memory of this process alone.

    Either is correct with several processes and hosts: cached fragments are keyed by the
    data version, read from the database on every request (pagecache). Redis shares one copy.
    """
    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if not url:
        return {"default": memory}
    if url.partition("://")[0] not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured("CACHE_URL must be a redis://, rediss:// or unix:// URL.")
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        # A Redis that stops answering costs one request 0.2 s (one attempt: redis-py does
        # not retry), then each worker leaves it alone for 30 s (pagecache.fragments) and
        # renders pages without it, rather than waiting on every page.
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    return {"default": redis, "local": memory}


CACHES = caches_from_url(os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL"))

# django-axes checks every login against its failure log before the model backend runs.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# Security. Behind an HTTPS-terminating proxy, production sets DJANGO_HTTPS=1 (see README).
HTTPS = env_bool("DJANGO_HTTPS", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
# A load balancer probes the app server itself, over plain HTTP: a redirect would hide the answer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline scripts anywhere; inline styles stay allowed because plotly.js injects its own.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# Login abuse (django-axes): five failures for one username from one address lock that pair out
# for 15 minutes, even with the right password; a successful login clears the count. Locking the
# pair rather than the username alone keeps an attacker from locking staff out from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy REMOTE_ADDR is the proxy's: DJANGO_PROXY_COUNT (the number of proxies that
# append to X-Forwarded-For, 1 for one nginx) tells planwatch.client_ip which entry is the client.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
# The proxies' own addresses (CIDR): X-Forwarded-For is believed only from them, so a request sent
# straight to gunicorn cannot choose its address. Loopback by default: nginx on the same host.


def networks_from_env(name, default):
    """The comma-separated CIDR networks of variable `name`, refused at start-up if malformed."""
    networks = env_list(name, default)
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError as error:
            raise ImproperlyConfigured(f"{name}: {error}") from None
    return networks


TRUSTED_PROXIES = networks_from_env("DJANGO_TRUSTED_PROXIES", "127.0.0.0/8,::1/128")
AXES_CLIENT_IP_CALLABLE = "planwatch.client_ip.client_ip_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Review before publication: an editor's status update waits (待审核) until a reviewer approves it;
# 0 publishes editors' updates at once.
PLANWATCH_REVIEW_UPDATES = env_bool("PLANWATCH_REVIEW_UPDATES", default=True)
