from django.urls import path

from workdays import views

app_name = "workdays"
urlpatterns = [
    path("", views.calendar_page, name="calendar"),
    path("overrides/<int:pk>/remove/", views.override_remove, name="override_remove"),
]
