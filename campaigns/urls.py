from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("<int:pk>/status/", views.campaign_status, name="campaign_status"),
    path("<int:pk>/plan/", views.plan_generate, name="plan_generate"),
    path("<int:pk>/plan/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/launch/", views.launch_move, name="launch_move"),
    path("<int:pk>/risks/add/", views.risk_add, name="risk_add"),
    path("risks/<int:pk>/archive/", views.risk_archive, name="risk_archive"),
    path("<int:pk>/end-review/", views.end_review, name="end_review"),
    path("milestones/<int:pk>/move/", views.milestone_move, name="milestone_move"),
    path("milestones/<int:pk>/status/", views.milestone_status, name="milestone_status"),
    path("milestones/<int:pk>/review/", views.milestone_review, name="milestone_review"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/<int:pk>/archive/", views.template_archive, name="template_archive"),
    path("<int:pk>/save-as-template/", views.template_save, name="template_save"),
    path("<int:pk>/team/add/", views.team_add, name="team_add"),
    path("team/<int:pk>/remove/", views.team_remove, name="team_remove"),
    path("milestones/<int:pk>/", views.milestone_detail, name="milestone_detail"),
    path("milestones/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("comments/<int:pk>/file/", views.comment_file, name="comment_file"),
    path("comments/<int:pk>/archive/", views.comment_archive, name="comment_archive"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
    path("compliance-terms/", views.compliance_terms, name="compliance_terms"),
    path("compliance-terms/<int:pk>/", views.compliance_term_edit, name="compliance_term_edit"),
    path("board/", views.board, name="board"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
