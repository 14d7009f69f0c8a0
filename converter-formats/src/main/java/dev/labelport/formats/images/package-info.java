/**
 * Image sizes for conversions between pixel and normalised coordinates (YOLO, Vertex and Azure
 * store fractions of the image size; COCO, VOC and the others pixels).
 *
 * <ul>
 *   <li>{@link dev.labelport.formats.images.ImageHeaders}: sizes from image file headers through
 *       {@code javax.imageio} and the TwelveMonkeys plugins (JPEG with CMYK/YCCK and broken
 *       markers, PNG, BMP, GIF, WebP, TIFF), pixels never decoded; optional EXIF orientation;
 *       bounded cache; a missing image is an error or reported, by option.</li>
 *   <li>{@link dev.labelport.formats.images.SizeTable}: sizes from a CSV/TSV
 *       {@code file,width,height} table.</li>
 * </ul>
 *
 * <p>Decisions: EXIF orientation is off by default (the stored size is what COCO and VOC
 * exports written by most tools hold; Ultralytics uses the displayed size, hence the option);
 * the orientation tag is read here from JPEG APP1, TIFF IFD0, PNG {@code eXIf} and WebP
 * {@code EXIF} instead of through a metadata library, because it is one tag, read forward-only
 * from the first bytes; an orientation that cannot be read counts as 1 (as stored). A header
 * declaring a side above {@code Limits.maxImageDimension} is refused as a located error.
 */
package dev.labelport.formats.images;
