/**
 * YOLO label folders, format id {@code yolo}, aliases {@code ultralytics} and {@code darknet}:
 * a {@link dev.labelport.spi.FormatDescriptor.Layout#DIRECTORY directory format} (a folder or a
 * zip), read and written streaming, one image at a time. A dataset's config file given as the
 * input ({@code data.yaml} or any {@code .yaml}/{@code .yml}, a Darknet {@code obj.data}) stands for
 * the folder that holds it, read with that file rather than another config beside it; a
 * {@code FILES_BESIDE} note says so (issue 13). Detection scores such a file 85 (yaml with
 * {@code train}/{@code val}/{@code names}/{@code nc}) or 90 ({@code obj.data}).
 *
 * <h2>Layouts</h2>
 * <ul>
 *   <li><b>Ultralytics</b>: {@code data.yaml} (also {@code data.yml}, {@code dataset.yaml} or the
 *       only {@code *.yaml} at the root) with {@code train}/{@code val}/{@code test} given as a
 *       folder, a list of folders or a {@code .txt} list of images, relative to {@code path}
 *       (an absolute {@code path}, from the trainer's machine, is ignored: the yaml's folder stands
 *       for it) and, as Ultralytics does, without a leading {@code ../} when that does not exist
 *       (Roboflow writes {@code ../train/images}); {@code names} as a list or an
 *       {@code index: name} map (quoted keys allowed); {@code nc}, {@code kpt_shape},
 *       {@code flip_idx}. Images in {@code images/<split>} with labels in
 *       {@code labels/<split>}, or {@code <split>/images} + {@code <split>/labels}: a label is
 *       found by Ultralytics' rule (the last {@code images} folder of the image path replaced by
 *       {@code labels}, the extension by {@code .txt}), then beside the image. Other top-level
 *       keys whose value exists under the root are further splits.</li>
 *   <li><b>Darknet / CVAT "YOLO 1.1"</b>: {@code obj.data} ({@code classes}, {@code train},
 *       {@code valid}, {@code test}, {@code names}), {@code obj.names}, list files such as
 *       {@code train.txt}, labels beside the images in {@code obj_<split>_data/}. Paths in
 *       {@code obj.data} and in the lists lose leading folders until they are found (CVAT writes
 *       {@code data/train.txt} and {@code data/obj_train_data/1.jpg}, as datumaro's
 *       {@code strict} sample shows). {@code valid} is read as the split {@code val}. As in
 *       Darknet's {@code read_data_cfg}, a line that is not {@code key = value} is skipped and a
 *       {@code classes} that is not a count is ignored (the names give the classes), each reported
 *       as {@code INCONSISTENT_METADATA}.</li>
 *   <li><b>Plain</b>: labels next to the images (or in a {@code labels} folder beside
 *       {@code images}, as Label Studio exports), names in {@code classes.txt}, {@code obj.names}
 *       or the only {@code *.names} at the root, or no names file at all. The folder pairs
 *       {@code Images}/{@code Annotations}, {@code JPEGImages}/{@code labels} and
 *       {@code images}/{@code labelTxt} are recognised too.</li>
 * </ul>
 * When a split declared in data.yaml or obj.data does not exist (Roboflow's
 * {@code val: ../valid/images} beside a {@code val/} folder), the whole folder is read with
 * splits taken from the folder names ({@code images/<split>/} or {@code <split>/images/}) and
 * {@link dev.labelport.formats.yolo.YoloFormat#SPLIT_NOT_FOUND} is noted. Without declared
 * splits the whole folder is read the same way. A folder listed under two keys is read once.
 * Folders are walked in sorted order, one directory listing in memory per level (a folder of a
 * million images costs its listing); hidden files and {@code __MACOSX} are skipped.
 *
 * <p><b>Which {@code .txt} files are labels.</b> The label of an image (by the rules above);
 * a {@code .txt} file no image claims when it sits in a label folder ({@code labels},
 * {@code obj_*_data}...); elsewhere, a {@code .txt} file whose first non-blank line is a class
 * index followed by numbers, or that is blank. Names files, list files, data.yaml and
 * {@code README*}/{@code LICENSE*} are never labels (datumaro's {@code labels/README.txt}).
 *
 * <h2>Label lines and tasks</h2>
 * <pre>
 * detect   cls cx cy w h            [conf]
 * segment  cls x1 y1 x2 y2 ... xn yn [conf]     n &gt;= 3
 * obb      cls x1 y1 x2 y2 x3 y3 x4 y4 [conf]
 * pose     cls cx cy w h  px1 py1 [v1] ... pxK pyK [vK]  [conf]    kpt_shape [K, 2|3]
 * classify &lt;split&gt;/&lt;class&gt;/&lt;image&gt; folders, no label files
 * </pre>
 * Values are separated by spaces or tabs; CRLF, blank lines, a missing final newline and
 * 17-digit floats are read; a number must match {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?} (no
 * NaN, infinities, hex or Java's {@code d}/{@code f} suffixes); a class may be written
 * {@code 3.0}. A line of 4 numbers is a box and 5 a box with a confidence, in every task; 6 or
 * more is a ring of x y pairs (OBB corners and segment polygons read alike), an odd count ending
 * with a confidence; in a pose dataset, {@code 4 + K·D} (+1) numbers are a pose line. Anything
 * else fails with file, line and column.
 *
 * <p><b>Task detection</b> (option {@code task} overrides): a classify manifest or class
 * folders → classify; {@code kpt_shape} → pose; else the counts of the first 200 lines of the
 * first 20 label files with content: only 4/5 → detect, only 8/9 → obb, anything else →
 * segment. The task and whether a confidence column was seen go into the header extension.
 * A 4-point segment dataset therefore reads as obb: the annotations are the same polygons, only
 * the task name (and so a later write's default) differs; pass {@code task=segment} to keep it.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>One image {@link dev.labelport.model.Item} per image (or per label file without an
 *       image), {@link dev.labelport.model.Item#normalized() normalised}: geometry in fractions
 *       of the image size, width and height {@code null}. Id and file name = the image path
 *       relative to the dataset root ({@code images/train/0001.jpg}); for a label without its
 *       image, the path the image would have without an extension ({@code images/train/0001}).
 *       Split = the data.yaml key, the Darknet list, or the folder name. An image with no
 *       label file, or an empty one, is an item without annotations.</li>
 *   <li>Image sizes: {@link dev.labelport.spi.AnnotationSource#imageSize} reads the image's
 *       header with {@link dev.labelport.formats.images.ImageHeaders#read} when the pipeline
 *       needs pixels (YOLO → COCO); nothing is cached, and a YOLO → YOLO conversion reads no
 *       image.</li>
 *   <li>Boxes: {@code Box(cx - w/2, cy - h/2, w, h)}. Segment and OBB lines: a one-ring
 *       {@link dev.labelport.model.Polygon} (OBB corners in their order; a
 *       {@link dev.labelport.model.RotatedBox} in normalised space would not be a rectangle for
 *       a non-square image). Pose: {@link dev.labelport.model.Keypoints} with the line's box as
 *       the annotation's {@link dev.labelport.model.Annotation#objectBox() object box} (it is not
 *       the keypoints' extent: COCO writes it as the {@code bbox}, box-only targets get it, Avala
 *       reports it dropped); with 2 values per point,
 *       visibility is 0 for {@code 0 0} and 2 otherwise; with 3 it must be 0, 1 or 2.
 *       Classify: a {@link dev.labelport.model.Tag}. The confidence is the annotation's score.
 *       Annotations have no id.</li>
 *   <li>Classes: category id = the class index as read ({@code Id.of(3)}), name from the names;
 *       a class beyond the names is an error. Without any names file, classes are named
 *       {@code class_<i>} (Ultralytics' default) when met, and each is noted as
 *       {@code SYNTHESISED}; so is {@code nc} without {@code names}.</li>
 *   <li>Header extension {@code yolo}: {@code layout}, {@code task}, {@code names_file},
 *       {@code predictions} (a confidence column was read), {@code kpt_shape},
 *       {@code flip_idx}: a same-format write keeps the layout, task, confidences and pose
 *       shape it read.</li>
 * </ul>
 *
 * <h2>Writing</h2>
 * Options (writer side, {@code --option} or {@code ConversionOptions.writerOptions}):
 * <ul>
 *   <li>{@code layout=auto|ultralytics|darknet|plain} (auto: as read, else ultralytics).
 *       Ultralytics: {@code data.yaml} ({@code train}/{@code val}/... as the image folders
 *       used, {@code nc}, {@code names} as an index map, {@code kpt_shape} and
 *       {@code flip_idx} for pose; no {@code path}, so the yaml's folder is the root; when
 *       only one of train and val exists, the other key repeats it, because Ultralytics requires
 *       both), labels at {@code labels/<split>/<stem>.txt}. An item whose file name already has
 *       an {@code images} folder keeps its path ({@code images/val/a.jpg} →
 *       {@code labels/val/a.txt}), unless neither its split nor its path names a split
 *       ({@code images/a.jpg} becomes {@code images/train/a.jpg}: a key declared as
 *       {@code images} would take in every split below it); an item without a split goes to {@code train}
 *       ({@code SYNTHESISED}, once). Darknet: {@code obj.data}, {@code obj.names},
 *       {@code <split>.txt} lists of {@code data/<image>} (val is written as {@code valid}),
 *       labels in {@code obj_<split>_data/}. Plain: labels beside the image path,
 *       {@code classes.txt} (or the names file read); splits are reported as
 *       {@code DROPPED_FIELD} when the path does not imply them.</li>
 *   <li>{@code task=auto|detect|segment|pose|obb|classify} (auto: as read, else pose when a
 *       header category has keypoint names, else the kind of the first annotation written: box →
 *       detect, polygon → segment, keypoints → pose, rotated box → obb, tag → classify; items
 *       before that first annotation get empty label files, even when the task turns out to be
 *       classify).</li>
 *   <li>{@code classes=by-id|by-name|PATH}: the class index of each category, never an
 *       implicit off-by-one. {@code by-id} (default): from a YOLO source the category id is the
 *       index; otherwise categories are ranked by id (COCO 1, 2, 4 → 0, 1, 2).
 *       {@code by-name}: ranked by name. {@code PATH}: a names file, line i = class i; an
 *       annotation whose category is not in it is left out as
 *       {@link dev.labelport.formats.yolo.YoloFormat#UNKNOWN_CLASS}. Categories met only in
 *       items get the next index. Every category written under an index other than its id is
 *       reported once as {@code REINDEXED}; unused indices below the largest get
 *       {@code class_<i>} names ({@code SYNTHESISED}).</li>
 *   <li>{@code precision=auto}: 6 decimals, or {@code shortest} when the YOLO files read had
 *       more than 6 (the reader notes the most digits after a point in the label lines it
 *       samples for the task, under {@code yolo.derived.decimals}), so a YOLO → YOLO write of
 *       files with 17-digit floats keeps every value: {@code shortest} writes the shortest
 *       decimal that reads back as the same double. Otherwise decimals, 0–20, written by
 *       {@link dev.labelport.formats.yolo.FixedDecimal} (no {@code String.format}): correctly
 *       rounded, half to even, as {@code printf("%.6f")}; no {@code -0.000000}. A value with
 *       more decimals than that is reported as {@code ROUNDING}, once per annotation (values
 *       computed from pixels usually are: COCO → YOLO reports most annotations).</li>
 *   <li>{@code clamp=false}: coordinates outside [0, 1] (a box by its edges) are written as
 *       they are and reported as {@link dev.labelport.formats.yolo.YoloFormat#OUT_OF_RANGE}, a
 *       note (the value is kept; trainers may reject the line); with {@code clamp=true} they are
 *       clamped (a box by its edges) and reported as {@code CLAMPED}, a loss.</li>
 *   <li>{@code predictions=auto|true|false}: write the score as a trailing confidence column
 *       (auto: as read). A prediction without a score is written with confidence 1
 *       ({@code SYNTHESISED}); without prediction mode a score is a {@code DROPPED_FIELD}.</li>
 *   <li>{@code kpt-shape=KxD} (also a reader option): the pose shape when neither data.yaml
 *       nor the header gives it (default: the first keypoints' count, 3 values per point).</li>
 * </ul>
 * Items arrive normalised (written as they are) or in pixels with a size (divided by it, with
 * {@link dev.labelport.model.Geometries#scale}); a pixel item with spatial geometry and no size
 * cannot reach the writer (the pipeline fails first), and is refused with
 * {@code UNSUPPORTED_CONVERSION} if it does. Every image gets a label file, an empty one when it
 * has nothing to write: negatives never vanish. Label files are created one at a time; two
 * images with one stem in one folder collide, and the second is reported as
 * {@code DROPPED_ITEM}.
 *
 * <p><b>Geometry rules</b> (all reported as {@code APPROXIMATED_GEOMETRY} unless said):
 * <ul>
 *   <li>detect: polygon, rotated box, polyline, points, keypoints →
 *       {@link dev.labelport.model.Annotation#box()}, the one rule of every box-only writer: the
 *       box the source stated beside the shape (COCO's {@code bbox}, a YOLO pose box), derived
 *       from the shape (its bounds; keypoints: the labelled points) only when there is none, as
 *       Ultralytics' {@code convert_coco}, globox and Datumaro take COCO's {@code bbox}; a mask
 *       has no line in detect ({@code DROPPED_GEOMETRY}); zero-size box → {@code DEGENERATE}.</li>
 *   <li>segment: several parts → the largest part by area (FORMATS.md §3.2 leaves the choice
 *       open; Ultralytics' zero-width-bridge merge changes the shape's area and is not
 *       implemented); holes dropped; box and rotated box → their 4 corners; fewer than 3 points
 *       → {@code DEGENERATE}.</li>
 *   <li>obb: a one-ring 4-point polygon as it is; rotated box and box → their corners (exact,
 *       not reported); another polygon → the corners of its bounds (Ultralytics would fit a
 *       minimum-area rectangle; the bounds are simpler and documented).</li>
 *   <li>pose: keypoints whose count differs from {@code kpt_shape} → {@code DROPPED_GEOMETRY};
 *       the box is the object box (a YOLO pose line's, a COCO {@code bbox}), else the bounds of
 *       the labelled points; a
 *       box alone gets K unlabelled points; with 2 values per point, occluded points (1) are
 *       written as visible and unlabelled ones as {@code 0 0}.</li>
 *   <li>classify: the first tag's class; extra tags and other geometry →
 *       {@code DROPPED_GEOMETRY}; an image without a tag → {@code DROPPED_ITEM}.</li>
 *   <li>segment: a mask → the polygon of its pixel outline ({@code dev.labelport.masks.Contours};
 *       {@code APPROXIMATED_GEOMETRY}), then as any polygon (largest part, no holes); an empty
 *       mask is {@code DEGENERATE}.</li>
 *   <li>anything else (masks in the other tasks, captions, text, cuboids) → {@code DROPPED_GEOMETRY}; an
 *       annotation without a category → {@code UNKNOWN_CLASS}.</li>
 * </ul>
 * Annotation ids, attributes, crowd flags, group/track ids, annotators, status and timestamps
 * are {@code DROPPED_FIELD} (one per annotation, through {@code SetFields.unheld}), as are an
 * item's URI, metadata, status...; the image size is not reported (it is implied by
 * normalisation and read back from the image). Keypoint names, skeletons, supercategories and
 * colours of categories are reported once per category.
 *
 * <p><b>Classify writes.</b> The class folders of Ultralytics' classify layout are the
 * annotation, so a classify write lays the images out as {@code <split>/<class>/<image>}, the
 * tree Ultralytics trains from (issue 13): each image the source can reach
 * ({@link dev.labelport.spi.AnnotationSource#imageFile}: a YOLO folder, a VOC folder, a CSV's
 * {@code images} folder) is copied there, or hard- or symbolically linked with
 * {@code classify-images=hardlink|symlink} (a link the output cannot make, in a zip or across
 * file systems, is a copy, noted once as {@link dev.labelport.formats.yolo.YoloFormat#LINKS_COPIED}).
 * It also writes {@code classify/names.txt} (line i = class i; Ultralytics ignores the folder)
 * and one manifest per split, {@code classify/<split>.txt}, of {@code <class>/<image file name>}
 * lines, so reading the output back gives the same classes at the same indices. An image the
 * source cannot reach, or whose name is already taken in its class folder, stays in the
 * manifest only; {@code classify-images=list} writes the manifests alone; either is noted once
 * as {@link dev.labelport.formats.yolo.YoloFormat#IMAGES_NOT_COPIED} with the count. Reading such
 * a folder gives the items back ({@code <split>/<class>/<image>}, a Tag each); reading real class
 * folders ({@code train|val|valid|test/<class>/<image>}) names the classes in sorted order, as
 * Ultralytics does.
 *
 * <h2>data.yaml subset</h2>
 * Read by {@code YamlLite}, not a YAML library: block mappings and sequences, flow sequences
 * and mappings (also over several lines), plain, single- and double-quoted scalars, literal and
 * folded block scalars (Ultralytics' {@code download: |} scripts, kept as text), comments and a
 * leading {@code ---}. Anchors, aliases, tags, complex and merge keys, directives, several
 * documents, tabs in indentation, duplicate keys and control characters are refused with file,
 * line and column. Bounded: 4 MiB per config file, 32 levels, {@code maxCategories + 1000}
 * entries.
 *
 * <h2>Limits</h2>
 * {@code maxLineLength} per label line, {@code maxPolygonVertices} per ring (checked before the
 * line's numbers are kept), {@code maxCategories} for names and class indices.
 */
package dev.labelport.formats.yolo;
