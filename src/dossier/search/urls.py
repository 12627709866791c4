from django.urls import path

from dossier.search import views

app_name = "search"
urlpatterns = [
    path("search/", views.results, name="results"),
    path("search/saved/", views.save, name="save"),
    path("search/saved/<int:search_id>/delete/", views.delete, name="delete"),
]
