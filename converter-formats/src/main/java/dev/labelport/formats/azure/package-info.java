/**
 * Azure Machine Learning AutoML training data, format id {@code azure-automl} (aliases
 * {@code azureml}, {@code azure}): one file per task, in one of three shapes. Sources: the Azure
 * docs' AutoML images schema and NLP how-to as summarised in {@code shared/FORMATS.md} §3 and
 * §14, and the samples below.
 *
 * <h2>Tasks and files</h2>
 * <table>
 * <caption>The task option and the file each task trains on</caption>
 * <tr><th>task</th><th>file</th><th>label</th></tr>
 * <tr><td>{@code image-classification}</td><td>JSON Lines</td><td>{@code "label": "cat"}</td></tr>
 * <tr><td>{@code image-multilabel}</td><td>JSON Lines</td><td>{@code "label": ["cat", "dog"]}</td></tr>
 * <tr><td>{@code object-detection}</td><td>JSON Lines</td>
 *     <td>{@code [{"label", "topX", "topY", "bottomX", "bottomY", "isCrowd"}]}</td></tr>
 * <tr><td>{@code instance-segmentation}</td><td>JSON Lines</td>
 *     <td>{@code [{"label", "isCrowd", "polygon": [[x1, y1, x2, y2, ...], ...]}]}</td></tr>
 * <tr><td>{@code text-classification}</td><td>CSV</td><td>a class name in the label column</td></tr>
 * <tr><td>{@code text-multilabel}</td><td>CSV</td><td>{@code "['cs.CV', 'cs.LG']"} (or {@code cs_CV,cs_LG})</td></tr>
 * <tr><td>{@code ner}</td><td>CoNLL, two space-separated columns</td><td>IOB2 tags</td></tr>
 * </table>
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@code task} (read and write, default {@code auto}). Reading: detected from the content
 *       (below); given, it chooses the file kind and the reader refuses labels of another task.
 *       Writing: as given, else as read (the header's {@code derived.task}), else from the first
 *       item: an image item gives JSON Lines, a text item with text spans or tokens NER, another
 *       text item the CSV; within that kind, the first item with annotations decides (polygons or
 *       masks → instance-segmentation, other shapes → object-detection, one class →
 *       image/text-classification, several → multilabel). Items before it have no annotations, and
 *       are written alike whatever the task. Items of the other media kind are
 *       {@code DROPPED_ITEM}.</li>
 *   <li>{@code label-column} (read and write, default {@code auto}): the CSV's label column by its
 *       header name. Reading: auto = the last column. Writing: auto = the column read, else
 *       {@code label}; given, it renames the label column read.</li>
 * </ul>
 *
 * <h2>Detection</h2>
 * {@code detect}: 95 for a first line that is a JSON object with {@code image_url}; 95 for a
 * CoNLL file (CoNLL's own detection) with a line {@code -DOCSTART- O} — Azure's two-column spelling;
 * CoNLL scores such files 90, and a NER file without that line stays CoNLL's; 30 for a CSV whose
 * last header cell is {@code label}, {@code labels}, {@code target}, {@code class},
 * {@code category}, {@code tags}... (the default label column). Opening without {@code task}:
 * an empty file is an empty dataset; a first line that is a JSON object means JSON Lines; a file
 * CoNLL detects (or with {@code -DOCSTART- O}) is NER; anything else is read as the CSV. The JSON
 * Lines task is the first label shape met in the first 1000 lines (a string, a list of strings,
 * objects with box keys, objects with {@code polygon}); the CSV is multi-label when one of the
 * first 1000 label cells is a well-formed Python list literal.
 *
 * <h2>Images: JSON Lines</h2>
 * One image per line; each line is parsed on its own ({@link
 * dev.labelport.formats.conll.LineReader}: bounded lines, strict UTF-8), so an error names the
 * line, the column and a JSON path such as {@code label[0].polygon[1]} or
 * {@code image_details.width}, and under {@code ErrorPolicy.SKIP} only that line is skipped. Blank
 * lines are ignored. One file holds one task: a label of another task is an error at that label.
 * <ul>
 *   <li>Item: id = its 1-based position among the lines ({@code REINDEXED} on write when an id
 *       differs). {@code image_url} with a scheme is the item's URI, and its file name is the
 *       datastore path of {@code azureml://.../paths/<path>} or {@code AmlDatastore://<path>};
 *       without a scheme it is a relative path: the file name, no URI. Writing: the URI when it is
 *       a datastore URL or there is no file name, else the file name; the other one is
 *       {@code DROPPED_FIELD} unless it is derivable.</li>
 *   <li><b>Coordinates are kept normalised</b> ({@code Item.normalized(true)}) even when
 *       {@code image_details} gives a size: a same-format round trip then does no arithmetic and
 *       gives back the values read, and the pipeline scales to pixels for pixel formats with the
 *       item's size (or {@code ConversionOptions.imageSizes}). The provider's
 *       {@code writesNormalized()} is true: the writer divides pixel items by their width and
 *       height. A box is {@code (topX, topY, bottomX - topX, bottomY - topY)}; when
 *       {@code topX + width} does not give {@code bottomX} back exactly in doubles, the corner read
 *       is kept in {@code derived.bottomX}/{@code bottomY} and written while the box is unchanged.
 *       Polygons: one part per inner list, vertices as read (a closing vertex equal to the first
 *       is kept, as in the docs' first example); odd or empty lists are errors;
 *       {@code maxPolygonVertices} is checked while reading.</li>
 *   <li>{@code image_details}: {@code width}/{@code height} as a positive JSON integer or a
 *       string {@code "499px"} (also {@code "499"}, {@code "499 px"}, any case of px), checked
 *       against {@code maxImageDimension}. The coordinates are fractions and do not depend on it,
 *       so anything else ({@code "abc px"}, 0, a fraction) or a width without a height leaves the
 *       image without a size, keeps the values as written (a same-format write gives them back)
 *       and is reported as {@code INCONSISTENT_METADATA}; strict mode refuses it. The spelling is kept in {@code derived.width}/
 *       {@code height} when it is not {@code "<n>px"}, the form written otherwise (every Azure
 *       example uses it). {@code format} goes to {@code derived.format} when it equals the
 *       URL's extension, else to the extension (it is information then); the writer writes it as
 *       read, else derives it from the file name (jpg, jpeg, png, jpe, jfif, bmp, tif, tiff).
 *       An absent or null {@code image_details}, a label absent, {@code null} or {@code []} are
 *       remembered in {@code derived} so that a same-format write gives them back.</li>
 *   <li>Labels: class names become {@code Category.of(Id.of(name), name)} (one per name and
 *       file, met while streaming: the header lists none), on {@code Tag} annotations for the
 *       classification tasks. {@code isCrowd} ({@code 0}/{@code 1}, booleans, their strings) is
 *       the crowd flag; its spelling, or its absence, is kept in {@code derived.isCrowd}.</li>
 *   <li>Unknown keys of a line, of {@code image_details} and of an object are kept as read in
 *       the extensions ({@code extra}, {@code image_details}) and written after the known keys;
 *       box keys beside a polygon are kept so too.</li>
 * </ul>
 * Writing rules (each reported): object-detection writes boxes, and polygons, rotated boxes,
 * polylines, points and keypoints as their box: the one the source stated beside the shape
 * (COCO's {@code bbox}, a YOLO pose box), derived from the shape only when there is none
 * ({@link dev.labelport.model.Annotation#box()}, the one rule of every box-only writer;
 * {@code APPROXIMATED_GEOMETRY});
 * instance-segmentation writes polygons, boxes as 4-point polygons and rotated boxes as their
 * corners ({@code APPROXIMATED_GEOMETRY}), drops holes ({@code APPROXIMATED_GEOMETRY}) and parts
 * of fewer than 3 points ({@code DEGENERATE}), writes a mask as the polygon of its pixel outline
 * ({@code APPROXIMATED_GEOMETRY}; holes then dropped as above); masks in object-detection, tags in the
 * shape tasks, shapes in the classification tasks, annotations without a class and removed ones
 * are {@code DROPPED_GEOMETRY}; boxes of zero size are {@code DEGENERATE}; image-classification
 * keeps the first class of an item ({@code DROPPED_GEOMETRY} for the others). Scores, ids,
 * attributes ({@code DROPPED_ATTRIBUTE}), status, timestamps, split, metadata and category ids,
 * supercategories and colours (once per class) are {@code DROPPED_FIELD}. Lines are compact JSON
 * with the keys {@code image_url}, {@code image_details}, {@code label}; coordinates use the
 * shortest decimal that reads back to the same double.
 *
 * <h2>Text classification: CSV</h2>
 * Commons CSV, RFC 4180 (comma, {@code "} quoting, embedded line breaks), strict UTF-8 without a
 * BOM, a header row. One text item per row, id = its 1-based row number among the data rows.
 * <b>Several text columns</b>: the first column other than the label column is the item's text;
 * every other text column goes to the item's metadata under its header name (a model field, so
 * other formats can keep it), and the header extension keeps {@code columns} (the header, in
 * order) and {@code labelColumn}, so a same-format write gives the same columns in the same order.
 * Multi-class: the cell is the class name; an empty cell is no label. Multi-label: a Python list
 * literal ({@code ['a', "it's", 1]}, Python string escapes) or Azure's plain form, where every
 * character other than letters, digits and {@code _} separates ({@code cs.AI} is {@code cs} and
 * {@code AI}, as Azure reads it); {@code ""} and {@code []} are no labels. The cell as read is
 * kept in {@code derived.labels} when it is not what {@code str(list)} prints ({@code ['a', 'b']},
 * the form written otherwise). Errors name the line and, as the path, the column
 * ({@code column 'labels'}): a row with another number of cells than the header, a malformed list
 * literal, a NUL character, a cell longer than {@code maxStringLength}; a record running past that
 * limit (an unclosed quote) stops before the whole file is read into it. Writing: rows of the
 * text, the metadata under the column names, the labels; metadata keys without a column, tokens,
 * non-tag annotations ({@code DROPPED_GEOMETRY}, with a hint to {@code task=ner}), extra classes
 * in multi-class and the item fields above are reported. Known limit: a multi-class label that
 * is itself a list literal ({@code "['a']"}) reads back as multi-label unless {@code task} is
 * given.
 *
 * <h2>NER: CoNLL, reusing {@code dev.labelport.formats.conll}</h2>
 * Read and written by the CoNLL format with fixed options: {@code separator=space},
 * {@code scheme=iob2}, and {@code repair=true} on reading, so an {@code I-X} that does not
 * continue an {@code X} starts an entity, as Azure's (seqeval's) reading does, reported as
 * {@code INVALID_TAG_SEQUENCE}. The CoNLL extensions move under this format's id:
 * {@code docstart} and {@code document} on the item, the tags as written (when not canonical) and
 * the header's scheme, separator, tag spelling and trailing blank line under {@code derived}. A
 * document start is written as {@code -DOCSTART- O} whatever it was read as. Tokens with columns
 * besides token and tag lose them ({@code DROPPED_FIELD}). Everything else (tokenisation of spans,
 * overlaps, spans across tokens, whitespace) is CoNLL's writer, with its losses. Converting to
 * CoNLL or from it, the document starts are one format's extension and are reported as dropped by
 * the pipeline.
 *
 * <h2>Decisions where FORMATS.md was unverified, and the samples that showed them</h2>
 * <ul>
 *   <li>{@code external-testdata/azure-automl/azure-docs-automl-images-schema} (#45, docs
 *       examples): all four image tasks; sizes are {@code "499px"} strings (hence the default
 *       spelling), {@code isCrowd} is {@code 0}, coordinates are written both {@code 0.0180} and
 *       {@code 0.260} (read to the same doubles, written back as {@code 0.018}/{@code 0.26}: JSON
 *       spacing and trailing zeros are not kept), the first segmentation polygon repeats its
 *       first vertex and others do not (kept as read), and there are extra spaces before
 *       {@code ]} and between keys (read fine). Counts: 3 images each; 3, 6, 6 and 5 annotations;
 *       polygons of 29, 22, 19, 20 and 16 vertices.</li>
 *   <li>{@code external-testdata/conll/azureml-examples-automl-ner} (#25): {@code -DOCSTART- O}
 *       as a two-column line before each document, followed by a blank line; one blank line at
 *       the end; line 722 of {@code test.txt} ({@code Moscardi I-PER} after {@code O}) is why the
 *       reader repairs rather than refuses. train/valid come back byte for byte. Counts: 335,
 *       722, 757 sentences; 4629, 9179, 9175 tokens; 762, 1413, 1315 entities; 22, 49, 38
 *       documents.</li>
 *   <li>No text-classification CSV sample exists in the shared data; the CSV rules come from the
 *       docs as summarised in FORMATS.md §14 and are covered by the project's own fixtures
 *       ({@code testdata/azure-automl/multilabel-text-same-format}).</li>
 *   <li>Images without a label: written without {@code label} in image-classification and with
 *       {@code []} in the list tasks (the docs allow an empty multi-label list).</li>
 * </ul>
 */
package dev.labelport.formats.azure;
