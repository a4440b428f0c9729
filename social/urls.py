from django.urls import path

from social import views

app_name = "social"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("accounts/<int:account_pk>/profiles/new/", views.profile_create, name="profile_create"),
    path("accounts/<int:account_pk>/keywords/", views.keyword_rules, name="keyword_rules"),
    path("profiles/<int:pk>/", views.profile_detail, name="profile_detail"),
    path("profiles/<int:pk>/followers/", views.followers_record, name="followers_record"),
    path("posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("posts/<int:pk>/ugc/", views.post_ugc, name="post_ugc"),
    path("imports/new/", views.post_import_start, name="post_import"),
    path("imports/<int:pk>/", views.post_import_detail, name="post_import_detail"),
    path("insights/", views.insights, name="insights"),
    path("listening/", views.mention_list, name="mention_list"),
    path("listening/import/", views.mention_import, name="mention_import"),
    path("mentions/<int:pk>/", views.mention_detail, name="mention_detail"),
    path("mentions/<int:pk>/sentiment/", views.mention_sentiment, name="mention_sentiment"),
    path("mentions/<int:pk>/ugc/", views.mention_ugc, name="mention_ugc"),
    path("experiments/", views.experiment_list, name="experiment_list"),
    path("experiments/new/", views.experiment_create, name="experiment_create"),
    path("experiments/<int:pk>/", views.experiment_detail, name="experiment_detail"),
    path("experiments/<int:pk>/decide/", views.experiment_decide, name="experiment_decide"),
]
