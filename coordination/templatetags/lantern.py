from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ labels|get_item:key }}`: look a key up in a dict."""
    return mapping.get(key, key)
