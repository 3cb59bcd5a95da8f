"""The site's own app, and third-party apps under Chinese names in the admin."""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanWatchConfig(AppConfig):
    """Site-wide pieces: commands, middleware, the lookups every app's queries use, and the change
    list every admin list uses."""

    name = "planwatch"
    default = True

    def ready(self):
        from . import changelists, lookups  # noqa: F401  (lookups registers them)

        changelists.install()


class AxesConfig(AxesAppConfig):
    """django-axes, the login lockout: its admin section would read “Axes”."""

    verbose_name = _("登录保护")
