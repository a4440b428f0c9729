from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<slug:table>.<slug:fmt>", views.dashboard_export, name="dashboard_export"),
    path("portfolio/", views.portfolio, name="portfolio"),
]
