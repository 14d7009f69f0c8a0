/**
 * Generic annotation CSV, format id {@code csv}, alias {@code annotation-csv}: one row per
 * annotation, a header row, RFC 4180 quoting, UTF-8. Read and written with Apache Commons CSV.
 *
 * <h2>Layout (preset {@code labelport})</h2>
 * <pre>
 * image,width,height,split,item_id,annotation_id,label,category_id,type,x,y,w,h,angle,points,text,attributes,score,crowd,status,annotator,created,updated,extra
 * a.jpg,640,480,train,1,10,car,3,box,120,85.5,200,150,,,,"{""occluded"":false}",0.875,,LABELED,u7,2025-09-15T10:31:00Z,,
 * a.jpg,640,480,train,1,12,car,3,polygon,0,0,100,100,,"[[[[0,0],[100,0],[100,100]],[[10,10],[20,10],[20,20]]]]",,,,,,,,,
 * b.png,10,20,val,2,,,,,,,,,,,,,,,,,,,
 * </pre>
 * <ul>
 *   <li>{@code image}, {@code width}, {@code height}, {@code split}, {@code item_id}: the item,
 *       repeated on each of its rows. The item is keyed by {@code item_id}, else by
 *       {@code image} (which is then also its id). An item without annotations is one row with
 *       an empty {@code type} and empty annotation cells.</li>
 *   <li>{@code annotation_id}; {@code label} (category name, exact) and {@code category_id}
 *       (written only when the id is not the name; a category without an id column gets its
 *       name as id, as in every box preset).</li>
 *   <li>{@code type}: {@code box}, {@code rotated_box}, {@code polygon}, {@code polyline},
 *       {@code points}, {@code keypoints}, {@code mask}, {@code cuboid}, {@code tag},
 *       {@code caption} ({@link dev.labelport.model.GeometryKind#label()}). A hand-made row with
 *       an empty type and all of {@code x,y,w,h} is read as a box; an empty type with a label,
 *       id or points is an error.</li>
 *   <li>{@code x,y,w,h}: pixel-edge box ({@code box}); centre, size and {@code angle} in radians
 *       for {@code rotated_box} (the xywhr convention); for polygons, polylines, points,
 *       keypoints and masks {@link dev.labelport.model.Annotation#box()}: the box the source
 *       stated beside the shape (COCO's {@code bbox}, a YOLO pose box), else the shape's bounds
 *       (keypoints: the labelled ones). Read back, four numbers that differ from the shape's
 *       bounds are its object box; cells that are empty or not a box are ignored (informative
 *       columns never refuse a row).</li>
 *   <li>{@code points} (JSON): polygon = parts → rings (the outer ring first, then its holes) →
 *       {@code [x,y]} (GeoJSON MultiPolygon nesting, rings not repeated-closed); polyline and points
 *       {@code [[x,y],…]}; keypoints {@code [[x,y,v],…]} (COCO visibility 0/1/2, in the order of
 *       the category's keypoint names); mask {@code {"size":[h,w],"counts":[…] | "…"}} (COCO RLE,
 *       counts or compressed string, as held); cuboid {@code {"center":[x,y,z],"size":[l,w,h],
 *       "rotation":[yaw,pitch,roll]}}. Coordinates use the shortest decimal that reads back
 *       exactly.</li>
 *   <li>{@code text}: a caption's text. {@code attributes}: a JSON object. {@code score},
 *       {@code crowd} ({@code 1} or empty), {@code status} (raw), {@code annotator} (id),
 *       {@code created}, {@code updated} (raw text, parsed when they are dates).</li>
 *   <li>{@code extra} (JSON object) holds what has no column, only when present:
 *       {@code item} (on an item's first row: {@code uri}, {@code dataset}, {@code metadata},
 *       {@code status}, {@code status_canonical}, {@code created}, {@code updated},
 *       {@code annotator} {id, name}, {@code normalized}); {@code category} (on the first row of a
 *       category with more than an id and name: {@code supercategory}, {@code color},
 *       {@code keypoints} (names), {@code skeleton} (0-based pairs; an edge that is not a pair of
 *       indices is left out and reported as {@code INCONSISTENT_METADATA}, never refused: no
 *       geometry reads it), {@code attribute_schema});
 *       {@code group_id}, {@code track_id}, {@code removed}, {@code annotator_name},
 *       {@code status_canonical} (when it is not what the raw status maps to) and
 *       {@code id_types} (an id column whose text would read back as the other type: ids that
 *       look like canonical integers, {@code 42} but not {@code 007}, read as numbers).</li>
 *   <li>Columns of no preset are kept: per row in the annotation's (or, for an item without
 *       annotations, the item's) extension {@code csv.columns} (non-empty cells only), and the
 *       header's order in the header extension, so a same-format write puts them back.</li>
 * </ul>
 *
 * <h2>Presets (detected from the header on reading, or option {@code read-preset}; option {@code preset} on writing)</h2>
 * <ul>
 *   <li>{@code tensorflow}: {@code filename,width,height,class,xmin,ymin,xmax,ymax} (Roboflow,
 *       datitran's raccoon set). Box {@code x=xmin, w=xmax-xmin}: the corners are taken as
 *       pixel edges, as TF's {@code generate_tfrecord.py} does when it divides them by the size.
 *       FORMATS.md §8 says Roboflow writes pixels and panlabel's docs say normalised: option
 *       {@code units} = {@code pixels}, {@code normalized} or {@code auto} (default: normalised
 *       when every corner in the file lies within [0, 1] and one is fractional; noted as
 *       {@link dev.labelport.formats.csv.CsvFormat#UNITS_DETECTED}). The raccoon CSV copies its
 *       VOC files' integers unchanged (raccoon-1: 81,88,522,408 in both), and VOC integers are
 *       1-based inclusive: the VOC reader's canonical box is one pixel larger ({@code x=xmin-1},
 *       {@code w=xmax-xmin+1}). {@code CsvExternalDataTest} checks all 217 boxes.</li>
 *   <li>{@code vott}: {@code image,xmin,ymin,xmax,ymax,label}, pixels, no size. VoTT quotes the
 *       header and strings, not numbers; a same-format write does the same.</li>
 *   <li>{@code openimages}: {@code ImageID,Source,LabelName,Confidence,XMin,XMax,YMin,YMax,
 *       IsOccluded,IsTruncated,IsGroupOf,IsDepiction,IsInside} (note XMin,XMax,YMin,YMax),
 *       normalised: items are {@link dev.labelport.model.Item#normalized()} with no size and no
 *       file name (id = ImageID). {@code Confidence} → score (0 is a verified negative label),
 *       {@code Source} and the five flags (−1 = unknown, kept as −1) → attributes under their
 *       column names. Without box columns (image-level label files) rows are
 *       {@link dev.labelport.model.Tag}s. The segmentation file's {@code BoxXMin…BoxYMax} are read
 *       as the box; {@code MaskPath}, {@code BoxID}, {@code PredictedIoU}, {@code Clicks} stay as
 *       extension columns (the mask PNG is not read). Class descriptions, image lists and the
 *       hierarchy are not annotation files and are refused. Label names stay MIDs
 *       ({@code /m/0}).</li>
 *   <li>Corners read back exactly: when {@code x + w} does not give the corner text's value back
 *       in doubles, the text is kept in {@code csv.derived} and reused while the box is unchanged.</li>
 *   <li>Roboflow's one-hot {@code filename, label_0, label_1} table (multi-label classification)
 *       is not one of these layouts and is refused with the header it found.</li>
 * </ul>
 *
 * <h2>Reading</h2>
 * <ul>
 *   <li><b>Two passes, bounded memory.</b> The first pass parses the file as ISO-8859-1 (so a
 *       character position is a byte offset and the CSV structure is the same as in UTF-8),
 *       checks each row's column count and indexes rows by item key in
 *       {@link dev.labelport.internal.GroupingIndex} (about 28 bytes per row); the second parses
 *       each item's rows again from their bytes, as UTF-8. <b>Scattered rows</b> (VoTT's own
 *       {@code train-export.csv} lists {@code img0003.jpg} on rows 1 and 3) are grouped, not
 *       refused: rows are copied into bucket files by {@link dev.labelport.internal.ChildBuckets}
 *       and items come out in the order of their first row, noted once as
 *       {@link dev.labelport.formats.csv.CsvFormat#REGROUPED_ROWS}. When rows are consecutive they
 *       are read in place. Memory: the index, one bucket (4 MiB) and one item; a scattered
 *       400k-row CSV converts under {@code -Xmx64m} ({@code CsvMemoryBoundTest} in converter-bench).
 *       An item's cells (image, size, split, {@code extra.item}) come from its first row; later
 *       rows' item cells are not compared.</li>
 *   <li><b>Dialect.</b> Comma, {@code "} quoting with doubled quotes, line breaks inside quoted
 *       cells, LF or CRLF, a leading UTF-8 BOM (remembered with the line ending and a quoted
 *       header for same-format writes), blank lines skipped. Header names are trimmed; preset cells
 *       are trimmed (Roboflow writes {@code ", "}); labelport cells are exact. An empty cell is
 *       absent, so empty strings (a file name, an id) read back as absent.</li>
 *   <li><b>Errors</b> are {@link dev.labelport.error.InvalidInputException}s naming the file,
 *       the line where the row starts (line breaks inside quoted cells counted), and a path
 *       {@code row N column NAME} (N counts data rows from 1): a wrong column count, a cell that
 *       is not a decimal number (hex, {@code NaN}, suffixes refused), bad JSON, an unknown type,
 *       an unterminated quote (reported at the line where its row starts), bytes that are not
 *       UTF-8, NUL bytes, a header of no preset. Under the lenient policy a bad row is skipped and
 *       reported ({@code SKIPPED_RECORD}); an unterminated quote is always fatal.</li>
 *   <li><b>Limits.</b> A record longer than {@code maxLineLength} characters (checked while
 *       reading, before the row is kept), {@code maxPolygonVertices} points in a cell,
 *       {@code maxRleCounts}, {@code maxImageDimension}, {@code maxCategories} distinct
 *       categories; JSON cells obey the string and nesting limits.</li>
 *   <li><b>Image sizes</b> for conversions that need pixels (Open Images to anything) come from
 *       image headers in option {@code images} (default: the CSV's folder): the row's file name, or
 *       {@code <ImageID>.jpg/.jpeg/.png}.</li>
 *   <li><b>Truncation</b> is caught when the cut falls inside a quoted cell or leaves a row
 *       short; a file cut exactly between rows is a valid shorter file (CSV has no end marker).</li>
 *   <li>The header lists no categories: they are met while streaming.</li>
 * </ul>
 *
 * <h2>Writing and losses</h2>
 * <ul>
 *   <li>Options: {@code preset} (auto = as read, else labelport; reading has its own key,
 *       {@code read-preset}, so one {@code --option preset=...} does not force the reader too),
 *       {@code line-ending} ({@code lf}/{@code crlf}, auto = as read, else LF), {@code bom} (auto = as read, else
 *       none), {@code quote} ({@code minimal}: only cells that need it; {@code strings}: every
 *       non-number cell; auto = strings when the header read was quoted).</li>
 *   <li>{@code writesNormalized()} is false: the pipeline gives pixels (scaling normalised items
 *       with their size), and the Open Images writer divides by the item's width and height,
 *       failing with {@code MISSING_IMAGE_SIZE} naming the item when it has none. A
 *       {@code normalized} item given straight to the writer is kept as such by labelport
 *       ({@code extra.item.normalized}) and scaled by the box presets.</li>
 *   <li>labelport loses: text items ({@code DROPPED_ITEM}), text spans and token tags
 *       ({@code DROPPED_GEOMETRY}), the dataset name and categories no annotation uses
 *       ({@code DROPPED_FIELD}); other formats' extension fields are reported by the pipeline.</li>
 *   <li>Box presets: rotated boxes, polygons, polylines, points, keypoints and masks become their
 *       box, the one the source stated beside them else their bounds
 *       ({@link dev.labelport.model.Annotation#box()}; {@code APPROXIMATED_GEOMETRY}); tags (except Open Images), captions and
 *       cuboids are dropped ({@code DROPPED_GEOMETRY}); annotation ids, attributes (Open Images
 *       keeps {@code Source} and the flags), scores (Open Images keeps Confidence), crowd,
 *       status, annotator, timestamps, group/track ids ({@code DROPPED_FIELD},
 *       {@code DROPPED_ATTRIBUTE}); item ids other than the file name and category ids other
 *       than the name ({@code REINDEXED}); splits, URIs, metadata (and sizes for VoTT and Open
 *       Images, file names for Open Images) ({@code DROPPED_FIELD}); items without annotations
 *       ({@code DROPPED_ITEM}).</li>
 * </ul>
 */
package dev.labelport.formats.csv;
