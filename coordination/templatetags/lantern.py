from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ labels|get_item:key }}`: look a key up in a dict."""
    return mapping.get(key, key)


@register.filter
def shown(words, english):
    """An instrument's text in the page's language (`plumbing.translations.Translated`),
    or in English marked `lang="en"`; as it is when there is no translation at hand."""
    return words.shown(english) if words else english


@register.filter
def plain(words, english):
    """The same as `shown`, as plain text (for a page's title)."""
    return words.words(english) if words else english
