from django.urls import path

from phoihop.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("program/<id:program_pk>/new/", views.review_create, name="review_create"),
    path(
        "program/<id:program_pk>/milestone/<id:milestone_pk>/",
        views.review_from_milestone,
        name="review_from_milestone",
    ),
    path("<id:pk>/", views.review_detail, name="review_detail"),
    path("<id:pk>/edit/", views.review_edit, name="review_edit"),
    path("<id:pk>/drill/", views.review_drill, name="review_drill"),
    path("<id:pk>/document/", views.review_document, name="review_document"),
    path("<id:pk>/generate/", views.review_generate, name="review_generate"),
    path("<id:pk>/generation/", views.review_generation, name="review_generation"),
    path("<id:pk>/file/", views.review_file, name="review_file"),
    path("<id:pk>/<str:action>/", views.review_transition, name="review_transition"),
]
