import pytest

from trainer.formatting import paragraphs


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("wrapped\nline", "<p>wrapped line</p>"),
        ("one\n\ntwo", "<p>one</p><p>two</p>"),
        (
            "Facts:\n- first\n- second\n  continued",
            "<p>Facts:<br>- first<br>- second continued</p>",
        ),
        ("<b>bold</b> & co", "<p>&lt;b&gt;bold&lt;/b&gt; &amp; co</p>"),
        ("", ""),
        (None, ""),
    ],
)
def test_paragraphs(text, html):
    assert str(paragraphs(text)) == html
