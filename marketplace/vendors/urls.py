from django.urls import path

from . import views

app_name = "vendors"

urlpatterns = [
    path("", views.apply, name="apply"),
    path("status/", views.status, name="status"),
    path("terms/", views.terms, name="terms"),
    path("team/", views.team, name="team"),
    path("team/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("team/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    # Tokens are URL-safe base64 (letters, digits, - and _): a slug.
    path("invitations/<slug:token>/", views.invitation, name="invitation"),
]
