/**
 * Mask algorithms shared by the formats and the model, all working on runs, never on a bitmap:
 * {@link dev.labelport.masks.Rle} (pycocotools-exact rasterisation of polygons and boxes, merge,
 * area, bounding box, IoU), {@link dev.labelport.masks.Contours} (mask to polygon),
 * {@link dev.labelport.masks.MaskBuilder} and {@link dev.labelport.masks.MaskRows} (row-major
 * building and painting, for image formats). The RLE string codec is
 * {@link dev.labelport.model.Mask#encode}/{@link dev.labelport.model.Mask#decode}.
 */
package dev.labelport.masks;
