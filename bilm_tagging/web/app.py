"""
The JSON API and the tagging page (FastAPI):

- `GET /`: the page: paste an abstract or upload a file, pick models, see the entities;
- `POST /tag`: `{"text": ...}` or `{"documents": [{"id", "text"}, ...]}` in, entities with
  character offsets, labels, confidences and models out (`?format=pubtator|bioc-xml|bioc-json`
  gives that file instead of JSON);
- `POST /tag/file`: a PubTator, BioC XML/JSON, PubMed XML, JSON-lines or text file (multipart
  `file`), the same results;
- `GET /health`, `GET /models`; the OpenAPI schema at `/openapi.json`, its page at `/docs`.

Bad input gets a 4xx with `{"error": "..."}` naming the problem; no traceback reaches a client.
"""

import io
import logging
import os
import pathlib
import tempfile
from typing import Annotated, Any, Dict, List, Optional

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from bilm_tagging.coalescing import CoalescingTagger
from bilm_tagging.document_formats import (
    INPUT_FORMATS,
    DocumentWriter,
    guess_format,
    read_documents,
)
from bilm_tagging.formats.document import Document
from bilm_tagging.formats.errors import DataFormatError
from bilm_tagging.multi_tagger import OVERLAP_POLICIES, MultiTagger
from bilm_tagging.shipped import load_taggers

logger = logging.getLogger(__name__)

STATIC = pathlib.Path(__file__).parent / "static"
# Requests larger than this are refused (413): about 200 abstracts.
MAX_REQUEST_BYTES = 1_000_000
# Output formats of `?format=` and their media types; `json` is the API's own result.
FILE_FORMATS = {
    "pubtator": ("text/plain; charset=utf-8", "pubtator"),
    "bioc-xml": ("application/xml", "xml"),
    "bioc-json": ("application/json", "json"),
}


OutputFormat = Annotated[str, Query(description="json, pubtator, bioc-xml or bioc-json")]


class InputDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Optional[str] = Field(None, description="the document's id (default: its position)")
    text: str = Field(..., description="title and abstract, or any text")


class TagRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Optional[str] = Field(None, description="one document's text")
    documents: Optional[List[InputDocument]] = Field(None, description="several documents")
    models: Optional[List[str]] = Field(None, description="model names (default: all served)")
    overlaps: str = Field("best", description=f"overlap policy, one of {OVERLAP_POLICIES}")


class Entity(BaseModel):
    start: int = Field(..., description="character offset into the document's text")
    end: int = Field(..., description="end offset, exclusive: text[start:end] is the mention")
    label: str
    text: str
    score: float = Field(..., description="confidence: the entity's lowest tag probability")
    model: str


class TaggedDocument(BaseModel):
    id: str
    text: str
    entities: List[Entity]


class TagResponse(BaseModel):
    models: List[str]
    documents: List[TaggedDocument]


class ClientError(Exception):
    """A request the server cannot serve: answered with `status` and `{"error": message}`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def create_app(
    models: List[str],
    max_request_bytes: int = MAX_REQUEST_BYTES,
    precision: str = "float32",
    device: str = "cpu",
) -> FastAPI:
    """The app serving `models` (shipped names or exported taggers' folders; none: every shipped
    model), each loaded once, in `precision` (`"float32"` or `"int8"`) on `device`."""
    # Concurrent requests share each model's passes (`CoalescingTagger`).
    taggers = load_taggers(models, precision=precision, device=device).taggers
    served = {tagger.name: CoalescingTagger(tagger) for tagger in taggers}
    app = FastAPI(
        title="bilm_transfer",
        description="Biomedical named entities with BiLM-pretrained CNN-BiLSTM-CRF taggers.",
    )

    @app.middleware("http")
    async def limit_size(request: Request, call_next):
        declared = request.headers.get("content-length")
        if request.method == "POST" and not (declared or "").isdigit():
            return _error(411, "a request body needs its Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > max_request_bytes:
            return _error(413, f"request of {declared} bytes; the limit is {max_request_bytes}")
        try:
            return await call_next(request)
        except Exception:  # never a traceback to the client
            logger.exception("error serving %s", request.url.path)
            return _error(500, "internal error")

    @app.exception_handler(ClientError)
    async def client_error(request: Request, error: ClientError):
        return _error(error.status, str(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        if error.status_code == 400 and "parsing the body" in str(error.detail):
            return _error(400, "the request body is not JSON in UTF-8")
        return _error(error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in problem['loc'])}: {problem['msg']}"
            for problem in error.errors()
        )
        return _error(422, f"invalid request: {problems}")

    def tagger_for(names: Optional[List[str]], policy: str) -> MultiTagger:
        unknown = [name for name in names or [] if name not in served]
        if unknown:
            raise ClientError(404, f"unknown model(s) {unknown}; served: {sorted(served)}")
        if policy not in OVERLAP_POLICIES:
            raise ClientError(422, f"overlaps: one of {OVERLAP_POLICIES}, not {policy!r}")
        return MultiTagger([served[name] for name in names or served], policy)

    def respond(documents: List[Document], tagger: MultiTagger, output: str) -> Any:
        if output != "json" and output not in FILE_FORMATS:
            raise ClientError(422, f"format: json or one of {sorted(FILE_FORMATS)}, not {output!r}")
        results = tagger.tag(documents)
        if output in FILE_FORMATS:
            media_type, extension = FILE_FORMATS[output]
            return Response(
                _written(documents, results, output),
                media_type=media_type,
                headers={"Content-Disposition": f'attachment; filename="entities.{extension}"'},
            )
        return {
            "models": tagger.names,
            "documents": [
                {"id": d.id, "text": d.text, "entities": r["entities"]}
                for d, r in zip(documents, results)
            ],
        }

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        path = STATIC / name
        if path.parent != STATIC or not path.is_file():
            raise ClientError(404, f"no such file: {name}")
        return FileResponse(path)

    @app.get("/health")
    def health() -> Dict[str, Any]:
        return {"status": "ok", "models": sorted(served)}

    @app.get("/models")
    def list_models() -> List[Dict[str, Any]]:
        return [
            {"name": name, "labels": tagger.labels, "card": tagger.card}
            for name, tagger in served.items()
        ]

    @app.post("/tag", response_model=TagResponse)
    def tag(request: TagRequest, format: OutputFormat = "json") -> Any:
        if (request.text is None) == (request.documents is None):
            raise ClientError(422, "give either 'text' or 'documents'")
        inputs = [InputDocument(id="1", text=request.text)] if request.text is not None else []
        documents = [
            Document(d.id or str(i), d.text, [])
            for i, d in enumerate(inputs or request.documents or [], start=1)
        ]
        return respond(documents, tagger_for(request.models, request.overlaps), format)

    @app.post("/tag/file", response_model=TagResponse)
    def tag_file(
        file: Annotated[UploadFile, File(description="PubTator, BioC, PubMed XML, JSONL, text")],
        models: Annotated[Optional[str], Form(description="comma-separated model names")] = None,
        input_format: Annotated[str, Form(description=f"auto or one of {INPUT_FORMATS}")] = "auto",
        overlaps: Annotated[str, Form()] = "best",
        format: OutputFormat = "json",
    ) -> Any:
        names = [name.strip() for name in models.split(",") if name.strip()] if models else None
        tagger = tagger_for(names, overlaps)
        return respond(_uploaded_documents(file, input_format), tagger, format)

    return app


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _uploaded_documents(upload: UploadFile, input_format: str) -> List[Document]:
    """The documents of an uploaded file, read by the same readers as `bilm-tag`."""
    content = upload.file.read()
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ClientError(400, f"{upload.filename}: not UTF-8 (byte {error.start})") from None
    name = os.path.basename(upload.filename or "upload.txt")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        with open(path, "wb") as saved:
            saved.write(content)
        try:
            if input_format == "auto":
                input_format = guess_format(path)
            if input_format == "brat":
                raise ClientError(422, "brat folders cannot be uploaded; upload PubTator or BioC")
            documents = list(read_documents(path, input_format))
        except DataFormatError as error:
            raise ClientError(422, str(error).replace(folder + os.sep, "")) from None
    if not documents:
        raise ClientError(422, f"{name}: no document in the file")
    return documents


def _written(documents: List[Document], results: List[Dict[str, Any]], output: str) -> bytes:
    """The tagged documents in a file format, as `bilm-tag` writes it."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "out")
        if output == "bioc-xml":
            writer = DocumentWriter(path, output)
        else:
            text = io.StringIO()
            writer = DocumentWriter(path, output, out=text)
        for document, result in zip(documents, results):
            writer.write(document, result)
        writer.close()
        if output == "bioc-xml":
            return pathlib.Path(path).read_bytes()
        return text.getvalue().encode("utf-8")
