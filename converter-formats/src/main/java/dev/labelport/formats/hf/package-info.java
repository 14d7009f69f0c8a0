/**
 * Hugging Face {@code datasets} CSV (and its JSON Lines flavour) for text and token
 * classification, format id {@code hf-csv}, aliases {@code hf} and {@code huggingface-csv}.
 *
 * <h2>Layout</h2>
 * <pre>
 * my-dataset/
 *   train.csv           text,label                      tokens,ner_tags
 *   validation.csv      "I loved it",positive           "['EU', 'rejects']","['B-ORG', 'O']"
 *   test.csv            "Meh",1                         "['EU', 'rejects']","[3, 0]"
 *   dataset_info.json   (optional) {"features": {"label": {"names": [...], "_type": "ClassLabel"}}}
 * </pre>
 * A {@link dev.labelport.spi.FormatDescriptor.Layout#DIRECTORY folder} (or a zip of one) with one
 * file per split: {@code <split>.csv} (RFC 4180, UTF-8, header row) or {@code <split>.jsonl} /
 * {@code <split>.json} (one JSON object per line, as {@code to_json} and transformers'
 * {@code run_ner} write them; a JSON array of objects is read too). The split is the file's stem.
 * Reading also accepts a <b>single file</b> (its flavour comes from the extension, else from
 * the first character: a brace or a bracket means JSON): one file of the folder layout, so its
 * items have the split its name gives ({@code train}, {@code validation}, {@code test}; none for
 * another name) and a {@code dataset_info.json} beside it is used, both said in a
 * {@code FILES_BESIDE} note; the other split files are not read. Files are read in the order train, validation,
 * test, then the others by name; a folder mixing CSV and JSON files needs {@code flavour=}.
 * Detection: a folder with split files (90 with {@code dataset_info.json}); a split file with
 * {@code dataset_info.json} beside it 85 when its columns look like a dataset's; a lone file with
 * token and tag columns (70); a lone {@code text,label} file only weakly (25), since other text
 * formats (Azure AutoML's text CSV) share that layout.
 *
 * <h2>Tasks and columns</h2>
 * <ul>
 *   <li><b>Task</b> ({@code task=auto}): token classification when a {@code tokens} or
 *       {@code words} column exists, else text classification.</li>
 *   <li><b>Text task</b>: text column = {@code text-column} or the first of {@code text},
 *       {@code sentence}, {@code sentence1}; label column = {@code label-column} or the first of
 *       {@code label}, {@code labels}, {@code target} (none: unlabelled rows). A <b>sentence
 *       pair</b> ({@code sentence1,sentence2}, GLUE/MRPC) is one item whose text is the first
 *       sentence; the second stays an extra column (below). Chosen over joining the two with a
 *       separator because it round-trips exactly and keeps the text an actual sentence.</li>
 *   <li><b>Token task</b>: tokens column = {@code text-column} or {@code tokens}/{@code words};
 *       tags column = {@code label-column} or {@code ner_tags}/{@code ner}/{@code tags}.</li>
 *   <li>Every other column is kept in the item's {@code metadata} under its name (a CSV cell as
 *       a string, a JSON value as is): {@code sentence2}, {@code idx}, {@code pos_tags}... An
 *       {@code id} column ({@code id-column}) gives the item ids (a CSV id is a string id).</li>
 * </ul>
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>One {@link dev.labelport.model.Item text item} per row; split = file stem ({@code null}
 *       for a single file); id = the {@code id} column, else the row's 1-based position over all
 *       files in read order (rows skipped under the lenient policy keep their number).</li>
 *   <li><b>Text task</b>: the text exactly as in the cell ({@link
 *       dev.labelport.model.TextContent#of}); each label is a {@link dev.labelport.model.Tag}
 *       annotation. A label cell holds a name ({@code positive}), an integer ClassLabel id
 *       ({@code 1}), or a list of either ({@code ['a', 'b']}, {@code [0, 3]}, a JSON array): a
 *       list is multi-label (one Tag each; a list with fewer than two labels is marked
 *       {@code extensions.hf-csv.labelList = true} so that it is written back as a list). An
 *       empty cell, {@code None}/{@code null} and the id {@code -1} mean "no label" (HF's
 *       convention for unlabelled test splits; FORMATS.md §10 marks it [unverified]: we follow
 *       GLUE's test files).</li>
 *   <li><b>Categories</b>: with ClassLabel names known (option {@code label-names}, else
 *       {@code dataset_info.json} {@code features.<label>.names}, also inside a
 *       {@code Sequence}/{@code List} {@code feature}), category = {@code (Id.of(index), name)} and
 *       the header lists all of them in index order; a name cell must be one of the names and an
 *       id must be in range. Without names, a name cell gives {@code (Id.of(name), name)} and an
 *       integer id {@code k} the made-up category {@code (Id.of(k), "k")}, reported once as
 *       {@code SYNTHESISED}. In CSV a cell that is an integer (and not a known name) is an id; in
 *       JSON only a number is.</li>
 *   <li><b>Token task</b>: tokens → {@link dev.labelport.model.TextContent#fromTokens} (text =
 *       tokens joined with single spaces, {@code TEXT_RECONSTRUCTED} noted once); the tags are
 *       decoded with {@link dev.labelport.formats.conll.TagScheme} into {@link
 *       dev.labelport.model.TextSpan} annotations with code-point offsets and the covered text;
 *       category = the entity type {@code (Id.of(type), type)} as CoNLL does. Integer tags are
 *       mapped to names through the ClassLabel names; without names they are an error (a tag
 *       scheme cannot be guessed from numbers). Tags that are valid but not the scheme's
 *       canonical spelling are kept in {@code extensions.hf-csv.tags}.</li>
 *   <li><b>Scheme</b> ({@code scheme=auto}): detected from the tags of the first 1,000 rows with
 *       CoNLL's rule ({@link dev.labelport.formats.conll.TagSchemeDetector}: chunks starting with
 *       {@code I-} → iob1, E-/S- → bioes, no prefix → bare, else iob2; a mix is read as iob1,
 *       conlleval's reading, and noted {@code MIXED_CHUNK_STARTS}).</li>
 *   <li>Header extension {@code hf-csv}: {@code task}, {@code flavour}, {@code extension}
 *       (json/jsonl), {@code columns} (the first file's column order), {@code textColumn},
 *       {@code labelColumn}, {@code idColumn}, {@code labels} ({@code names} or {@code ids}, as
 *       the first row wrote them), {@code multiLabel}, {@code scheme}, {@code labelNames} (the
 *       ClassLabel names) and {@code datasetInfo} (the whole {@code dataset_info.json}).</li>
 * </ul>
 *
 * <h2>List literals</h2>
 * CSV cannot hold lists, so HF/pandas write {@code str(list)}: Python literals. The reader parses
 * single- or double-quoted strings with Python's escapes (<code>\\ \' \" \n \r \t \xhh &#92;uhhhh
 * \Uhhhhhhhh</code>, octal, unknown escapes kept), an optional {@code u} prefix, integers and decimals,
 * {@code None}/{@code null}, booleans and a trailing comma, so JSON arrays read too. The writer
 * produces CPython's {@code repr}: single quotes unless the string holds {@code '} and no
 * {@code "}, non-printable characters escaped.
 *
 * <h2>Errors and limits</h2>
 * Errors are {@link dev.labelport.error.InvalidInputException}s naming the file
 * ({@code <folder>/train.csv}), the line the row starts on and the column (with the list index):
 * {@code ds/train.csv:3 at ner_tags[1]: tag index 5 is out of range: 3 names in dataset_info.json}.
 * Covered: malformed CSV (unclosed quote), a record with another number of fields than the header,
 * a duplicate header name, malformed list literals, tokens/tags of different lengths, ids out of
 * range, unknown names, invalid tag sequences ({@code scheme=iob2} given explicitly), rows that
 * are not JSON objects, malformed UTF-8. Under the lenient policy the row is skipped. A CSV record
 * longer than {@code maxStringLength} chars, more tokens than {@code maxTokensPerItem}, more
 * labels or categories than {@code maxCategories} fail before the row is built. One row is in
 * memory at a time.
 *
 * <h2>Writing</h2>
 * A folder with one file per split ({@code train.csv} for items without a split, noted
 * {@code SYNTHESISED}; a split that is not a safe file name, or beyond the 256th split, also
 * goes to train, reported {@code DROPPED_FIELD}); flavour, columns, column names, label form and scheme as read, else CSV,
 * {@code text,label} / {@code tokens,ner_tags} plus the first item's metadata keys, names, iob2.
 * The first split met is streamed into its file; the other splits are spilled to temp files and
 * copied in at the end (files are created one at a time, so a zip output works).
 * {@code dataset_info.json} is written when the source had one (its other fields kept, the
 * ClassLabel names updated) or when labels are written as ids whose names would otherwise be lost
 * (tags always). ClassLabel indices: the names as read, else the header's categories at their
 * numeric id when free, else first-seen order; a gap is named {@code LABEL_i} ({@code SYNTHESISED}).
 * Label cells: a name or an id; a list when the item has two or more labels or was read as a
 * list; no label = empty cell / {@code null} / {@code -1} (ids). Lists are Python literals in CSV,
 * arrays in JSON Lines. Reported losses:
 * <ul>
 *   <li>{@code DROPPED_GEOMETRY}: spans in the text task, whole-item labels in the token task,
 *       other geometry, removed annotations, labels without a category, spans covering no token,
 *       a CSV names-cell label that would read back as no label or a list ({@code ""},
 *       {@code -1}, {@code [x}).</li>
 *   <li>Token task: {@code OVERLAPPING_SPANS} (ConllWriter's rule: the earliest-starting span is
 *       kept, the longest on ties), {@code SPAN_NOT_ON_TOKENS} (widened to whole tokens; items
 *       without tokens are tokenized by the conversion's {@link dev.labelport.spi.Tokenizer},
 *       whitespace by default), {@code MERGED_SPANS} (io/bare), and
 *       {@code DROPPED_FIELD} for the text's own whitespace, token columns (POS...) and sentence
 *       boundaries.</li>
 *   <li>{@code REINDEXED}: without an id column, a split whose items' ids are not the row
 *       positions they will be read back with (one entry per split); with a CSV id column, a
 *       numeric id (written as text).</li>
 *   <li>{@code DROPPED_FIELD}/{@code DROPPED_ATTRIBUTE}: file name, uri, status, annotator,
 *       timestamps, annotation ids, scores, attributes, metadata keys with no column, category
 *       ids/supercategory/colour that do not read back, tokens of a text-task item.</li>
 *   <li>{@link dev.labelport.formats.hf.HfCsvFormat#STRINGIFIED}: a non-text metadata value written
 *       into a CSV cell as its JSON text.</li>
 * </ul>
 *
 * <h2>Same-format round trip</h2>
 * Items come back equal (tested with arbitrary Unicode: emoji, flags, CJK, combining marks,
 * quotes, commas, line breaks, controls). Files are normalised: LF line ends, no BOM, minimal
 * quoting (Commons CSV's rule, which also quotes a field with leading or trailing spaces), compact
 * JSON lines, pretty-printed {@code dataset_info.json}. MRPC's {@code dev.csv} comes back byte
 * for byte. Not kept: the dataset card YAML ({@code README.md}) and a model's
 * {@code config.json} {@code id2label} are not read; use {@code label-names=}.
 */
package dev.labelport.formats.hf;
