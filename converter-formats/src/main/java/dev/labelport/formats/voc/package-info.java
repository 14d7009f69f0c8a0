/**
 * Pascal VOC ({@code voc}, aliases {@code pascal-voc}, {@code pascal_voc}): one XML file per
 * image, a {@link dev.labelport.spi.FormatDescriptor.Layout#DIRECTORY directory} format.
 *
 * <h2>Layout</h2>
 * <pre>
 * Annotations/&lt;id&gt;.xml                    one per image; the id is the file's stem
 * ImageSets/Main/&lt;split&gt;.txt              ids of a split (train, val, trainval, test...)
 * ImageSets/Main/&lt;class&gt;_&lt;split&gt;.txt      "&lt;id&gt; -1", "&lt;id&gt;  1", "&lt;id&gt;  0" (devkit %2d)
 * JPEGImages/&lt;id&gt;.jpg                     images: read for sizes, never written
 * </pre>
 * The reader takes, in this order: a folder with {@code Annotations/} (plus
 * {@code ImageSets/Main} and {@code JPEGImages} when present); a flat folder of {@code *.xml}
 * files (images next to them, as LabelImg and the raccoon set keep them); a folder whose
 * sub-folders each hold {@code *.xml} files, the sub-folder's name being the split (Roboflow's
 * {@code train/ valid/} export); a single XML file (a one-item dataset; its id is the file's
 * stem; inside a devkit folder, {@code <root>/Annotations/<id>.xml}, its split comes from
 * {@code <root>/ImageSets/Main} and its image from {@code <root>/JPEGImages}, noted as
 * {@code FILES_BESIDE}: only that item is read); an empty folder (an empty dataset: that is what the writer leaves for no items, as it
 * cannot create empty folders). Anything else is an {@code InvalidInputException}. A zip is read
 * as the folder it holds (the pipeline mounts it). Files are listed by name (only the names are
 * held), sorted, and each is parsed when its item is asked for, so memory is per item.
 *
 * <h2>Parsing and hostile XML</h2>
 * The JDK's StAX parser ({@code javax.xml.stream}, module {@code java.xml}), not
 * jackson-dataformat-xml: VOC files are small and one per image, so the streaming that matters
 * is across files, and StAX needs no dependency and gives exact line/column locations. Each file's
 * size is checked against {@link dev.labelport.Limits#maxStringLength()} before it is read (an
 * oversized file is a {@code LimitExceededException}); its bytes are decoded here (byte-order
 * mark, the declaration's {@code encoding}, else UTF-8; a malformed byte is an
 * {@code InvalidInputException} at its line, column and byte offset) and parsed into a small
 * element tree, nesting bounded by {@code maxNestingDepth}. DTD support and external entities
 * are off, external DTD and schema access is denied, the resolver fails if called, and any
 * {@code DOCTYPE} is refused as soon as the parser reports it: XXE (a {@code SYSTEM} entity
 * naming a local file or URL), external DTDs and entity expansion (billion laughs) are all an
 * {@code InvalidInputException} located at the file, line and column; no file outside the input
 * is ever opened. Error locations name the file relative to the input
 * ({@code voc/Annotations/0001.xml:12:7}) and, for values, a path such as
 * {@code object[1].bndbox.xmin}. Under {@code ErrorPolicy.SKIP} a broken file is skipped
 * ({@code SKIPPED_RECORD}) and reading goes on.
 *
 * <h2>Fields</h2>
 * Element order does not matter ({@code <name>} after {@code <bndbox>}, {@code <height>} before
 * {@code <width>}, {@code xmin,xmax,ymin,ymax}); empty and self-closed elements read as empty
 * text.
 * <ul>
 * <li>item: id = the XML file's stem (a string id); {@code <filename>} is the file name (a
 *     {@code <filename>} whose stem differs from the XML's is reported as the note
 *     {@link dev.labelport.formats.voc.VocFormat#FILENAME_MISMATCH}, not an error);
 *     {@code <size>} width and height (whole numbers, checked against
 *     {@code maxImageDimension}). A missing or zero size leaves the model's size unknown and
 *     keeps the {@code <size>} element as written; so does a width or height that is not a whole
 *     number of pixels ({@code 640.5}, {@code -5}, text): no VOC coordinate depends on it, so it is
 *     reported as {@code INCONSISTENT_METADATA} (issue 13), and refused only in strict mode. {@code <folder>}, {@code <path>},
 *     {@code <source>}, {@code <depth>} and {@code <segmented>} are kept, as written, in the
 *     item's {@code "voc"} extension; so are the root's XML attributes (LabelImg's
 *     {@code verified="yes"}, under {@code xmlAttributes}) and any other element (under
 *     {@code elements}, e.g. VOC2007's {@code <owner>}). Unknown elements become JSON: text-only
 *     elements are strings, others objects with {@code "@attr"}, {@code "#text"} and child
 *     members (repeated names become arrays); the writer turns them back into the same
 *     elements.</li>
 * <li>object: category = {@code <name>} (required); geometry = the first {@code <bndbox>} as a
 *     {@code Box}, else an action {@code <point>} as a one-point {@code Points}, else a
 *     {@code Tag} (an object without a box). Attributes: {@code pose} (string),
 *     {@code truncated}, {@code difficult}, {@code occluded} ({@code 0}/{@code 1} as booleans,
 *     any other text kept as a string), {@code actions} (an object of action flags, same rule),
 *     and Datumaro's {@code <attributes><attribute><name/><value/></attribute></attributes>}
 *     ({@code true}/{@code false} as booleans, JSON numbers as numbers, else strings). Other
 *     children go to the annotation's {@code "voc"} extension as above.</li>
 * <li>parts: each {@code <part>} (person layout: head, hand, foot) is an annotation of its own,
 *     right after its object, with its own category and box, whose {@code groupId} is the
 *     parent object's annotation id. Writers of other formats see ordinary boxes (COCO reports
 *     the dropped group id); the VOC writer puts an annotation whose {@code groupId} names a
 *     top-level annotation of the same item back inside it as a {@code <part>}.</li>
 * <li>ids: VOC has none. Annotations are numbered 1, 2, ... across the whole input in reading
 *     order (parts included), categories 1, 2, ... by first use (a name is the class's
 *     identity); one {@code SYNTHESISED} note says so. Numeric ids keep COCO output free of
 *     re-indexing.</li>
 * <li>splits: {@code ImageSets/Main/<split>.txt} lists are read up front into a map of id to
 *     list membership (one entry per listed id; each list file is bounded by
 *     {@code maxStringLength} bytes; at most 62 lists). A list is a file without {@code _} in
 *     its name, or one whose first entry has a single column; {@code <class>_<split>.txt} lists
 *     are derived from the objects and are not read. Blank lines and {@code #} comments are
 *     skipped. An id in several lists takes train, val, test, other lists by name, and
 *     trainval last (it is the union of train and val); when there are several, all are kept in
 *     the extension's {@code splits} so the writer lists the item in each again. An id a list
 *     names without an XML file is read, after the files, as an image without objects (as
 *     Datumaro reads it; a {@code SYNTHESISED} note), its file name found in
 *     {@code JPEGImages}.</li>
 * <li>image sizes: {@link dev.labelport.spi.AnnotationSource#imageSize} reads the header of
 *     {@code JPEGImages/<filename>} (or the image next to a flat file) when the pipeline needs a
 *     size the XML lacks; only plain file names are resolved, never paths.</li>
 * </ul>
 *
 * <h2>Pixel convention ({@code pixels}, read and write)</h2>
 * VOC writes integers; the model holds pixel-edge floats (COCO's convention). See
 * {@link dev.labelport.formats.voc.PixelConvention}:
 * <ul>
 * <li>{@code one-based} (default, the VOC devkit: 1-based inclusive pixel indices):
 *     {@code x = xmin - 1}, {@code width = xmax - xmin + 1}; written
 *     {@code xmin = x + 1}, {@code xmax = x + width}. A box covering a whole W×H image is
 *     {@code 1,1,W,H}. (detectron2 reads VOC this way.)</li>
 * <li>{@code zero-based} (0-based inclusive indices): {@code x = xmin},
 *     {@code width = xmax - xmin + 1}; written {@code xmin = x}, {@code xmax = x + width - 1}.</li>
 * <li>{@code raw} (numbers are edges): {@code x = xmin}, {@code width = xmax - xmin}; written
 *     {@code xmin = x}, {@code xmax = x + width}. This is how TF Object Detection
 *     ({@code xmin / width}), TF Model Maker and Roboflow read and write VOC: the raccoon set's
 *     TF CSV and the Model Maker and Roboflow COCO files agree with their VOC files only under
 *     {@code raw} (tested). The same offsets apply to {@code y}/{@code height}, and the minimum
 *     offset to a {@code <point>}.</li>
 * </ul>
 * Fractional numbers ({@code 5.5}, {@code 1140.0}) are read as they are. A box whose maximum is
 * before its minimum (a negative size) is an {@code InvalidInputException}.
 *
 * <h2>Writing</h2>
 * One {@code Annotations/<stem>.xml} per image as it arrives, tab-indented like the devkit files,
 * without an XML declaration (UTF-8 is XML's default), LF line ends, deterministic. Element
 * order: {@code folder, filename, path, source,} other kept elements{@code , size, segmented,
 * object...}; within an object {@code name, pose, truncated, difficult, occluded, bndbox|point,
 * part..., actions, attributes,} other kept elements. Nothing of an image is copied: no
 * {@code JPEGImages}.
 * <ul>
 * <li>stem: a string item id as it is, else (numeric ids, e.g. COCO) the file name's stem, else
 *     the id; characters that cannot be in a file name or a list line (whitespace, controls,
 *     {@code / \ : * ? " < > |}) become {@code _}. An item whose stem differs from its id is
 *     reported as {@code REINDEXED}; stems that collide are renamed {@code <stem>_2},
 *     {@code _3}... (also {@code REINDEXED}). The stems written are held in memory to find
 *     collisions (the output folder holds the same set).</li>
 * <li>coordinates: {@code decimals=auto} (the default) writes as read: a VOC source's fractional
 *     coordinates come back as shortest decimals (a VOC → VOC write is lossless), and another
 *     format's are rounded half up to integers, reported once per annotation as
 *     {@code ROUNDING} (the devkit and most tools expect integers). {@code decimals=true} or
 *     {@code false} forces either.</li>
 * <li>geometry: boxes; polygons and rotated boxes as their box: the box the source stated beside
 *     the shape (COCO's {@code bbox}), derived from the shape's bounds only when there is none
 *     ({@link dev.labelport.model.Annotation#box()}, the one rule of every box-only writer;
 *     {@code APPROXIMATED_GEOMETRY}); a one-point {@code Points} as {@code <point>}; a
 *     {@code Tag} as an object without a box; everything else ({@code DROPPED_GEOMETRY}). A box
 *     with no area once written as VOC pixels is left out ({@code DEGENERATE}), so is an
 *     annotation without a category ({@code DROPPED_GEOMETRY}).</li>
 * <li>size: {@code <size>} with what is known (and {@code <depth>} from the extension). An image
 *     of unknown size gets no {@code <size>}: a note,
 *     {@link dev.labelport.formats.voc.VocFormat#MISSING_SIZE}, since nothing was lost but VOC
 *     tools expect one (give sizes with {@code ConversionOptions.imageSizes}).
 *     {@code <segmented>}, {@code <folder>}, {@code <path>} and {@code <source>} are written only
 *     from a {@code "voc"} extension (nothing is invented).</li>
 * <li>attributes: {@code pose}, the three flags (booleans as 1/0) and {@code actions} as VOC
 *     elements; other single-valued attributes in a Datumaro {@code <attributes>} block (read
 *     back typed, so a string {@code "true"} or {@code "42"} comes back as a boolean or number);
 *     object, array and null attributes are dropped ({@code DROPPED_ATTRIBUTE}).</li>
 * <li>lost fields ({@code DROPPED_FIELD}, one entry per record): annotation ids (not for a VOC
 *     source, whose ids the reader numbers again the same way), score, crowd, track id,
 *     annotator, status, timestamps, a group id naming no object of the item; item URI,
 *     dataset, metadata, status, timestamps, annotator; the dataset's category list (ids,
 *     supercategories, colours, unused categories) and name. Non-image items:
 *     {@code DROPPED_ITEM}. Characters XML 1.0 cannot hold become U+FFFD
 *     ({@code DROPPED_FIELD}).</li>
 * <li>lists: at {@code finish}, {@code ImageSets/Main/<split>.txt} for every split met (items
 *     without a split are in no list; with no split at all no {@code ImageSets} is written) and,
 *     unless {@code class-lists=false}, {@code <class>_<split>.txt} for every class of a
 *     top-level object and every split: {@code  1} when the image has a non-difficult object
 *     of the class, {@code  0} when only difficult ones, {@code -1} otherwise (the devkit's
 *     {@code %2d}). Parts are not classes. A class whose name cannot be a file name gets no list
 *     (the note {@link dev.labelport.formats.voc.VocFormat#NO_CLASS_LIST}). The lists come from
 *     one temporary spill file of {@code split, stem, class flags} lines (under the context's
 *     temp directory, deleted on close), read once per list: memory holds only the split and
 *     class names.</li>
 * </ul>
 *
 * <h2>Not handled</h2>
 * {@code SegmentationClass}/{@code SegmentationObject} PNGs, {@code ImageSets/Layout|Action|
 * Segmentation}, and Datumaro's {@code labelmap.txt} are neither read nor written.
 */
package dev.labelport.formats.voc;
