"""Public URLs of commitments, goals, articles, the exports and the feed."""

from django.urls import path

from . import views
from .feeds import LatestUpdatesFeed

app_name = "commitments"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("commitments/", views.commitment_list, name="list"),
    path("commitments/export.csv", views.export_csv, name="export_csv"),
    path("commitments/<int:pk>/", views.commitment_detail, name="detail"),
    path("api/commitments.json", views.export_json, name="export_json"),
    path("goals/<slug:slug>/", views.goal_detail, name="goal"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("feeds/updates/", LatestUpdatesFeed(), name="feed"),
]
