package dev.labelport.masks;

import dev.labelport.model.Box;
import dev.labelport.model.Mask;
import dev.labelport.model.PointList;
import dev.labelport.model.Polygon;
import dev.labelport.testing.MaskOracle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case of {@code testdata/masks-oracle/expected.tsv} against what pycocotools'
 * {@code maskApi.c} gave for it: compressed string, area and bounding box.
 */
class PycocotoolsOracleTest {

    @Test
    void everyOracleCaseGivesTheSameStringAreaAndBox() {
        Map<String, String> expected = MaskOracle.expected("expected.tsv");
        assertTrue(expected.size() >= 500, "oracle cases: " + expected.size());
        List<String> wrong = new ArrayList<>();
        int decoderDisagrees = 0;
        int ious = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String[] out = e.getValue().split(" ");
            if (out[0].equals("iou")) {
                double iou = iou(e.getKey());
                if (iou != Double.parseDouble(out[1])) {
                    wrong.add(e.getKey() + "\n   want " + out[1] + "\n   got  " + iou);
                }
                ious++;
                continue;
            }
            Mask ours = evaluate(e.getKey());
            String got = MaskOracle.describe(ours, true);
            String want = String.join(" ", Arrays.copyOf(out, 6)).replaceAll("(\\d)\\.0\\b", "$1");
            if (!got.equals(want)) {
                wrong.add(e.getKey().substring(0, Math.min(80, e.getKey().length())) + "\n   want " + want + "\n   got  " + got);
            }
            if (out.length > 6) {
                // our decoder always gives the runs back, even where maskApi.c's does not
                assertArrayEquals(ours.counts(), Mask.decode(Mask.encode(ours.counts())), e.getKey());
                decoderDisagrees += out[6].equals("differs") ? 1 : 0;
            }
        }
        assertEquals(List.of(), wrong, wrong.size() + " of " + expected.size() + " differ");
        assertEquals(40, ious);
        // one run array with deltas beyond 2^29 hits maskApi.c's undefined shifts in rleFrString
        assertEquals(1, decoderDisagrees);
    }

    /** {@code iou H W CROWD rings rings}: rleIou of the two polygons. */
    static double iou(String line) {
        Scanner s = new Scanner(line.split(" "));
        s.next();
        int h = s.nextInt();
        int w = s.nextInt();
        boolean crowd = s.nextInt() == 1;
        Mask dt = Rle.fromPolygon(new Polygon(s.rings()), h, w);
        Mask gt = Rle.fromPolygon(new Polygon(s.rings()), h, w);
        return Rle.iou(dt, gt, crowd);
    }

    static Mask evaluate(String line) {
        Scanner s = new Scanner(line.split(" "));
        String cmd = s.next();
        int h = s.nextInt();
        int w = s.nextInt();
        switch (cmd) {
            case "poly": {
                return Rle.fromPolygon(new Polygon(s.rings()), h, w);
            }
            case "merge": {
                boolean intersect = s.nextInt() == 1;
                List<Mask> masks = new ArrayList<>();
                for (Polygon.Part p : s.rings()) {
                    masks.add(Rle.fromRing(p.shell(), h, w));
                }
                return intersect ? Rle.intersection(masks) : Rle.union(masks);
            }
            case "box":
                return Rle.fromBox(new Box(s.nextDouble(), s.nextDouble(), s.nextDouble(), s.nextDouble()), h, w);
            case "counts": {
                int[] c = new int[s.nextInt()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = (int) Long.parseLong(s.next());
                }
                return Mask.ofCounts(h, w, c);
            }
            case "str":
                return Mask.ofCompressed(h, w, s.next());
            case "bits": {
                String bits = s.next();
                MaskBuilder b = new MaskBuilder(h, w);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        if (bits.charAt(x * h + y) == '1') {
                            b.addRun(y, x, x + 1);
                        }
                    }
                }
                return b.build();
            }
            default:
                throw new IllegalArgumentException(cmd);
        }
    }

    /** Tokens of one case line. */
    private static final class Scanner {
        private final String[] t;
        private int i;

        Scanner(String[] t) {
            this.t = t;
        }

        String next() {
            return t[i++];
        }

        int nextInt() {
            return Integer.parseInt(next());
        }

        double nextDouble() {
            return Double.parseDouble(next());
        }

        List<Polygon.Part> rings() {
            int k = nextInt();
            List<Polygon.Part> parts = new ArrayList<>();
            for (int r = 0; r < k; r++) {
                double[] xy = new double[2 * nextInt()];
                for (int j = 0; j < xy.length; j++) {
                    xy[j] = nextDouble();
                }
                parts.add(new Polygon.Part(PointList.wrap(xy), List.of()));
            }
            return parts;
        }
    }
}
