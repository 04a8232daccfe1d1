import json

import bioc
import pytest
from fastapi.testclient import TestClient

from bilm_tagging.formats.pubtator import read_pubtator
from bilm_tagging.web.app import create_app
from tests.conftest import FIXTURES

DOCUMENTS = FIXTURES / "data" / "documents"
ABSTRACT = next(read_pubtator(str(DOCUMENTS / "jnlpba6.pubtator"))).text


@pytest.fixture
def client(shipped):
    return TestClient(create_app([], max_request_bytes=50_000), raise_server_exceptions=False)


def test_health_models_and_schema(client):
    assert client.get("/health").json() == {"status": "ok", "models": ["toy_disease"]}
    (model,) = client.get("/models").json()
    assert model["name"] == "toy_disease" and model["labels"] == ["Disease"]
    assert "f1-measure-overall" in model["card"]["test"]
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/tag", "/tag/file", "/health", "/models"} <= set(paths)
    page = client.get("/")
    assert page.status_code == 200 and 'id="tag-form"' in page.text
    assert client.get("/static/app.js").status_code == 200


def test_tag_text_and_documents(client):
    result = client.post("/tag", json={"text": ABSTRACT}).json()
    (document,) = result["documents"]
    assert result["models"] == ["toy_disease"] and document["text"] == ABSTRACT
    assert len(document["entities"]) > 5
    for entity in document["entities"]:
        assert ABSTRACT[entity["start"] : entity["end"]] == entity["text"]
    several = client.post(
        "/tag", json={"documents": [{"id": "a", "text": ABSTRACT}, {"text": "Short."}]}
    ).json()
    assert [d["id"] for d in several["documents"]] == ["a", "2"]
    assert several["documents"][0]["entities"] == document["entities"]


def test_downloads_in_file_formats(client):
    pubtator = client.post("/tag?format=pubtator", json={"text": ABSTRACT})
    assert pubtator.headers["content-type"].startswith("text/plain")
    assert pubtator.text.startswith("1|t|") and "\tDisease\t-" in pubtator.text
    xml = client.post("/tag?format=bioc-xml", json={"text": ABSTRACT})
    collection = bioc.loads(xml.text)
    assert collection.documents[0].passages[0].text == ABSTRACT
    bioc_json = client.post("/tag?format=bioc-json", json={"text": ABSTRACT}).json()
    assert bioc_json["documents"][0]["passages"][0]["annotations"]


@pytest.mark.parametrize("name", ["jnlpba6.pubtator", "jnlpba6.bioc.xml", "jnlpba6.pubtator3.json"])
def test_tag_uploaded_files(client, name):
    with open(DOCUMENTS / name, "rb") as upload:
        result = client.post("/tag/file", files={"file": (name, upload)}).json()
    assert len(result["documents"]) == 6
    for document in result["documents"]:
        assert all(
            document["text"][e["start"] : e["end"]] == e["text"] for e in document["entities"]
        )


def test_bad_requests_get_4xx_json_errors(client):
    def error(response, status):
        assert response.status_code == status, response.text
        assert set(response.json()) == {"error"} and "Traceback" not in response.text
        return response.json()["error"]

    assert "limit is 50000" in error(client.post("/tag", json={"text": "x" * 60_000}), 413)
    assert "either 'text' or 'documents'" in error(client.post("/tag", json={}), 422)
    assert "txt" in error(client.post("/tag", json={"txt": "typo"}), 422)
    assert "unknown model(s) ['nope']" in error(
        client.post("/tag", json={"text": "a", "models": ["nope"]}), 404
    )
    assert "format" in error(client.post("/tag?format=docx", json={"text": "a"}), 422)
    bad_json = client.post(
        "/tag", content=b"\xff\xfe{", headers={"content-type": "application/json"}
    )
    assert "not JSON in UTF-8" in error(bad_json, 400)
    latin1 = client.post("/tag/file", files={"file": ("a.txt", "caf\xe9".encode("latin-1"))})
    assert "a.txt: not UTF-8" in error(latin1, 400)
    assert "cannot tell the format" in error(
        client.post("/tag/file", files={"file": ("a.docx", b"x")}), 422
    )
    broken = client.post("/tag/file", files={"file": ("b.pubtator", b"1|t|T\n1\tx\n")})
    assert "b.pubtator, line 2" in error(broken, 422)
    assert "no document" in error(client.post("/tag/file", files={"file": ("e.txt", b"\n\n")}), 422)


def test_an_internal_error_reaches_no_client(client, monkeypatch):
    from bilm_tagging.multi_tagger import MultiTagger

    def fail(self, documents):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(MultiTagger, "tag", fail)
    response = client.post("/tag", json={"text": ABSTRACT})
    assert response.status_code == 500 and response.json() == {"error": "internal error"}
    assert "secret" not in json.dumps(response.json())
