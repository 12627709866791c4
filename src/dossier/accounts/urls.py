from django.urls import path

from dossier.accounts import admin_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("account/password/", views.password, name="password"),
    path("account/tokens/", views.tokens, name="tokens"),
    path("account/tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke-token"),
    path("admin/users/", views.users, name="users"),
    path("admin/users/new/", admin_views.create_user, name="create-user"),
    path("admin/users/<str:username>/", admin_views.update_user, name="update-user"),
    path("admin/teams/new/", admin_views.create_team, name="create-team"),
    path("admin/teams/<str:name>/managers/", admin_views.team_managers, name="team-managers"),
    path("admin/roles/<slug:code>/", admin_views.role_permissions, name="role-permissions"),
]
