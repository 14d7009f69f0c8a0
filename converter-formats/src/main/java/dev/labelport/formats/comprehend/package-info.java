/**
 * Amazon Comprehend training data, format id {@code comprehend}, alias {@code amazon-comprehend}:
 * custom entity recognition (annotations CSV with its documents, entity list, SageMaker Ground
 * Truth augmented manifest) and custom classification (the {@code label,text} CSV). Facts from
 * {@code shared/FORMATS.md} §3.4, §3.5 and §12, checked against the samples named below.
 *
 * <h2>Layout</h2>
 * A folder ({@link dev.labelport.spi.FormatDescriptor.Layout#DIRECTORY}; a zip of it reads the
 * same). Written:
 * <pre>
 * entities, csv (default)      annotations.csv + documents.txt (or the items' own file names)
 * entities, manifest           output.manifest
 * classification               classifier.csv
 * </pre>
 * Read: a folder or a single file. In a folder the reader takes, in this order, the first
 * {@code .csv} whose header names {@code File}, {@code Begin Offset}, {@code End Offset} and
 * {@code Type} (the annotations CSV; every other file of the folder, up to 4 levels, hidden
 * files left out, is a document), else the first {@code .manifest}/{@code .jsonl}, else a
 * {@code Text, Type} entity list, else the folder's only other {@code .csv} as a classifier CSV.
 * A single file is a manifest when it starts with <code>{</code>, an entity list by its header,
 * else a classifier CSV. An annotations CSV given alone (issue 13) is read with the documents
 * its {@code File} column names, looked up beside it (or below it; a name with {@code ..} or an
 * absolute path is not followed and is an unknown File, with its line); a {@code FILES_BESIDE}
 * note lists them. Options {@code task} and {@code flavour} override the choice. Detection: a
 * folder with an annotations CSV 90, with an entity list or entity manifest 85; a file: an
 * annotations CSV 90, entity manifest or entity list 85, a {@code label,text} CSV 25 (it has no
 * header, so the guess stays weak).
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>One {@link dev.labelport.model.Item text item} per document: per line of each documents
 *       file ({@code document-mode=line}, Comprehend's {@code ONE_DOC_PER_LINE}: lines without
 *       entities are items too), per file ({@code file}), per manifest line or per classifier
 *       row. Id = running number from 1 in reading order (files sorted by name, then lines);
 *       {@code fileName} = the document file's relative name (CSV flavour).</li>
 *   <li>Entities: {@link dev.labelport.model.TextSpan} with the covered text, category
 *       {@code Category.of(Id.of(type), type)}. Classes: {@link dev.labelport.model.Tag}
 *       annotations, one per label.</li>
 *   <li>Header extension {@code comprehend}: {@code task}, {@code flavour}
 *       ({@code csv}/{@code manifest}/{@code entity-list}), {@code documentMode},
 *       {@code attribute} (manifest), {@code labelDelimiter} (classification): a same-format
 *       write uses them when the options do not say otherwise. Item extension (manifest only):
 *       {@code metadata} (the {@code <attribute>-metadata} object, kept whole), {@code labels}
 *       (only when not the entity types in order), {@code other} (other members).</li>
 * </ul>
 *
 * <h2>Offsets: code points, unchanged</h2>
 * FORMATS.md left the unit [unverified]. The AWS SDK reference of {@code Entity.BeginOffset}
 * (Ruby SDK v2, and the {@code KeyPhrase} offsets of the same API) says the offset "returns the
 * position of each UTF-8 code point in the string … a multi-byte UTF-8 character maps to a
 * single code point"; the CSV guide says "character offset". So Comprehend counts Unicode code
 * points, as the model does: offsets pass through unchanged (no UTF-16 or byte conversion), and
 * each span's text is the document's code points {@code [begin, end)}. The round-trip properties
 * check this with emoji, flags (two code points each), CJK and combining marks. End offsets are
 * exclusive (AWS example "Diego Ramirez" = 0, 13; sample #42 row 1).
 *
 * <h2>Reading, and the decisions taken</h2>
 * <ul>
 *   <li><b>CSV dialect</b> (RFC 4180 through Commons CSV, strict UTF-8, a BOM skipped, NUL
 *       refused): the annotations CSV and the entity list trim spaces around fields, because the
 *       AWS examples put a space after every comma, header included (sample #42, both files);
 *       header names are matched without case or spaces; fields may be quoted. The classifier
 *       CSV is not trimmed (its text is data) and has no header (FORMATS.md §3.5).</li>
 *   <li><b>Unsorted rows.</b> Real annotation files are not sorted by file and line. A first
 *       pass checks every row (located errors: columns, numbers, unknown {@code File}, empty
 *       {@code Type}) and spills it as a 16-byte record to a temporary file, indexed by (file,
 *       line) in {@link dev.labelport.internal.GroupingIndex}; while the documents are then
 *       walked in order, {@link dev.labelport.internal.ChildBuckets} serves each line's rows,
 *       regrouping shuffled rows through bucket files. Memory: about 30 bytes per row, one
 *       bucket (8 MiB), one document. Tested with 800 shuffled rows over two files.</li>
 *   <li><b>Documents.</b> Lines split at LF; a CR before the LF is dropped (so CRLF files read
 *       like LF ones, and are written back with LF); no extra line after a final LF. Lines are
 *       read raw: the AWS documentation example (sample #42) has unquoted lines. (AWS's own
 *       Ground Truth converter in aws-samples/amazon-comprehend-examples writes each line as a
 *       JSON-escaped string in double quotes, with offsets into the unescaped text; whether
 *       Comprehend unquotes such lines is not documented, so that variant is not decoded.)</li>
 *   <li><b>Located errors</b> (under {@code ErrorPolicy.SKIP} the row is reported and skipped):
 *       offsets beyond the line or file ({@code annotations.csv:3: offsets 2, 60 of B go beyond
 *       the end of documents.txt Line 1 (6 characters)}); a {@code Line} beyond the document
 *       ({@code Line 7 is beyond the end of documents.txt (2 lines)}, at the row's CSV line); an
 *       unknown {@code File}; an end offset not after the begin offset.</li>
 *   <li><b>The off-by-one example.</b> AWS's own examples disagree with their text: the CSV
 *       guide's row {@code documents.txt, 1, 0, 15, ENGINEER} covers "Emilio Johnson " with the
 *       trailing space (sample #42, annotations.csv line 3); the manifest guide's "Mateo
 *       Jackson" entity starts at 26, one into the name (cer-annotation-manifest, not in the
 *       samples); the Python snippet of the CSV guide writes 0, 11 / 0, 5 / 25, 30 for the same
 *       names. None of these files gives the entity text next to the offsets, so the reader
 *       checks what it can: a span that starts or ends on whitespace, or starts or ends inside
 *       a word (letters or digits on both sides, scripts written without spaces such as CJK and
 *       Thai left out) is suspect. Option {@code span-check}: {@code report} (default) keeps it
 *       as given and notes {@link dev.labelport.formats.comprehend.ComprehendFormat#SUSPECT_SPAN}
 *       with the CSV line; {@code trim} drops edge whitespace and notes
 *       {@link dev.labelport.formats.comprehend.ComprehendFormat#TRIMMED_SPAN} (a span cut
 *       inside a word is only noted: the intended end is unknown); {@code error} makes it a
 *       located error. Offsets are never moved silently.</li>
 *   <li><b>Augmented manifest</b> (JSON Lines, one record parsed per line, blank lines
 *       skipped): {@code source} is the text; the label attribute is the {@code attribute}
 *       option or the first member (not {@code source}, not {@code *-metadata}) holding
 *       {@code annotations} or class indices. Entities use {@code startOffset}/{@code endOffset}
 *       /{@code label} (AWS cer-annotation-manifest, and AWS's converter script); {@code
 *       beginOffset} and {@code type} are accepted too. Classification records hold a class
 *       index with {@code class-name} in the metadata (multi-class) or a list of indices with a
 *       {@code class-map} (multi-label; keys verified in aws-samples'
 *       {@code DocumentClassifier/output.manifest}, FORMATS.md had them [unverified]); they are
 *       read, and written back as the classifier CSV. Errors carry the line and JSON path.</li>
 *   <li><b>Entity list</b> ({@code Text, Type}, sample #42 {@code entity_list.csv}): each row is
 *       an item whose text is the entity and whose one span covers it, so the span text is the
 *       listed text by construction ({@code SYNTHESISED} noted once). The documents next to it
 *       are not searched for the entities (Comprehend does that when training).</li>
 *   <li><b>Classifier CSV</b>: labels split at {@code label-delimiter} (default {@code |}); an
 *       empty label between delimiters is a located error; a row with other than 2 columns is
 *       a located error that says to quote text holding commas. Overlapping spans are kept on
 *       read: the model holds them, only the writer must choose.</li>
 * </ul>
 *
 * <h2>Writing</h2>
 * <ul>
 *   <li>{@code task=auto}: as read, else classification when the first item carries tags and
 *       no spans, else entities. {@code flavour}, {@code document-mode}, {@code attribute}:
 *       options, else as read, else {@code csv}, {@code line}, {@code labels}.</li>
 *   <li>Line mode: each item goes to the documents file named by its {@code fileName} (else
 *       {@code documents.txt}) as one raw line ending in LF; several files are filled in item
 *       order through temporary files and copied into the output at {@code finish()}. A CR or
 *       LF inside a document is written as a space, which keeps every offset valid, and is
 *       reported ({@link dev.labelport.formats.comprehend.ComprehendFormat#REPLACED_LINE_BREAK};
 *       {@code document-mode=file} keeps them). File mode: one file per item, written at once,
 *       named by its {@code fileName} or {@code <n>.txt} ({@code SYNTHESISED}); a name that is
 *       unsafe, repeated or {@code annotations.csv} is replaced and reported. The annotation
 *       rows are spilled and written last as {@code annotations.csv} with the header {@code
 *       File,Line,Begin Offset,End Offset,Type} (no {@code Line} in file mode), no spaces, LF,
 *       fields quoted when they hold a comma, quote, line break or edge space.</li>
 *   <li>Spans: overlapping or nested spans are forbidden by Comprehend; the CoNLL writer's rule
 *       applies: earliest start first, the longest on equal starts, and a span overlapping a
 *       kept one is left out ({@code OVERLAPPING_SPANS}). Empty spans ({@code DEGENERATE}),
 *       spans beyond the text, without a category or removed, and non-span geometry ({@code
 *       DROPPED_GEOMETRY}) are reported; a span whose stored text differs from the text at its
 *       offsets is written by offsets and reported ({@code DROPPED_FIELD}).</li>
 *   <li>Classification: {@code labels,text} rows, no header, LF; a label holding the delimiter
 *       reads back split ({@link dev.labelport.formats.comprehend.ComprehendFormat#SPLIT_LABEL});
 *       spans are dropped. Manifest: one record per item with {@code source}, the attribute's
 *       {@code annotations.entities} and {@code labels}, and the metadata read with it.</li>
 *   <li>Comprehend keeps no ids ({@code REINDEXED} when an item's id is not its running
 *       number), attributes, scores, annotators, timestamps or metadata ({@code
 *       DROPPED_ATTRIBUTE}/{@code DROPPED_FIELD}).</li>
 * </ul>
 *
 * <h2>Samples and what they verified</h2>
 * External set #42 ({@code comprehend/awsdocs-cer-doc-examples}, AWS documentation, read in
 * place by {@code ComprehendExternalDataTest}): spaces after commas in headers and rows, rows
 * only for lines with entities, exclusive end offsets, raw unquoted document lines, the
 * off-by-one row; the entity-list header. AWS Comprehend docs (cer-annotation-csv,
 * cer-annotation-manifest) and SDK references: offset unit, manifest keys. aws-samples
 * amazon-comprehend-examples (read, not copied): the Ground Truth converter scripts (manifest
 * keys, quoted document lines) and the classification {@code output.manifest} (class-map).
 */
package dev.labelport.formats.comprehend;
