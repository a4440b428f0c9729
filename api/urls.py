from django.urls import path

from api import views

app_name = "api"
urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/kpis/", views.campaign_kpis, name="campaign_kpis"),
    path("rollups/", views.rollups, name="rollups"),
    path("facts/", views.push_facts, name="push_facts"),
    path("feedback/", views.push_feedback, name="push_feedback"),
    path("openapi.json", views.openapi, name="openapi"),
    # Pages for people (session sign-in), not part of the API contract:
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
