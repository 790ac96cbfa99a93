from django.urls import path

from phoihop.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("program/<int:program_pk>/new/", views.review_create, name="review_create"),
    path(
        "program/<int:program_pk>/milestone/<int:milestone_pk>/",
        views.review_from_milestone,
        name="review_from_milestone",
    ),
    path("<int:pk>/", views.review_detail, name="review_detail"),
    path("<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("<int:pk>/drill/", views.review_drill, name="review_drill"),
    path("<int:pk>/document/", views.review_document, name="review_document"),
    path("<int:pk>/generate/", views.review_generate, name="review_generate"),
    path("<int:pk>/generation/", views.review_generation, name="review_generation"),
    path("<int:pk>/file/", views.review_file, name="review_file"),
    path("<int:pk>/<str:action>/", views.review_transition, name="review_transition"),
]
