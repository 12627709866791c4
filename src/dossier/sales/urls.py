from django.urls import path

from dossier.sales import views

app_name = "sales"
urlpatterns = [
    path("pipeline/", views.pipeline, name="pipeline"),
    path("opportunities/<int:opportunity_id>/move/", views.move, name="move"),
    path(
        "customers/<int:customer_id>/opportunities/",
        views.customer_opportunities,
        name="customer-opportunities",
    ),
]
