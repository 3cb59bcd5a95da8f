"""Public URLs of departments; slugs are Unicode (审计局), hence <str:>."""

from django.urls import path

from . import department_views as views

app_name = "departments"

urlpatterns = [
    path("", views.department_list, name="list"),
    path("<str:slug>/", views.department_detail, name="detail"),
]
