"""Public URLs of plans, commitments, goals, articles, the exports and the feeds."""

from django.urls import path

from . import views
from .feeds import DepartmentUpdatesFeed, GoalUpdatesFeed, LatestUpdatesFeed

app_name = "commitments"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("plans/<slug:slug>/", views.plan_overview, name="plan"),
    path("plans/<slug:slug>/account/", views.plan_account, name="account"),
    path("commitments/", views.commitment_list, name="list"),
    path("commitments/export.csv", views.export_csv, name="export_csv"),
    path("commitments/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("commitments/<int:pk>/", views.commitment_detail, name="detail"),
    path("api/commitments.json", views.export_json, name="export_json"),
    path("api/commitments/<int:pk>.json", views.commitment_json, name="commitment_json"),
    path("goals/<slug:slug>/", views.goal_detail, name="goal"),
    path("articles/", views.article_list, name="articles"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("feeds/updates/", LatestUpdatesFeed(), name="feed"),
    # Unicode department slugs (审计局), hence <str:>.
    path("feeds/departments/<str:slug>/", DepartmentUpdatesFeed(), name="feed_department"),
    path("feeds/goals/<slug:slug>/", GoalUpdatesFeed(), name="feed_goal"),
]
