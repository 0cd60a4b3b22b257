"""The accessibility check itself can fail: axe-core flags a page that breaks WCAG AA."""

import pytest

from tests.browser.conftest import assert_accessible


def test_the_axe_check_fails_on_an_inaccessible_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content(
        '<html lang="en"><title>bad</title><body><main>'
        '<input type="text"><p style="color:#bbb;background:#fff">faint text</p>'
        "</main></body></html>"
    )
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page, "a deliberately broken page")
    context.close()
