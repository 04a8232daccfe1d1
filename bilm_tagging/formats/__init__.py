"""
The document formats of tagging, one module each (reading and writing in one place), without
AllenNLP; errors name the file and line (`DataFormatError`).

- `document`: `Document` and `Mention`, what every reader yields and every writer takes;
- `jsonl`, `text`, `pubtator`, `bioc` (XML and JSON, via the `bioc` package), `pubmed` (XML),
  `brat`: documents in those formats; `conll`: tagged documents as token<TAB>tag columns;
- `lines`: a file's lines (UTF-8, `.xz`), with errors naming the line.

The training data's formats (token<TAB>tag sentences, word vectors, mentions to IOBES) are in
`bilm_transfer.formats`.
"""
