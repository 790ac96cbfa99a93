from django.urls import path

from phoihop.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("new/", views.program_edit, name="program_create"),
    path("legal-preview/", views.legal_basis_preview, name="legal_basis_preview"),
    path("<id:pk>/", views.program_detail, name="program_detail"),
    path("<id:pk>/edit/", views.program_edit, name="program_edit"),
    path("<id:pk>/coverage/", views.program_coverage, name="program_coverage"),
    path("<id:pk>/renew/", views.program_renew, name="program_renew"),
    path("<id:pk>/cascade/", views.program_cascade, name="program_cascade"),
    path("<id:pk>/milestones/<id:milestone_pk>/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<id:milestone_pk>/done/", views.milestone_done, name="milestone_done"),
    path("<id:pk>/<slug:action>/", views.program_transition, name="program_transition"),
]
