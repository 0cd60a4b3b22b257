from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

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


@register.filter
def in_language(text):
    """A text Lantern keeps in English (a report's labels and notes) in the page's language
    when the catalogue has it; otherwise as it is, marked `lang="en"` on a page in another
    language (a region's or a parish's name stays as it is written)."""
    english = str(text)
    language = (get_language() or "en").split("-")[0]
    if language == "en":
        return english
    translated = gettext(english)
    if translated == english:
        return format_html('<span lang="en">{}</span>', english)
    return translated
