from django.urls import path

from crisis import views

app_name = "crisis"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("signals/<int:pk>/", views.signal_detail, name="signal_detail"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/new/", views.incident_create, name="incident_create"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/edit/", views.incident_edit, name="incident_edit"),
    path("incidents/<int:pk>/status/", views.incident_transition, name="incident_transition"),
    path("incidents/<int:pk>/actions/", views.action_add, name="action_add"),
    path("incidents/<int:pk>/responsibilities/", views.responsibility_add, name="responsibility_add"),
    path("incidents/<int:pk>/statements/", views.statement_add, name="statement_add"),
    path("incidents/<int:pk>/post-mortem/", views.postmortem_edit, name="postmortem_edit"),
    path("incidents/<int:pk>/post-mortem/actions/", views.preventive_add, name="preventive_add"),
    path("incidents/<int:pk>/archive/", views.incident_archive, name="incident_archive"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
]
