package dev.labelport.formats.yolo;

import dev.labelport.spi.Detection;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How sure a folder is a YOLO dataset, from its file names (and the first line of one .txt at most). */
final class YoloDetection {
    private YoloDetection() {
    }

    /** A dataset's config file given alone (the dataset is its folder): 90 for obj.data, 85 for a data.yaml naming splits or classes. */
    private static int configFile(Detection probe) {
        String name = probe.path() == null || probe.path().getFileName() == null ? ""
                : probe.path().getFileName().toString().toLowerCase(Locale.ROOT);
        String head = probe.headText();
        if (name.endsWith(".data") && head.matches("(?s).*\\b(train|names|classes)\\s*=.*")) {
            return 90;
        }
        if ((name.endsWith(".yaml") || name.endsWith(".yml")) && head.matches("(?s).*(^|\\n)(train|val|names|nc)\\s*:.*")) {
            return 85;
        }
        return 0;
    }

    static int score(Detection probe) {
        if (!probe.isDirectory()) {
            return configFile(probe);
        }
        List<String> entries = probe.entries();
        boolean yaml = false;
        boolean darknet = false;
        boolean namesTxt = false;
        boolean labelInFolder = false;
        boolean manifest = false;
        int txt = 0;
        String firstTxt = null;
        Set<String> imageStems = new HashSet<>();
        Set<String> txtStems = new HashSet<>();
        for (String e : entries) {
            String lower = e.toLowerCase(Locale.ROOT);
            String name = YoloPaths.fileName(lower);
            boolean top = !e.contains("/");
            if (top && (name.equals("data.yaml") || name.equals("data.yml") || name.equals("dataset.yaml"))) {
                yaml = true;
            } else if (top && (name.equals("obj.data") || name.equals("obj.names"))) {
                darknet = true;
            } else if (top && name.equals("classes.txt")) {
                namesTxt = true;
            } else if (e.equals("classify/names.txt")) {
                manifest = true;
            } else if (name.endsWith(".txt") && !name.startsWith("readme")) {
                txt++;
                if (YoloPaths.inLabelFolder(e)) {
                    labelInFolder = true;
                }
                if (firstTxt == null) {
                    firstTxt = e;
                }
                txtStems.add(YoloPaths.withoutExtension(YoloPaths.fileName(e)));
            } else if (YoloPaths.isImage(name)) {
                imageStems.add(YoloPaths.withoutExtension(YoloPaths.fileName(e)));
            }
        }
        if (manifest || yaml && (labelInFolder || txt > 0)) {
            return 95;
        }
        if (darknet) {
            return 90;
        }
        if (labelInFolder || namesTxt && txt > 1) {
            // a labels folder of lines that are not YOLO's (DOTA's labelTxt: x1 y1 ... x4 y4 name
            // difficulty) is someone else's dataset; blank label files are YOLO negatives
            return firstTxt == null || Entries.startsLikeALabel(probe.path().resolve(firstTxt), true) ? 80 : 0;
        }
        for (String s : txtStems) {
            if (imageStems.contains(s)) {
                return 60;
            }
        }
        if (yaml) {
            return 50;
        }
        if (firstTxt != null) {
            Path p = probe.path().resolve(firstTxt);
            return Entries.startsLikeALabel(p, false) ? 40 : 0;
        }
        return 0;
    }
}
