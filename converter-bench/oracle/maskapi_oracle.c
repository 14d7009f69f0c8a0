/*
 * Oracle driver for Labelport's mask tests: runs pycocotools' maskApi.c on cases read from stdin
 * and prints, for each, the compressed RLE string, rleArea and rleToBbox. See README.md.
 *
 * Input, one case per line (numbers separated by spaces):
 *   poly H W K N1 x y x y ... N2 x y ...   K rings of Ni points: rleFrPoly each, rleMerge (union)
 *   box H W x y w h                        rleFrBbox
 *   counts H W M c1 ... cM                 given runs (checks the codec: rleToString, rleFrString)
 *   bits H W b                             rleEncode of a column-major 0/1 string of H*W chars
 *   merge H W I K ...                      I = 0 union / 1 intersection of K polys as "poly" rings
 *   str H W S                              rleFrString (then printed back through rleToString)
 *   iou H W C K ... K ...                  rleIou of two polys (as "poly"), iscrowd C; prints "iou VALUE"
 * Output, one line per case: STRING AREA X Y W H   (for counts: also "ok" when rleFrString
 * gives the runs back).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "maskApi.h"

static void print(const RLE *R) {
  char *s = rleToString(R);
  uint a; double bb[4];
  rleArea(R, 1, &a); rleToBbox(R, bb, 1);
  printf("%s %u %.17g %.17g %.17g %.17g", s[0] ? s : "-", a, bb[0], bb[1], bb[2], bb[3]);
  free(s);
}

static int readPolys(RLE *out, siz h, siz w, int intersect) {
  int k, i; if (scanf("%d", &k) != 1) return 0;
  RLE *R; rlesInit(&R, k);
  for (i = 0; i < k; i++) {
    int n, j; if (scanf("%d", &n) != 1) return 0;
    double *xy = malloc(sizeof(double) * 2 * (n > 0 ? n : 1));
    for (j = 0; j < 2 * n; j++) if (scanf("%lf", &xy[j]) != 1) return 0;
    rleFrPoly(R + i, xy, n, h, w); free(xy);
  }
  rleMerge(R, out, k, intersect); rlesFree(&R, k);
  return 1;
}

int main(void) {
  char cmd[16];
  while (scanf("%15s", cmd) == 1) {
    unsigned long h, w; RLE R;
    if (scanf("%lu %lu", &h, &w) != 2) return 1;
    if (!strcmp(cmd, "poly")) {
      if (!readPolys(&R, h, w, 0)) return 1;
      print(&R); rleFree(&R);
    } else if (!strcmp(cmd, "merge")) {
      int intersect; if (scanf("%d", &intersect) != 1) return 1;
      if (!readPolys(&R, h, w, intersect)) return 1;
      print(&R); rleFree(&R);
    } else if (!strcmp(cmd, "box")) {
      double bb[4]; if (scanf("%lf %lf %lf %lf", bb, bb + 1, bb + 2, bb + 3) != 4) return 1;
      rleFrBbox(&R, bb, h, w, 1); print(&R); rleFree(&R);
    } else if (!strcmp(cmd, "counts")) {
      siz m, j; if (scanf("%lu", &m) != 1) return 1;
      uint *c = malloc(sizeof(uint) * (m + 1));
      for (j = 0; j < m; j++) if (scanf("%u", &c[j]) != 1) return 1;
      rleInit(&R, h, w, m, c); print(&R);
      char *s = rleToString(&R); RLE B; rleFrString(&B, s, h, w);
      int same = B.m == m; for (j = 0; same && j < m; j++) same = B.cnts[j] == c[j];
      printf(" %s", same ? "ok" : "differs");
      free(s); rleFree(&B); rleFree(&R); free(c);
    } else if (!strcmp(cmd, "iou")) {
      int crowd; RLE B; double o; byte c;
      if (scanf("%d", &crowd) != 1) return 1;
      if (!readPolys(&R, h, w, 0) || !readPolys(&B, h, w, 0)) return 1;
      c = (byte) crowd; rleIou(&R, &B, 1, 1, &c, &o);
      printf("iou %.17g", o); rleFree(&R); rleFree(&B);
    } else if (!strcmp(cmd, "str")) {
      static char b[1 << 22];
      if (scanf("%4194303s", b) != 1) return 1;
      rleFrString(&R, b, h, w); print(&R); rleFree(&R);
    } else if (!strcmp(cmd, "bits")) {
      siz a = h * w, j; char *b = malloc(a + 1);
      if (scanf("%s", b) != 1 && a > 0) return 1;
      byte *M = malloc(a ? a : 1); for (j = 0; j < a; j++) M[j] = b[j] == '1';
      rleEncode(&R, M, h, w, 1); print(&R); rleFree(&R); free(M); free(b);
    } else {
      fprintf(stderr, "unknown case %s\n", cmd); return 1;
    }
    printf("\n");
  }
  return 0;
}
