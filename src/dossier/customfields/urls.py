from django.urls import path

from dossier.customfields import views

app_name = "customfields"
urlpatterns = [
    path("settings/templates/", views.template_list, name="templates"),
    path("settings/templates/<slug:code>/", views.template_detail, name="template"),
    path(
        "settings/templates/<slug:code>/<slug:key>/change/",
        views.change_field,
        name="change-field",
    ),
    path(
        "settings/templates/<slug:code>/<slug:key>/retire/",
        views.retire_field,
        name="retire-field",
    ),
    path("settings/templates/<slug:code>/<slug:key>/move/", views.move_field, name="move-field"),
]
