from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("advertisers/", views.advertiser_list, name="advertiser_list"),
    path("publishers/", views.publisher_list, name="publisher_list"),
    path("accounts/new/<str:side>/", views.account_create, name="account_create"),
    path("accounts/export/<str:side>/", views.account_export, name="account_export"),
    path("accounts/import/", views.account_import, name="account_import"),
    path("contacts/export/<str:side>/", views.contact_export, name="contact_export"),
    path("contacts/import/", views.contact_import, name="contact_import"),
    path("accounts/<int:pk>/", views.account_detail, name="account_detail"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="account_edit"),
    path("accounts/<int:pk>/archive/", views.account_archive, name="account_archive"),
    path("accounts/<int:pk>/restore/", views.account_restore, name="account_restore"),
    path("accounts/<int:pk>/share/", views.account_share, name="account_share"),
    path("accounts/<int:pk>/share/<int:user_pk>/remove/", views.account_unshare,
         name="account_unshare"),
    path("accounts/<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/archive/", views.contact_archive, name="contact_archive"),
    path("accounts/<int:pk>/partnerships/new/", views.partnership_create, name="partnership_create"),
    path("accounts/<int:pk>/partnerships/<int:partnership_pk>/archive/", views.partnership_archive,
         name="partnership_archive"),
    path("accounts/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/archive/", views.meeting_archive, name="meeting_archive"),
    path("accounts/<int:pk>/action-items/new/", views.action_item_create, name="action_item_create"),
    path("accounts/<int:pk>/action-items/row/", views.action_item_row, name="action_item_row"),
    path("accounts/<int:pk>/charter/", views.charter_edit, name="charter_edit"),
    path("team/", views.team, name="team"),
    path("action-items/<int:pk>/done/", views.action_item_done, name="action_item_done"),
    path("action-items/reassign/", views.action_items_reassign, name="action_items_reassign"),
    path("action-items/<int:pk>/archive/", views.action_item_archive, name="action_item_archive"),
    path("accounts/<int:pk>/cadences/new/", views.cadence_create, name="cadence_create"),
    path("cadences/<int:pk>/stop/", views.cadence_stop, name="cadence_stop"),
]

# Authentication lives outside the namespace so Django's defaults (LOGIN_URL="login") apply.
auth_urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
