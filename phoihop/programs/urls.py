from django.urls import path

from phoihop.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("new/", views.program_edit, name="program_create"),
    path("legal-preview/", views.legal_basis_preview, name="legal_basis_preview"),
    path("<int:pk>/", views.program_detail, name="program_detail"),
    path("<int:pk>/edit/", views.program_edit, name="program_edit"),
    path("<int:pk>/coverage/", views.program_coverage, name="program_coverage"),
    path("<int:pk>/renew/", views.program_renew, name="program_renew"),
    path("<int:pk>/cascade/", views.program_cascade, name="program_cascade"),
    path("<int:pk>/milestones/<int:milestone_pk>/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:milestone_pk>/done/", views.milestone_done, name="milestone_done"),
    path("<int:pk>/<slug:action>/", views.program_transition, name="program_transition"),
]
