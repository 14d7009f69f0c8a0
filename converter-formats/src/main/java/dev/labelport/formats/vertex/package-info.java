/**
 * Google Vertex AI dataset import files ({@code vertex}, aliases {@code vertex-ai},
 * {@code gcp-vertex}): one file, JSON Lines or CSV, read and written one item at a time.
 *
 * <h2>Layouts</h2>
 * <ul>
 *   <li><b>JSON Lines</b>, one data item per line: {@code imageGcsUri}, {@code textContent} or
 *       {@code textGcsUri}; {@code classificationAnnotation} (one) or
 *       {@code classificationAnnotations} (a list) of {@code {displayName}};
 *       {@code boundingBoxAnnotations} of {@code {displayName, xMin, yMin, xMax, yMax}} (fractions of
 *       the image size, origin top left; numbers or numeric strings); {@code textSegmentAnnotations}
 *       of {@code {startOffset, endOffset, displayName}}; {@code annotationResourceLabels} on
 *       annotations and {@code dataItemResourceLabels} on the item, where
 *       {@code aiplatform.googleapis.com/ml_use} is the split.</li>
 *   <li><b>CSV</b>, no header, RFC 4180: image classification {@code [ML_USE,]PATH[,LABEL...]};
 *       object detection {@code [ML_USE,]PATH,LABEL,X1,Y1,X2,Y2,X3,Y3,X4,Y4}, one box per row, either
 *       two vertices {@code X_MIN,Y_MIN,,,X_MAX,Y_MAX,,} or four clockwise from the top left, and
 *       {@code [ML_USE,]PATH,,,,,,,,,} for an image without objects; text classification
 *       {@code [ML_USE,]TEXT_OR_URI[,LABEL...]}. Text entity extraction has no CSV form.</li>
 * </ul>
 * The reader chooses by content: a file whose first non-blank byte is <code>{</code> is JSON Lines,
 * any other is CSV; an empty or blank file is an empty dataset. Detection scores 95 for a first
 * line with {@code imageGcsUri}/{@code textContent}/{@code textGcsUri}, 85 for CSV rows that are
 * all detection rows (the salads sample has bare file names, not {@code gs://}), 80 for CSV
 * rows that all reference {@code gs://}, 60 for rows that all start with an ML_USE value.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>An image is an item with {@code normalized(true)} and no size (Vertex has none); its id and
 *       {@code uri} are the path, its file name the path's last segment. A path that is not a URI
 *       (the salads sample's bare names) is the file name and there is no uri. Boxes are
 *       {@code Box(xMin, yMin, xMax - xMin, yMax - yMin)} in fractions; the provider's
 *       {@code writesNormalized()} is true, so the pipeline scales them for pixel writers (which
 *       needs image sizes: {@code ConversionOptions.imageSizes}) and gives this writer either
 *       normalised items (written as they are) or pixel items with their size (divided).</li>
 *   <li>A text is an item whose id is its line number (CSV: the record's first line). A
 *       {@code textGcsUri} item (or a CSV text that is a URI without whitespace) has empty text and
 *       the URI: Labelport does not fetch it. Its labels are kept; its segments cannot be checked
 *       or converted, so they stay, as read, in the item's {@code vertex.textSegmentAnnotations}
 *       extension, which only a Vertex writer puts back (elsewhere the pipeline reports them
 *       dropped). The reader notes such items once per file ({@link
 *       dev.labelport.formats.vertex.VertexFormat#TEXT_NOT_INLINE}).</li>
 *   <li>Labels are categories whose id and name are the display name. Classification labels are
 *       {@code Tag}s.</li>
 *   <li>Split: {@code training}/{@code train} → {@code train}, {@code validation}/{@code validate}
 *       → {@code val}, {@code test} → {@code test} (any case: legacy AutoML and the salads sample
 *       write {@code TRAIN}/{@code TEST}); {@code UNASSIGNED} → no split; anything else stays as the
 *       split. The raw value is kept (derived) so that a Vertex round trip writes {@code TRAIN} back;
 *       otherwise the writer writes {@code training}, {@code validation} ({@code val}, {@code valid},
 *       {@code dev}) or {@code test}; a split with no Vertex value is left out and reported.</li>
 *   <li>Kept for a same-format round trip, in the {@code vertex} extension: resource labels,
 *       unknown JSON fields ({@code extra}); and as {@code derived} (not reported when converting
 *       elsewhere: they are layout, not data) the flavour and CSV task, the ML_USE spelling, a
 *       one-element {@code classificationAnnotations} list and the four-vertex CSV form.</li>
 * </ul>
 *
 * <h2>Text offsets (FORMATS.md §13 and §16.3 left them unverified)</h2>
 * Vertex's {@code TextSegment} reference calls offsets "zero-based character index" and says
 * the character at {@code endOffset} is not included; AutoML's describes the text as UTF-8 NFC.
 * No sample with text segments exists (MANIFEST: gap), so the decision rests on the docs: by
 * default offsets count <b>code points</b> (characters; what Python's string indices and Google's
 * Python clients count) and {@code endOffset} is <b>exclusive</b>. {@code offset-unit=utf16|utf8}
 * and {@code end-offset=inclusive} read and write files from tools that count otherwise
 * (FORMATS.md notes converters writing inclusive ends). Offsets are converted exactly; an offset
 * past the text or inside a character (a UTF-16 surrogate pair, a UTF-8 sequence) is a located
 * error. Line breaks are kept as they are ({@code \r\n} counts two): the "double newline" problem
 * FORMATS.md mentions concerns {@code textGcsUri} files, whose text is not read. A segment's
 * optional {@code content} (the schema's output-only field) is compared with the text its offsets
 * cover: a mismatch is a located error, or with {@code span-mismatch=report} a
 * {@link dev.labelport.formats.vertex.VertexFormat#SPAN_TEXT_MISMATCH} loss keeping the
 * offsets. The comparison is exact (an NFC {@code content} does not match NFD text). The
 * writer does not write {@code content}.
 *
 * <h2>CSV decisions</h2>
 * <ul>
 *   <li>ML_USE is recognised per row: a first cell that is a split value, or empty with more
 *       cells after it. (A text classification row whose text is exactly {@code test} or
 *       {@code training} is therefore read as a split.)</li>
 *   <li>A row is a detection row when it has ten cells after ML_USE, its path names an image (by
 *       extension: jpg, jpeg, png, gif, bmp, tif(f), webp, ico, heic, avif, jfif; a file name has no
 *       whitespace) and the coordinate cells are numbers or empty. When the file's first row is a
 *       detection row, every row must be one (a row cut short is a located error). A detection row
 *       with a label and no coordinates reads as an image label. Four vertices that are not an
 *       axis-aligned rectangle clockwise from the top left are read as their bounding box and
 *       reported ({@code APPROXIMATED_GEOMETRY}), as FORMATS.md §13 advises.</li>
 *   <li>Consecutive rows of one image make one item. Rows of an image scattered through the file
 *       are a <b>located error</b> naming the earlier line (skipped under the lenient policy): the
 *       reader streams, and regrouping would need a second pass over byte ranges that Commons CSV
 *       does not give. Images already emitted are remembered as 64-bit hashes with their first
 *       line (about 24 bytes each), not as paths; sorting the file by path fixes the input. Rows of
 *       one image that disagree on ML_USE keep their boxes: the image's split is the first row's
 *       and each disagreement is reported as {@code INCONSISTENT_METADATA} (the split is no part
 *       of a box; issue 13), refused only in strict mode.</li>
 *   <li>The first column that is not ML_USE is an image when it names an image file, else text
 *       ({@code media=image|text} forces it).</li>
 *   <li>A broken record (bad quoting, invalid UTF-8) ends the file under the lenient policy:
 *       Commons CSV cannot resynchronise. A line longer than {@code Limits.maxLineLength} fails
 *       while it is read.</li>
 * </ul>
 *
 * <h2>Writing</h2>
 * {@code flavour=auto} writes what was read from Vertex, else JSON Lines (the only flavour
 * holding text segments and resource labels). Keys come in a fixed order (media, labels, boxes,
 * segments, resource labels, extra fields), so annotations come back grouped by kind. In CSV the
 * first item fixes the media kind (an item of the other kind is dropped and reported) and
 * {@code task=auto} takes the task read from Vertex, else the first item with a box
 * (detection) or label (classification). Reported losses: other shapes written as their box:
 * the box the source stated beside the shape (COCO's {@code bbox}, a YOLO pose box), derived from
 * the shape (bounds; keypoints: the labelled points) only when there is none
 * ({@link dev.labelport.model.Annotation#box()}, the one rule of every box-only writer;
 * {@code APPROXIMATED_GEOMETRY}); masks on normalised items, pixel boxes on images of
 * unknown size, spans on images, boxes on texts, captions, cuboids, token tags, annotations
 * without a category, segments in CSV, labels in a detection CSV and boxes in a classification
 * CSV ({@code DROPPED_GEOMETRY}); image sizes, ids, scores, attributes, status, timestamps,
 * tokens, category supercategory/colour, and resource labels in CSV ({@code DROPPED_FIELD});
 * empty spans with {@code end-offset=inclusive} ({@code DEGENERATE}); a span whose text differs
 * from the item's text ({@code SPAN_TEXT_MISMATCH}, offsets written); boxes outside [0, 1]
 * ({@link dev.labelport.formats.vertex.VertexFormat#OUTSIDE_IMAGE}, a note, or {@code CLAMPED}
 * with {@code clamp=true}). {@code xMax} is written as the shortest decimal from which
 * {@code xMax - xMin} gives back the box's width exactly, so a Vertex round trip keeps boxes
 * bit for bit. Items without a uri get {@code gcs-prefix} before their file name.
 *
 * <h2>Samples that verified these facts</h2>
 * <ul>
 *   <li>{@code vertex-ai/gcloud-docs-managed-datasets-export} (MANIFEST #44, docs examples):
 *       box coordinates as JSON strings, double spaces between keys, lower-case
 *       {@code training}/{@code validation}/{@code test}, single and multi-label keys.</li>
 *   <li>{@code vertex-ai/tflite-model-maker-salads_csv} (#43): the two-vertex CSV with empty
 *       columns, upper-case {@code TRAIN}/{@code TEST}, bare file names, consecutive rows of one
 *       image; converted to COCO with the images' sizes it agrees with Model Maker's COCO files
 *       within a pixel (Model Maker truncates to whole pixels).</li>
 *   <li>Not verified by any sample: text JSON Lines and CSV, the four-vertex form, and the
 *       offset unit (see above).</li>
 * </ul>
 */
package dev.labelport.formats.vertex;
