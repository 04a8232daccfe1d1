"""
Starts the tagging web page and JSON API:

    bilm-serve --model ncbi_disease --model bc5cdr        (http://127.0.0.1:8000)
"""

import argparse
import sys
from typing import List, Optional

from bilm_transfer.tagging.shipped import ModelNotFound
from bilm_transfer.web.app import MAX_REQUEST_BYTES, create_app


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
    args = parser.parse_args(argv)
    import uvicorn

    try:
        app = create_app(args.models or [], max_request_bytes=args.max_request_bytes)
    except ModelNotFound as error:
        print(f"bilm-serve: error: {error}", file=sys.stderr)
        return 2
    print(f"bilm-serve: http://{args.host}:{args.port}/ (API docs: /docs)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
