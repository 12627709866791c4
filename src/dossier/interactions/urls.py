from django.urls import path

from dossier.interactions import views

app_name = "interactions"
urlpatterns = [
    path(
        "customers/<int:customer_id>/interactions/",
        views.customer_interactions,
        name="customer-interactions",
    ),
    path("customers/<int:customer_id>/service/", views.customer_service, name="customer-service"),
]
