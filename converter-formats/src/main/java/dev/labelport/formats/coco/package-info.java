/**
 * COCO JSON ({@code coco}, alias {@code coco-json}): object detection, instance segmentation,
 * stuff, keypoints and captions files, and the COCO results array.
 *
 * <h2>Layout</h2>
 * One JSON file. A <em>dataset</em> is an object with {@code images}, {@code annotations},
 * {@code categories} and optionally {@code info}, {@code licenses} and any other key; the
 * sections may come in any order and annotations need not be grouped by image. A <em>results</em>
 * file is a bare array of {@code {image_id, category_id, bbox|segmentation|keypoints, score}} or
 * {@code {image_id, caption}}.
 *
 * <h2>Reading</h2>
 * {@code open} scans the file once with a streaming parser and keeps only the byte range of each
 * image and annotation (about 28 bytes per annotation) plus the small sections; {@code next}
 * walks the images in file order and re-parses each image and its annotations from those byte
 * ranges. Annotations that are not grouped by image (the usual case: COCO's own files are
 * shuffled) are first copied, in one sequential pass, into bucket files of about 4 MB by image
 * range ({@link dev.labelport.internal.ChildBuckets}), so that re-reading them costs no random
 * reads and one bucket is in memory at a time. The file is not memory-mapped: mapped pages would
 * count towards the process's resident memory. Errors inside a record carry the absolute line,
 * column, byte offset and a path such as {@code annotations[1203].bbox[2]}. Dangling
 * {@code image_id}/{@code category_id} values are found after the scan and reported at the first
 * annotation using them. Under {@code ErrorPolicy.SKIP} a bad image or
 * annotation is skipped and reported as {@code SKIPPED_RECORD}.
 * <ul>
 * <li>image: {@code id} (number or string, kept as read), {@code file_name}, {@code width},
 *     {@code height} (checked against {@code maxImageDimension}), {@code coco_url} as the item's
 *     URI; every other key ({@code license}, {@code flickr_url}, {@code date_captured}, unknown
 *     ones, and known ones whose value is null) is kept as read in the item's {@code "coco"}
 *     extension.</li>
 * <li>annotation: the geometry is, in order of precedence, {@code keypoints} (non-empty) &gt;
 *     {@code segmentation} (polygons, or RLE with counts as an array or a compressed string) &gt;
 *     {@code bbox} &gt; {@code caption} &gt; an image-level {@code Tag} when only
 *     {@code category_id} is present (Datumaro's "labels" task). {@code id}, {@code score},
 *     {@code iscrowd} (booleans, 0/1 and their string forms) and CVAT's {@code attributes}
 *     object map to the model. A {@code bbox} beside a segmentation or keypoints is the
 *     annotation's {@link dev.labelport.model.Annotation#objectBox() object box} when it differs
 *     from the shape's bounds (COCO computes it from the mask; it is authoritative): box-only
 *     targets (YOLO detect, VOC, Vertex, Azure detection, CSV presets) get it, as Ultralytics'
 *     {@code convert_coco}, globox and Datumaro do. {@code area} goes under {@code "derived"} in
 *     the extension <em>only when it differs</em> from what the writer computes (so a round trip
 *     neither loses nor invents it). The segmentation of a
 *     keypoints annotation, an inconsistent {@code num_keypoints}, {@code segmentation: []},
 *     {@code bbox: []} and unknown keys ({@code ignore}, whole-body {@code face_kpts}, ...) are
 *     kept as read in the extension.</li>
 * <li>category: {@code id} kept as read, {@code name}, {@code supercategory}, a string
 *     {@code color}, {@code keypoints} names and the {@code skeleton}, made 0-based. Other keys
 *     (panoptic {@code isthing}, array colours) go to the extension.</li>
 * <li>results: items are made from the {@code image_id} values in first-seen order and
 *     categories are named after their ids (one {@code SYNTHESISED} note); the header extension
 *     records {@code "flavour": "results"}. Annotations have no id unless the file gives one.</li>
 * <li>header: {@code info.description} is the dataset name, {@code info.version} the source
 *     version; {@code info}, {@code licenses} and unknown top-level keys are kept as read.</li>
 * </ul>
 *
 * <h2>Writing</h2>
 * {@code {"info"?, "licenses"?, ...other keys, "images", "annotations", "categories"}}: images are
 * written as items arrive, annotations are spilled to a temporary file (under the context's temp
 * directory, deleted on close) and appended at the end, categories last. With
 * {@code sections=annotations-first} the annotations go straight to the output and the (much
 * smaller) images are spilled instead: on a train2017-size file that saves writing and copying
 * about 400 MB; COCO readers (pycocotools, this one) do not care about key order. Ids keep their form
 * (numbers as numbers, strings as strings). {@code bbox} is the box itself, else the object box
 * (a COCO {@code bbox} read, a YOLO pose line's box), else the shape's bounds (keypoints: the
 * labelled points; an unlabelled one at 0,0 is no part of the object; none labelled: no
 * {@code bbox}). {@code area} comes from {@code "derived"} when present, else is computed (box
 * w·h, polygon shoelace area, mask pixel count; keypoints: the area of their {@code bbox}).
 * Annotations without an id get 1, 2, ... ({@code SYNTHESISED}). Category ids are kept when they
 * are integers (or were read from COCO); other ids (e.g. {@code "p1:car"}) and clashing ones are
 * numbered with the next free integer ({@code REINDEXED}, once per category).
 * <p>Options (writer): {@code flavour=dataset|results|auto} (auto: results when the header says it
 * was read from a results file, else dataset), {@code pretty=true|false} (default false), {@code sections=images-first|annotations-first}
 * (default images-first). The
 * reader takes no options.
 *
 * <h2>Losses</h2>
 * Rotated boxes become polygons of their corners and polygon holes are dropped
 * ({@code APPROXIMATED_GEOMETRY}); polylines, points, cuboids, text spans and token tags are
 * dropped ({@code DROPPED_GEOMETRY}); annotator, status, timestamps, group/track ids, the removed
 * flag, item split/dataset/metadata, category attribute schemas are dropped ({@code DROPPED_FIELD}, once per record, naming the fields);
 * other formats' extension fields are reported by the pipeline, one {@code DROPPED_FIELD} per field. The results
 * flavour also drops image fields, images without annotations ({@code DROPPED_ITEM}) and
 * category names.
 *
 * <h2>Decisions where the sources disagree or say nothing</h2>
 * <ul>
 * <li>Skeleton base: COCO skeletons are 1-based; when an index 0 appears the skeleton is taken
 *     as 0-based (Datumaro, coco-annotator#304), kept so, and flagged
 *     {@code "zero_based_skeleton": true} in the category extension so it is written back
 *     0-based.</li>
 * <li>Tags: annotations with only a {@code category_id} (Datumaro "labels") are read as
 *     {@code Tag} and tags are written back the same way, so TAG is among the geometry kinds.
 *     pycocotools loads such annotations but its box evaluation needs a {@code bbox}.</li>
 * <li>Captions: an unknown {@code category_id} on a caption (Datumaro writes 0 with no
 *     categories) is not an error; it is kept in the extension.</li>
 * <li>Panoptic annotations ({@code segments_info} + PNG) are refused with a located error: the
 *     segments live in the PNGs, which this single-file format does not read.</li>
 * <li>A 4-number polygon is an error (pycocotools takes it for a box, cocoapi#369), as are
 *     polygons with fewer than 3 points or an odd count, negative box sizes, and RLE whose runs
 *     do not add up to height × width.</li>
 * <li>String item and annotation ids are written as strings (FORMATS.md §3.6 suggests renumbering
 *     to integers; the project keeps ids as read, and {@code IdPolicy} renumbers on request).</li>
 * <li>Image ids are matched by their text, so {@code "image_id": "5"} finds {@code "id": 5}.</li>
 * <li>{@code date_captured} and {@code info.date_created} are free-form in the wild (0, "",
 *     "2013-11-14 11:18:45", "2020/06/20"): kept as read, never parsed.</li>
 * <li>Unknown keys inside an RLE object are ignored; keypoint visibility must be 0, 1 or 2.</li>
 * <li>Coordinates are written in the shortest form that reads back to the same double; a
 *     negative zero is written as 0.</li>
 * </ul>
 */
package dev.labelport.formats.coco;
