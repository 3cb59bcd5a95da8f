from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "departments"
    verbose_name = _("部门")

    def ready(self):
        from pagecache.changes import track

        from .models import Department, Official

        # Department.editors is left out: who may edit is not shown on any public page.
        track(Department, Official)
