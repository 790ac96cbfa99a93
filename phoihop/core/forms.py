from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """One renderer for every form, so fields, help and errors look the same everywhere."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
