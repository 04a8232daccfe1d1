"""
The training data's formats, one module each, reading and writing in one place; the dataset
readers and commands call these. Errors name the file and line (`DataFormatError`).

- `columns`: token<TAB>tag files (IOB/IOBES, CoNLL-style) and one-sentence-per-line text;
- `standoff`: documents with character-offset mentions turned into tagged sentences;
- `word2vec`: word vectors, text or binary.

The document formats (brat, PubTator, BioC, PubMed XML, JSON lines, text) are in
`bilm_tagging.formats`, which needs no AllenNLP.
"""
