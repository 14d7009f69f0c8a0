package dev.labelport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildBucketsTest {
    @TempDir
    Path tmp;

    /** Writes "P<k>" parents then children "C<k>.<n>" for the given parent keys, and indexes them. */
    private GroupingIndex layout(Path file, int parents, int[] childParents) throws IOException {
        GroupingIndex index = new GroupingIndex();
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < parents; k++) {
            String rec = "P" + k + ";";
            index.addParent(index.ordinal("k" + k), sb.length(), rec.length(), 1);
            sb.append(rec);
        }
        for (int c = 0; c < childParents.length; c++) {
            String rec = "C" + childParents[c] + "." + c + ";";
            index.addChild(index.ordinal("k" + childParents[c]), sb.length(), rec.length(), 1);
            sb.append(rec);
        }
        Files.writeString(file, sb, StandardCharsets.US_ASCII);
        index.seal();
        return index;
    }

    private List<String> walk(GroupingIndex index, ChildBuckets buckets) {
        List<String> seen = new ArrayList<>();
        for (int parent = 0; parent < index.parentCount(); parent++) {
            int o = index.parentOrdinal(parent);
            for (int pos = index.childStart(o); pos < index.childEnd(o); pos++) {
                int child = index.sortedChild(pos);
                buckets.read(child);
                seen.add(new String(buckets.buffer(), buckets.offset(), index.childLength(child), StandardCharsets.US_ASCII));
            }
        }
        return seen;
    }

    private static List<String> expected(int parents, int[] childParents) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < parents; k++) {
            for (int c = 0; c < childParents.length; c++) {
                if (childParents[c] == k) {
                    out.add("C" + k + "." + c + ";");
                }
            }
        }
        return out;
    }

    @Test
    void shuffledChildrenAreRegroupedIntoBucketsAndServedInParentOrder() throws IOException {
        Random r = new Random(3);
        int[] childParents = new int[5000];
        for (int i = 0; i < childParents.length; i++) {
            childParents[i] = r.nextInt(300);
        }
        Path file = tmp.resolve("shuffled");
        GroupingIndex index = layout(file, 300, childParents);
        Path spill = Files.createDirectories(tmp.resolve("spill"));
        try (ChildBuckets b = ChildBuckets.prepare(file, index, spill, 4096)) {
            assertTrue(b.regrouped());
            assertEquals(expected(300, childParents), walk(index, b));
        }
        try (Stream<Path> left = Files.list(spill)) {
            assertEquals(0, left.count(), "bucket files are deleted");
        }
    }

    @Test
    void childrenInParentOrderAreReadInPlace() throws IOException {
        int[] childParents = {0, 0, 1, 3, 3, 3};
        Path file = tmp.resolve("ordered");
        GroupingIndex index = layout(file, 4, childParents);
        try (ChildBuckets b = ChildBuckets.prepare(file, index, tmp, 4096)) {
            assertFalse(b.regrouped());
            assertEquals(expected(4, childParents), walk(index, b));
        }
    }
}
