package dev.labelport.formats.avala;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-written Avala exports (no real export is public: these stand in for one). */
final class AvalaSamples {
    private AvalaSamples() {
    }

    /**
     * Two datasets, two projects that both have a label "car", every annotation type, a flat and a
     * nested box, an item without results, results listed before the datasets and not in item
     * order, a label missing from its project, attributes of every JSON type, metadata with keys
     * differing only in case, and unknown keys at every level.
     */
    static final String FULL = """
            {
              "results": [
                {"uid": "r2", "dataset_item_uid": "880b0700-h51e-11ee-z000-000000000002", "project_uid": "p2",
                 "annotations": [
                   {"uid": "a5", "type": "polyline", "label": "lane", "vertices": [[0, 10], [50.5, 12], [100, 14]],
                    "attributes": {}},
                   {"uid": "a6", "type": "cuboid", "label": "car",
                    "center": {"x": 1.5, "y": -2, "z": 0.75}, "dimensions": {"length": 4.2, "width": 1.8, "height": 1.5},
                    "rotation": {"yaw": 0.1, "pitch": 0, "roll": 0}, "attributes": {"moving": true}},
                   {"uid": "a7", "type": "keypoints", "label": "person",
                    "points": [{"x": 10, "y": 20, "visibility": 2}, {"x": 0, "y": 0, "visibility": 0},
                               {"x": 30, "y": 40, "visible": false}],
                    "attributes": {}}
                 ],
                 "review": "ok"},
                {"uid": "r1", "dataset_item_uid": "i1", "project_uid": "p1",
                 "annotations": [
                   {"uid": "a1", "type": "bounding_box", "label": "car",
                    "coordinates": {"x": 120.0, "y": 85.5, "width": 200.0, "height": 150.0},
                    "attributes": {"occluded": false, "count": 3, "ratio": 0.25, "color": "red", "tags": ["a", 1],
                                   "nested": {"k": null}, "none": null},
                    "created_by": "user_01H", "created_at": "2025-09-15T10:30:00Z"},
                   {"uid": "a2", "type": "bounding_box", "label": "truck", "x": 5, "y": 6, "width": 7, "height": 8.5,
                    "attributes": {}},
                   {"uid": "a3", "type": "polygon", "label": "car",
                    "vertices": [[305.0, 120.0], [320.0, 115.0], [340.0, 130.0], [345.0, 200.0]],
                    "attributes": {"pose": "walking"}, "note": "manual"},
                   {"uid": "a4", "type": "classification", "label": "daytime", "attributes": {}}
                 ]},
                {"uid": "r3", "dataset_item_uid": "i1", "project_uid": "p2",
                 "annotations": [
                   {"type": "bounding_box", "label": "car", "coordinates": {"x": 1, "y": 2, "width": 3, "height": 4}},
                   {"uid": "a9", "type": "bounding_box", "label": "bus", "coordinates": {"x": 0, "y": 0, "width": 1, "height": 1}}
                 ]},
                {"uid": "r4", "dataset_item_uid": "880b0700-h51e-11ee-z000-000000000002", "project_uid": "p1",
                 "annotations": []}
              ],
              "scheme_version": "1.0",
              "export_info": {"name": "cars", "created_at": "2025-01-21T10:00:00Z", "format": "avala-json-external",
                              "filter_query_string": "annotation.label = \\"car\\"", "requested_by": "me"},
              "datasets": [
                {"uid": "d1", "name": "street", "items": [
                  {"uid": "i1", "ref_id": "img_0001.jpg", "metadata": {"weather": "rainy", "Weather": "dry", "frame": 12}},
                  {"uid": "i2", "ref_id": "img_0002.jpg", "metadata": {}}
                ]},
                {"uid": "d2", "name": "lidar", "items": [
                  {"uid": "880b0700-h51e-11ee-z000-000000000002", "ref_id": "scan_0001.pcd",
                   "metadata": {"sensor": "top"}, "sequence": "s1"}
                ], "data_type": "lidar"},
                {"uid": "d3", "name": "empty", "items": []}
              ],
              "projects": [
                {"uid": "p1", "name": "detection", "labels": [
                  {"name": "car", "color": "#ff0000"}, {"name": "truck", "color": "#00ff00"},
                  {"name": "daytime", "color": "#0000ff"}]},
                {"uid": "p2", "name": "3d", "labels": [
                  {"name": "car", "color": "#ff8800", "shortcut": "c"}, {"name": "lane"},
                  {"name": "person", "color": "#123456"}], "task_type": "CUBOID"},
                {"uid": "p3", "name": "unused", "labels": []}
              ],
              "export_job": 42
            }
            """;

    static Path write(Path dir, String name, String json) {
        try {
            Path f = dir.resolve(name);
            Files.writeString(f, json, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
