#!/usr/bin/env python3
"""Oracle cases from the external COCO samples: every polygon annotation (the parts united, as
pycocotools' annToRLE does), keyed by file and annotation id, and every distinct compressed RLE
string, keyed by its SHA-256. Prints KEY<tab>CASE."""
import hashlib
import json
import os
import sys

root = sys.argv[1]
seen = set()
for dirpath, _, files in sorted(os.walk(os.path.join(root, "coco"))):
    for name in sorted(files):
        if not name.endswith(".json"):
            continue
        path = os.path.join(dirpath, name)
        rel = os.path.relpath(path, root)
        try:
            doc = json.load(open(path))
        except ValueError:
            continue
        if isinstance(doc, list):
            doc = {"annotations": doc}
        if not isinstance(doc, dict) or not isinstance(doc.get("annotations"), list):
            continue
        sizes = {im.get("id"): (im.get("height"), im.get("width")) for im in doc.get("images", [])
                 if isinstance(im, dict)}
        for a in doc["annotations"]:
            seg = a.get("segmentation") if isinstance(a, dict) else None
            if isinstance(seg, list) and seg and all(isinstance(p, list) and len(p) >= 6 and len(p) % 2 == 0
                                                     for p in seg):
                h, w = sizes.get(a.get("image_id"), (None, None))
                if not h or not w:
                    continue
                parts = ["poly", str(h), str(w), str(len(seg))]
                for p in seg:
                    parts.append(str(len(p) // 2))
                    parts += [repr(float(v)) for v in p]
                print("%s %s\t%s" % (rel, a.get("id"), " ".join(parts)))
            elif isinstance(seg, dict) and isinstance(seg.get("counts"), str) and seg.get("size"):
                h, w = seg["size"]
                key = hashlib.sha256(seg["counts"].encode()).hexdigest()
                if key not in seen:
                    seen.add(key)
                    print("rle %s\tstr %d %d %s" % (key, h, w, seg["counts"]))
