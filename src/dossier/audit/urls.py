from django.urls import path

from dossier.audit import views

app_name = "audit"
urlpatterns = [path("admin/audit/", views.trail, name="trail")]
