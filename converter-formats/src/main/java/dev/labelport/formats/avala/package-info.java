/**
 * Avala grouped JSON export ({@code avala}, alias {@code avala-json-external}).
 *
 * <h2>Layout</h2>
 * One JSON object, read as a file or from inside a zip archive (Avala's export download is a
 * zip): the archive must hold exactly one {@code .json} file (macOS {@code __MACOSX/} and hidden
 * entries are ignored), which is copied to a temporary file, read, and deleted; errors then name
 * {@code export.zip!/export.json}. An entry that inflates past 200 times its compressed size and
 * past 64 MB is refused as a zip bomb.
 * <pre>{@code
 * {"scheme_version": "1.0",
 *  "export_info": {"name": "cars", "created_at": "2025-01-21T10:00:00Z",
 *                  "format": "avala-json-external", "filter_query_string": null},
 *  "datasets": [{"uid": "d1", "name": "street",
 *                "items": [{"uid": "i1", "ref_id": "img_0001.jpg", "metadata": {"weather": "rainy"}}]}],
 *  "projects": [{"uid": "p1", "name": "det", "labels": [{"name": "car", "color": "#ff0000"}]}],
 *  "results":  [{"uid": "r1", "dataset_item_uid": "i1", "project_uid": "p1",
 *                "annotations": [{"uid": "a1", "type": "bounding_box", "label": "car",
 *                                 "coordinates": {"x": 120.0, "y": 85.5, "width": 200.0, "height": 150.0},
 *                                 "attributes": {"occluded": false},
 *                                 "created_by": "user_1", "created_at": "2025-09-15T10:30:00Z"}]}]}
 * }</pre>
 * The writer emits the keys in this order (top level: scheme_version, export_info, datasets,
 * projects, results, then any other top-level keys read). Option {@code pretty=true} indents.
 *
 * <h2>Mapping</h2>
 * <ul>
 * <li>Header: name = {@code export_info.name}, source version = {@code scheme_version}; the whole
 *     {@code export_info}, the dataset table ({@code uid, name}), the project table and unknown
 *     top-level keys go to the header's {@code "avala"} extension, so that datasets and projects
 *     without items or labels survive a round trip. Categories = all project labels, projects in
 *     file order, labels in order.</li>
 * <li>Categories are scoped by project (the same label name may exist in several projects):
 *     category id = {@code "<project uid>:<label name>"}, name = label name, colour kept as written
 *     (its format is undocumented), project uid/name and unknown label keys in the category's
 *     {@code "avala"} extension. A label used in a result but missing from its project's label list
 *     gets a category made up on first use, reported once as {@code SYNTHESISED} and marked
 *     {@code "undeclared": true} so the writer does not add it to the project's labels. A label
 *     declared twice in one project is one category (annotations name their label): the first
 *     declaration stands and the second is reported as {@code INCONSISTENT_METADATA}.</li>
 * <li>Items: {@code uid} → id (uids are opaque strings; non-hex "uuids" such as
 *     {@code 880b0700-h51e-…} are fine), {@code ref_id} → file name (it is the customer reference,
 *     usually the image name; the export has no media URI), {@code metadata} → metadata, dataset name
 *     → {@link dev.labelport.model.Item#dataset()}. The item's {@code "avala"} extension holds
 *     {@code dataset_uid}, {@code results} (the item's results in file order: {@code uid},
 *     {@code project_uid} and unknown result keys, so that grouping and empty results survive) and
 *     unknown item keys. Items without results are kept, with no annotations. All items are
 *     images.</li>
 * <li>Annotations: {@code uid} → id, {@code label} → the project's category, {@code attributes}
 *     (any JSON) → attributes, {@code created_by} → annotator id, {@code created_at} → created
 *     timestamp (raw text kept). The {@code "avala"} extension holds {@code result} (index into the
 *     item's results), unknown annotation keys, unknown keys inside geometry objects
 *     ({@code coordinates_extra}, {@code center_extra}...) and keypoint names.</li>
 * </ul>
 *
 * <h2>Annotation types</h2>
 * <ul>
 * <li>{@code bounding_box} → Box. Read from {@code coordinates: {x, y, width, height}} (export shape)
 *     or from flat {@code x, y, width, height} on the annotation (annotation-type page); always
 *     written nested. Pixels, top-left + size. A negative width or height is an error.</li>
 * <li>{@code polygon} → Polygon of one part: {@code vertices: [[x, y], ...]}, pixels, implicitly
 *     closed ({@code {x, y}} objects are read too). {@code polyline} → Polyline, same field.</li>
 * <li>{@code cuboid} → Cuboid: {@code center {x,y,z}}, {@code dimensions {length,width,height}}
 *     (metres), {@code rotation {yaw,pitch,roll}} (radians; a missing rotation or angle reads as 0).</li>
 * <li>{@code keypoints} → Keypoints. Field names are not documented; decision: written as
 *     {@code points: [{x, y, visibility}]} with COCO visibility 0/1/2, plus {@code name} when the
 *     source had names. Read liberally: key {@code points} or {@code keypoints}; each point an
 *     object with {@code x, y} and {@code visibility} (or {@code v}, 0–2) or {@code visible}
 *     (boolean: true = 2, false = 1), default 2; or an array {@code [x, y]} / {@code [x, y, v]}.</li>
 * <li>{@code classification} → Tag.</li>
 * </ul>
 * <p><b>Placement.</b> Every type's geometry is read both flat on the annotation (as the
 * annotation-type page lists {@code vertices}, {@code center}...) and nested under a
 * {@code coordinates} object (as the export shape nests the box); a member given in both places is
 * an error at the nested one. Unknown members of a nested {@code coordinates} are kept: the box's
 * as {@code coordinates_extra}, the other types' as an unknown annotation key
 * {@code coordinates}, written back after the annotation's known keys. The writer nests the box
 * (the documented export shape and the seeds) and writes the other types flat, the only placement
 * the documentation shows for them, so a reader that knows just the documented shapes reads
 * every file this writer makes.
 * Any other type (segmentation masks: their fields are undocumented) is an error at the
 * {@code type} value, or skipped and reported under the SKIP policy. Geometry fields a type does not
 * use are kept in the extension as read.
 *
 * <h2>Errors</h2>
 * A result whose {@code dataset_item_uid} names no item, or whose {@code project_uid} names no
 * project, fails at open with the location of that field (line, byte offset, path
 * {@code results[i].dataset_item_uid}); under SKIP each such result is reported and left out.
 * Duplicate item uids and items without uid fail the same way. Other errors in an item, result or
 * annotation name the line and path within the whole file.
 *
 * <h2>Memory</h2>
 * Items and results are separate arrays in any order. The reader streams the file once, keeping
 * per item its uid and byte range (via {@link dev.labelport.internal.GroupingIndex}) and per result
 * its byte range and project, then re-parses each item with its results from those ranges. When
 * the results do not come in item order they are first copied, in one sequential pass, into bucket
 * files by item range ({@link dev.labelport.internal.ChildBuckets}), so that re-reading them costs
 * no random reads. The
 * writer spills each dataset's items and their results (two temporary files per dataset: Avala
 * exports hold a handful) and assembles the output in {@code finish()}, so items are listed by
 * dataset (datasets in order of first use) and results in the order of their items; spills are
 * deleted on close.
 *
 * <h2>Writing from other formats, and losses</h2>
 * <ul>
 * <li>Categories without an Avala project go to one project named by option {@code project-name}
 *     (default {@code labelport}; uid = name), reported once as {@code SYNTHESISED}. Category ids
 *     cannot be kept ({@code REINDEXED}); supercategory, keypoint names, skeleton and attribute
 *     schema are {@code DROPPED_FIELD}.</li>
 * <li>Items without an Avala dataset go to the dataset named by the item's dataset name (uid =
 *     name) or option {@code dataset-name} (default {@code labelport}) ({@code SYNTHESISED}, once).
 *     Numeric item ids are written as uid strings (not reported: the value is kept). Annotations
 *     with no Avala result go to the item's first result of their project, or to a new result with
 *     uid {@code <item uid>:<project uid>} ({@code SYNTHESISED}, once).</li>
 * <li>{@code DROPPED_FIELD}: image size, media URI, split, item/annotation status, item
 *     timestamps and annotator, item text, score, crowd, group and track ids, update time, removed
 *     flag, annotator name (Avala keeps {@code created_by} as an id only).</li>
 * <li>{@code DROPPED_GEOMETRY}: masks, captions, text spans, token tags, and annotations without a
 *     category (an Avala annotation needs a label).</li>
 * <li>{@code APPROXIMATED_GEOMETRY}: rotated box → polygon of its four corners; points → keypoints
 *     all visible; polygon holes dropped; a polygon of several parts → one polygon annotation per
 *     part (the first keeps the uid).</li>
 * <li>A header from another format gets {@code scheme_version} "1.0" and, without an export time,
 *     {@code export_info.created_at} = now ({@code SYNTHESISED}). Other formats' extension fields
 *     are not written; the pipeline reports each as {@code DROPPED_FIELD}.</li>
 * </ul>
 * A same-format round trip is lossless: uids, ref_ids, metadata, attributes, created_by/at, result
 * uids and grouping, label colours and project grouping come back; normalisations that do not change
 * the model are flat boxes written nested, {@code keypoints} key written as {@code points}, integral
 * coordinates written without a fraction, and missing {@code metadata}/{@code attributes} written as
 * {@code {}}.
 */
package dev.labelport.formats.avala;
