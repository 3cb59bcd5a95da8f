"""PlanWatch URLs: the public dashboards, the staff admin and the health check."""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("departments/", include("dashboards.department_urls")),
    path("evidence/", include("evidence.urls")),
    path("", include("dashboards.urls")),
]
