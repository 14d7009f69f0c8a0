package dev.labelport.model;

/**
 * What an annotation marks. Image coordinates are pixel-edge floats with the origin at the
 * top-left corner of the top-left pixel (the COCO convention: a box covering exactly the first
 * pixel is {@code x=0, y=0, w=1, h=1}). Text offsets are half-open and count Unicode code points.
 */
public sealed interface Geometry
        permits Box, RotatedBox, Polygon, Polyline, Points, Keypoints, Mask, Cuboid, Tag, Caption, TextSpan, TokenTags {

    GeometryKind kind();
}
