from django.urls import path

from imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("new/", views.upload, name="upload"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/mapping/", views.mapping, name="mapping"),
    path("<int:pk>/platform-names/", views.names, name="names"),
    path("<int:pk>/commit/", views.commit, name="commit"),
    path("<int:pk>/rejected.csv", views.rejected_rows, name="rejected_rows"),
    path("rejected/<str:token>.csv", views.rejected_download, name="rejected_download"),
]
