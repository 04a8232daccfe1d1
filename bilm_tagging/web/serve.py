"""
Starts the tagging web page and JSON API:

    bilm-serve --model ncbi_disease --model bc5cdr        (http://127.0.0.1:8000)
"""

import argparse
import contextlib
import socket
import sys
import threading
import time
from typing import Iterator, List, Optional

from bilm_serving.tagger import DEVICE_HELP, PRECISION_HELP, PRECISIONS
from bilm_tagging.shipped import ModelNotFound
from bilm_tagging.web.app import MAX_REQUEST_BYTES, create_app


@contextlib.contextmanager
def serve_in_thread(app, port: int = 0) -> Iterator[str]:
    """Serves `app` with uvicorn in a thread of this process while the context lasts (a test, a
    notebook); yields its URL. `port` 0: a free port."""
    import uvicorn

    if port == 0:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError(f"the server did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="bilm-serve", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "-m", "--model", action="append", dest="models", metavar="MODEL",
        help="a shipped model's name or an exported tagger's folder; repeat for several "
        "(default: every shipped model)",
    )  # fmt: skip
    parser.add_argument("--host", default="127.0.0.1", help="0.0.0.0 to serve other machines")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--max-request-bytes", type=int, default=MAX_REQUEST_BYTES)
    parser.add_argument("--precision", choices=PRECISIONS, default="float32", help=PRECISION_HELP)
    parser.add_argument("--device", default="cpu", help=DEVICE_HELP)
    args = parser.parse_args(argv)
    import uvicorn

    try:
        app = create_app(args.models or [], args.max_request_bytes, args.precision, args.device)
    except (ModelNotFound, ValueError) as error:
        print(f"bilm-serve: error: {error}", file=sys.stderr)
        return 2
    print(f"bilm-serve: http://{args.host}:{args.port}/ (API docs: /docs)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
