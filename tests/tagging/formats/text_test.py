from bilm_tagging.formats.text import read_text_documents


def test_paragraphs_are_documents(tmp_path):
    path = tmp_path / "abstracts.txt"
    path.write_text("Title one.\nAbstract one.\n\n\n  \nSecond document.\n")
    documents = list(read_text_documents(str(path)))
    assert [(d.id, d.text) for d in documents] == [
        ("abstracts-1", "Title one.\nAbstract one."),
        ("abstracts-2", "Second document."),
    ]
