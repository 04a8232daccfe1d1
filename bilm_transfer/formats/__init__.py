"""
One module per file format, reading and writing in one place; the dataset readers and commands
call these. Errors name the file and line (`DataFormatError`).

- `columns`: token<TAB>tag files (IOB/IOBES, CoNLL-style) and one-sentence-per-line text;
- `standoff`: documents with character-offset mentions, and their conversion to tagged sentences;
- `brat`, `pubtator`, `jsonl`: documents in those formats;
- `word2vec`: word vectors, text or binary.
"""
